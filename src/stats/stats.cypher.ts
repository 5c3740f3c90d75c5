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

/** Retired facts are history: no figure counts them. True when the given nodes and relationships are all current. */
const current = (...xs: string[]): string => xs.map((x) => `${x}.retiredOn IS NULL`).join(' AND ');

/**
 * Whole-graph counts (of current facts: retired ones are left out) and, for every province, its parks, the partnerships
 * located there and the companies active there (ACTIVE_IN, the same rule as
 * the `companies(where: {province})` filter). Cached by graph version.
 */
export const figuresCypher = (as: string): string => `
CALL {
  MATCH (pr:Province)
  WITH pr ORDER BY pr.code
  WITH pr, [(pr)<-[l:LOCATED_IN]-(p:Partnership) WHERE ${current('l', 'p')} | p]
    + [(pr)<-[l:LOCATED_IN]-(k:Park)<-[c:CONCERNS]-(p:Partnership) WHERE ${current('l', 'k', 'c', 'p')} | p] AS ps
  CALL (ps) { UNWIND ps AS p RETURN count(DISTINCT p) AS partnerships }
  WITH pr, partnerships,
    COUNT { (pr)<-[:ACTIVE_IN]-(:Company) } AS companies,
    COUNT { MATCH (pr)<-[:ACTIVE_IN]-(c:Company) WHERE ${foreignExpression('c')} } AS foreignCompanies
  RETURN collect({
    provinceId: pr.id,
    parks: COUNT { MATCH (pr)<-[l:LOCATED_IN]-(k:Park) WHERE ${current('l', 'k')} },
    partnerships: partnerships,
    companies: companies,
    foreignCompanies: foreignCompanies
  }) AS byProvince
}
RETURN {
  companies: COUNT { MATCH (n:Company) WHERE n.retiredOn IS NULL },
  foreignCompanies: COUNT { MATCH (c:Company) WHERE c.retiredOn IS NULL AND ${foreignExpression('c')} = true },
  parks: COUNT { MATCH (n:Park) WHERE n.retiredOn IS NULL },
  partnerships: COUNT { MATCH (n:Partnership) WHERE n.retiredOn IS NULL },
  pledges: COUNT { MATCH (n:Pledge) WHERE n.retiredOn IS NULL },
  facilities: COUNT { MATCH (n:Facility) WHERE n.retiredOn IS NULL },
  sources: COUNT { MATCH (n:Source) WHERE n.retiredOn IS NULL },
  entities: COUNT { MATCH (n:Entity) WHERE n.retiredOn IS NULL },
  // ACTIVE_IN is derived data (src/derived/), which exports leave out too; RETRACTED_SOURCE is history.
  relationships: COUNT { MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT type(r) IN ['ACTIVE_IN', 'RETRACTED_SOURCE'] AND ${current('a', 'r', 'b')} },
  provenanceRelationships: COUNT { MATCH (a:Entity)-[r:SOURCED_FROM]->(b:Entity) WHERE ${current('a', 'b')} },
  byProvince: byProvince
} AS ${as}`;

/** The figures alone (tests compare the API's answers with them). */
export const graphStats: SingleReadOp<null, GraphStatsRow> = {
  name: 'stats',
  mode: 'single',
  statement: () => ({ cypher: figuresCypher('result') }),
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
