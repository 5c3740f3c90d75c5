import type { SingleReadOp } from '../neo4j/batch.js';
import { defineConnection } from '../neo4j/connection.js';
import { entityProjection, type EntityRow } from '../node/node.cypher.js';

/** Parks in a province (`key.code`), by name. */
export const provinceParks = defineConnection({
  name: 'provinceParks',
  match: () => `MATCH (:Province {code: key.code})<-[:LOCATED_IN]-(n:Park)`,
  sort: 'n.name',
  sortOf: (row) => row.name ?? null,
});

/** Partnerships located in a province through their parks or their own province, by title. */
export const provincePartnerships = defineConnection({
  name: 'provincePartnerships',
  match: () => `
CALL {
  WITH key
  MATCH (:Province {code: key.code})<-[:LOCATED_IN]-(n:Partnership)
  WHERE key.kind IS NULL OR n.kind = key.kind
  RETURN n
  UNION
  WITH key
  MATCH (:Province {code: key.code})<-[:LOCATED_IN]-(:Park)<-[:CONCERNS]-(n:Partnership)
  WHERE key.kind IS NULL OR n.kind = key.kind
  RETURN n
}`,
  sort: 'n.title',
  sortOf: (row) => row.title ?? null,
});

const allOf = (label: 'Province' | 'Country'): SingleReadOp<null, EntityRow[]> => ({
  name: `all:${label}`,
  mode: 'single',
  limit: () => 1000,
  cypher: `
MATCH (n:${label})
WITH n ORDER BY n.code LIMIT $limit
RETURN collect(${entityProjection('n')}) AS result`,
});

export const allProvinces = allOf('Province');
export const allCountries = allOf('Country');
