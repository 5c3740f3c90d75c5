import type { SingleReadOp } from '../neo4j/batch.js';
import { foreignExpression } from '../node/node.cypher.js';

/** Where a row of one request carries its province, compiled with the request (see stats.read.ts). */
export const PROVINCE = Symbol('province');

export interface ProvinceStatsRow {
  provinceId: string;
  /** The province as this request selects it, by the response keys of `byProvince` and `province`. */
  [PROVINCE]?: Map<string, unknown>;
  parks: number;
  partnerships: number;
  companies: number;
  foreignCompanies: number;
}

export interface GraphStatsRow {
  companies: number;
  foreignCompanies: number;
  parks: number;
  partnerships: number;
  pledges: number;
  facilities: number;
  sources: number;
  entities: number;
  relationships: number;
  provenanceRelationships: number;
  byProvince: ProvinceStatsRow[];
}

/**
 * Whole-graph counts and, for every province, its parks, the partnerships
 * located there and the companies active there (ACTIVE_IN, the same rule as
 * the `companies(where: {province})` filter). Cached by graph version.
 */
export const figuresCypher = (as: string): string => `
CALL {
  MATCH (pr:Province)
  WITH pr ORDER BY pr.code
  WITH pr, [(pr)<-[:LOCATED_IN]-(p:Partnership) | p] + [(pr)<-[:LOCATED_IN]-(:Park)<-[:CONCERNS]-(p:Partnership) | p] AS ps
  CALL (ps) { UNWIND ps AS p RETURN count(DISTINCT p) AS partnerships }
  WITH pr, partnerships,
    COUNT { (pr)<-[:ACTIVE_IN]-(:Company) } AS companies,
    COUNT { MATCH (pr)<-[:ACTIVE_IN]-(c:Company) WHERE ${foreignExpression('c')} } AS foreignCompanies
  RETURN collect({
    provinceId: pr.id,
    parks: COUNT { (pr)<-[:LOCATED_IN]-(:Park) },
    partnerships: partnerships,
    companies: companies,
    foreignCompanies: foreignCompanies
  }) AS byProvince
}
RETURN {
  companies: COUNT { (:Company) },
  foreignCompanies: COUNT { MATCH (c:Company) WHERE ${foreignExpression('c')} = true },
  parks: COUNT { (:Park) },
  partnerships: COUNT { (:Partnership) },
  pledges: COUNT { (:Pledge) },
  facilities: COUNT { (:Facility) },
  sources: COUNT { (:Source) },
  entities: COUNT { (:Entity) },
  // ACTIVE_IN is derived data (src/derived/), which exports leave out too.
  relationships: COUNT { (:Entity)-[r]->(:Entity) WHERE type(r) <> 'ACTIVE_IN' },
  provenanceRelationships: COUNT { (:Entity)-[:SOURCED_FROM]->(:Entity) },
  byProvince: byProvince
} AS ${as}`;

/** The figures alone (tests compare the API's answers with them). */
export const graphStats: SingleReadOp<null, GraphStatsRow> = {
  name: 'stats',
  mode: 'single',
  limit: () => 1,
  cypher: figuresCypher('result'),
};

/**
 * A stats request in one statement: the graph version (the key the figures
 * are cached by, as in src/derived/figuresCache.ts), the figures unless the
 * caller already holds them for that version (`held`, a parameter), and
 * `provinces`, the list of the provinces as the request selects them. The
 * version and the figures come from one transaction, so figures are never
 * stored under a version they do not belong to.
 */
export const statsCypher = (held: string, provinces: string): string => `
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
WITH coalesce(v.epoch, 'none') + ':' + toString(coalesce(v.version, 0)) AS version
OPTIONAL CALL (version) {
  WITH * WHERE version <> ${held}
  ${figuresCypher('figures')}
}
RETURN {version: version, figures: figures, provinces: ${provinces}} AS result`;
