import type { SingleReadOp } from '../neo4j/batch.js';
import { foreignExpression } from '../node/node.cypher.js';

export interface ProvinceStatsRow {
  provinceId: string;
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
export const graphStats: SingleReadOp<null, GraphStatsRow> = {
  name: 'stats',
  mode: 'single',
  limit: () => 1,
  cypher: `
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
  relationships: COUNT { (:Entity)-->(:Entity) },
  provenanceRelationships: COUNT { (:Entity)-[:SOURCED_FROM]->(:Entity) },
  byProvince: byProvince
} AS result`,
};
