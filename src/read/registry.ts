/**
 * Which domain reads which GraphQL type: the compiler looks a type's field
 * projections up here. Each entry lives in its domain's *.cypher.ts.
 */
import { cityRead } from '../city/city.cypher.js';
import { companyRead, ownershipRead } from '../company/company.cypher.js';
import { facilityRead } from '../facility/facility.cypher.js';
import { searchHitRead } from '../graph/graph.cypher.js';
import { parkRead } from '../park/park.cypher.js';
import { participantRead, partnershipRead } from '../partnership/partnership.cypher.js';
import { pledgeRead } from '../pledge/pledge.cypher.js';
import { designationRead, programRead, provinceParkCountRead } from '../program/program.cypher.js';
import { countryRead, provinceRead } from '../province/province.cypher.js';
import { factRead, factRelationshipRead, importFileRead, importRead, sourceFactsRead } from '../provenance/provenance.cypher.js';
import { sourceRead } from '../source/source.cypher.js';
import type { ReadRegistry } from './compile.js';

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
