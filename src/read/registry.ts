/**
 * Which domain reads (and filters) which GraphQL type: the compiler looks a type's field
 * projections up here. Each entry lives in its domain's *.cypher.ts.
 */
import { cityFilter, cityRead } from '../city/city.cypher.js';
import { companyFilter, companyRead, ownershipRead } from '../company/company.cypher.js';
import { facilityFilter, facilityRead } from '../facility/facility.cypher.js';
import { searchHitRead } from '../graph/graph.cypher.js';
import { parkFilter, parkRead } from '../park/park.cypher.js';
import { participantFilter, participantRead, partnershipFilter, partnershipRead } from '../partnership/partnership.cypher.js';
import { pledgeFilter, pledgerFilter, pledgeRead } from '../pledge/pledge.cypher.js';
import { countryFilter, countryRead, provinceFilter, provinceRead } from '../province/province.cypher.js';
import { designationRead, programRead, provinceParkCountRead } from '../program/program.cypher.js';
import { factRead, factRelationshipRead, importFileRead, importRead, sourceFactsRead } from '../provenance/provenance.cypher.js';
import { sourceFilter, sourceRead } from '../source/source.cypher.js';
import type { ReadRegistry } from './compile.js';
import type { FilterRegistry } from './filter.js';

export const readRegistry: ReadRegistry = {
  Company: companyRead,
  Ownership: ownershipRead,
  Park: parkRead,
  Province: provinceRead,
  Country: countryRead,
  Facility: facilityRead,
  Partnership: partnershipRead,
  Participant: participantRead,
  Pledge: pledgeRead,
  Program: programRead,
  Designation: designationRead,
  ProvinceParkCount: provinceParkCountRead,
  Source: { ...sourceRead, facts: sourceFactsRead },
  Import: importRead,
  ImportFile: importFileRead,
  Fact: factRead,
  FactRelationship: factRelationshipRead,
  City: cityRead,
  SearchHit: searchHitRead,
} as ReadRegistry;

/** Which fields of each type `where` and `sort` take: each entry lives beside its type's read. */
export const filterRegistry: FilterRegistry = {
  Company: companyFilter,
  Park: parkFilter,
  Facility: facilityFilter,
  Partnership: partnershipFilter,
  Participant: participantFilter,
  Pledge: pledgeFilter,
  Pledger: pledgerFilter,
  Source: sourceFilter,
  Province: provinceFilter,
  Country: countryFilter,
  City: cityFilter,
};
