import { defineConnection, type ConnectionOps } from '../neo4j/connection.js';
import { foreignExpression } from '../node/node.cypher.js';

/**
 * Key fields: foreign, kind (partnership kind), province (ISO code),
 * country (ISO code). Which MATCH starts the read depends on which filters
 * are set, so that a province or a partnership kind is looked up by index
 * rather than by scanning every company.
 */
export type CompanyCandidates = 'province' | 'kind' | 'country' | 'all';

const filters = `
WITH n, key
WHERE (key.foreign IS NULL OR ${foreignExpression('n')} = key.foreign)
  AND (key.country IS NULL OR EXISTS { (n)-[:HEADQUARTERED_IN]->(:Country {code: key.country}) })`;

const candidates: Record<CompanyCandidates, string> = {
  // Active in a province: a partnership located there (through its parks or
  // its own province), or a facility there; stored as ACTIVE_IN (src/derived/).
  province: `
MATCH (:Province {code: key.province})<-[a:ACTIVE_IN]-(n:Company)
WHERE key.kind IS NULL OR key.kind IN a.kinds`,
  kind: `MATCH (:Partnership {kind: key.kind})<-[:PARTICIPATES_IN]-(n:Company)`,
  country: `MATCH (:Country {code: key.country})<-[:HEADQUARTERED_IN]-(n:Company)`,
  all: `MATCH (n:Company)`,
};

const byCandidates = new Map<CompanyCandidates, ConnectionOps>(
  (Object.keys(candidates) as CompanyCandidates[]).map((shape) => [
    shape,
    defineConnection({
      name: `companies:${shape}`,
      match: () => `${candidates[shape]}${filters}`,
      sort: 'n.name',
      sortOf: (row) => row.name ?? null,
    }),
  ]),
);

export function companiesConnection(filter: { province?: string | null; kind?: string | null; country?: string | null }): ConnectionOps {
  const shape: CompanyCandidates = filter.province ? 'province' : filter.kind ? 'kind' : filter.country ? 'country' : 'all';
  return byCandidates.get(shape)!;
}

/** A company's partnerships, optionally of one kind. */
export const companyPartnerships = defineConnection({
  name: 'companyPartnerships',
  match: () => `
MATCH (:Entity {id: key.companyId})-[:PARTICIPATES_IN]->(n:Partnership)
WHERE key.kind IS NULL OR n.kind = key.kind`,
  sort: 'n.title',
  sortOf: (row) => row.title ?? null,
});
