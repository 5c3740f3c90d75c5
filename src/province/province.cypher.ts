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

/** Hard bounds of the reference lists (`@maxItems` of `provinces` and `countries`): 34 divisions, 249 ISO countries. */
export const MAX_ITEMS = { Province: 50, Country: 300 } as const;

const allOf = (label: 'Province' | 'Country'): SingleReadOp<null, EntityRow[]> => ({
  name: `all:${label}`,
  mode: 'single',
  limit: () => MAX_ITEMS[label],
  cypher: `
MATCH (n:${label})
WITH n ORDER BY n.code LIMIT $limit
RETURN collect(${entityProjection('n')}) AS result`,
});

export const allProvinces = allOf('Province');
export const allCountries = allOf('Country');
