/**
 * The floor of each contract operation: the same answer written by hand as
 * one Cypher statement, run through neo4j-driver with nothing in between.
 * The API can only be slower than this; the benchmark reports by how much.
 */

import neo4j from 'neo4j-driver';
import { toLuceneQuery } from '../src/graph/luceneQuery.js';

/** `foreign` is stored and maintained on write (src/derived/), as the API reads it. */
const foreign = (c: string) => `${c}.foreign`;

/** Companies active in province `pr` (ACTIVE_IN, maintained on write), of partnership `kind` when given. */
const activeIn = (kind: string | null) =>
  `MATCH (pr)<-[a:ACTIVE_IN]-(c:Company) WHERE c.retiredOn IS NULL${kind ? ` AND '${kind}' IN a.kinds` : ''}`;

/** A park's zero-carbon target year: the earliest year of its zero-carbon pledges, as the API's. */
const zeroCarbonTargetYear = (pk: string) =>
  `COLLECT { MATCH (${pk})-[:PLEDGED]->(zp:Pledge) WHERE zp.kind IN ['ZERO_CARBON', 'NET_ZERO', 'CARBON_NEUTRAL'] AND zp.targetYear IS NOT NULL RETURN zp.targetYear ORDER BY zp.targetYear LIMIT 1 }[0]`;

export const FLOOR: Record<string, string> = {
  ForeignCoBuilders: `
MATCH (pr:Province {code: $province})
${activeIn('CO_BUILD')} AND ${foreign('c')}
WITH c ORDER BY c.name, c.id
WITH collect(c) AS items
RETURN size(items) AS totalCount,
  [c IN items[0..$first] | c {.id, .name, foreign: true, country: [(c)-[:HEADQUARTERED_IN]->(k:Country) | k {.code, .name}][0]}] AS nodes`,

  ForeignFirmsInProvince: `
MATCH (pr:Province {code: $province})
${activeIn(null)} AND ${foreign('c')}
WITH c ORDER BY c.name, c.id
WITH collect(c) AS items
RETURN size(items) AS totalCount,
  [c IN items[0..100] | c {.id, .name, country: [(c)-[:HEADQUARTERED_IN]->(k:Country) | k {.code}][0]}] AS nodes`,

  CompanyProfile: `
MATCH (c:Entity {id: $id}) WHERE c:Company
CALL (c) {
  MATCH (c)-[:PARTICIPATES_IN]->(p:Partnership) WHERE p.retiredOn IS NULL
  WITH DISTINCT p ORDER BY p.title, p.id
  RETURN count(p) AS totalCount, collect(p)[0..20] AS page
}
RETURN c {.id, .name, .localName, .sector, foreign: ${foreign('c')},
  country: [(c)-[:HEADQUARTERED_IN]->(k:Country) | k {.code, .name}][0],
  parent: [(c)-[:SUBSIDIARY_OF]->(p:Company) | p {.id, .name, country: [(p)-[:HEADQUARTERED_IN]->(k:Country) | k {.code}][0]}][0],
  partnerships: {totalCount: totalCount, nodes: [p IN page | p {.id, .kind, .title, .status, .startedOn,
    // Its own province, else its parks' first by id (the API's rule), not the first in storage order.
    province: coalesce([(p)-[:LOCATED_IN]->(pr:Province) | pr {.code, .name}][0],
      COLLECT { MATCH (p)-[:CONCERNS]->(:Park)-[:LOCATED_IN]->(pr:Province) WITH pr ORDER BY pr.id LIMIT 1 RETURN pr {.code, .name} }[0]),
    parks: [(p)-[:CONCERNS]->(pk:Park) | pk {.id, .name}],
    participants: [(x:Company)-[r:PARTICIPATES_IN]->(p) | {role: r.role, company: x {.id, .name}}]}]},
  // The API's lists stop at their default first: 20, by name, target year or id.
  facilities: COLLECT { MATCH (c)-[:OPERATES]->(f:Facility) WITH f ORDER BY f.name, f.id LIMIT 20
    RETURN f {.id, .name, .city, province: [(f)-[:LOCATED_IN]->(pr:Province) | pr {.code, .name}][0]} },
  pledges: COLLECT { MATCH (c)-[:PLEDGED]->(pl:Pledge) WITH pl ORDER BY pl.targetYear, pl.id LIMIT 20 RETURN pl {.id, .kind, .targetYear, .status, .statement} },
  sources: COLLECT { MATCH (c)-[:SOURCED_FROM]->(s:Source) WITH s ORDER BY s.id LIMIT 20 RETURN s {.id, .title, .publisher, .publishedOn, .url} }
} AS company`,

  ProvinceOverview: `
MATCH (pr:Province {code: $code})
CALL (pr) {
  MATCH (pr)<-[:LOCATED_IN]-(pk:Park) WHERE pk.retiredOn IS NULL
  WITH pk ORDER BY pk.name, pk.id
  RETURN count(pk) AS parkCount, [x IN collect(pk)[0..20] | x {.id, .name, .city, .status, zeroCarbonTargetYear: ${zeroCarbonTargetYear('x')}}] AS parks
}
CALL (pr) {
  ${activeIn(null)} AND ${foreign('c')}
  WITH c ORDER BY c.name, c.id
  RETURN count(c) AS companyCount, [x IN collect(c)[0..50] | x {.id, .name, country: [(x)-[:HEADQUARTERED_IN]->(k:Country) | k {.code}][0]}] AS companies
}
CALL (pr) {
  CALL (pr) {
    MATCH (pr)<-[:LOCATED_IN]-(p:Partnership) RETURN p
    UNION
    MATCH (pr)<-[:LOCATED_IN]-(:Park)<-[:CONCERNS]-(p:Partnership) RETURN p
  }
  WITH DISTINCT p WHERE p.retiredOn IS NULL
  WITH p ORDER BY p.title, p.id
  RETURN count(p) AS partnershipCount, [x IN collect(p)[0..20] | x {.id, .kind, .title}] AS partnerships
}
RETURN pr {.code, .name, .localName, .kind} AS province, parkCount, parks, companyCount, companies, partnershipCount, partnerships`,

  ParkDetail: `
MATCH (pk:Entity {id: $id}) WHERE pk:Park
RETURN pk {.id, .name, .localName, .status, .city,
  zeroCarbonTargetYear: ${zeroCarbonTargetYear('pk')},
  province: [(pk)-[:LOCATED_IN]->(pr:Province) | pr {.code, .name}][0],
  partnerships: [(p:Partnership)-[:CONCERNS]->(pk) | p {.id, .kind, .title, .description, .startedOn,
    participants: [(x:Company)-[r:PARTICIPATES_IN]->(p) | {role: r.role, company: x {.id, .name, foreign: ${foreign('x')}}}],
    sources: [(p)-[:SOURCED_FROM]->(s:Source) | s {.title, .publisher}]}],
  pledges: [(pk)-[:PLEDGED]->(pl:Pledge) | pl {.id, .kind, .targetYear, .status}],
  facilities: [(f:Facility)-[:IN_PARK]->(pk) | f {.id, .name, operator: [(o:Company)-[:OPERATES]->(f) | o {.id, .name}][0]}]
} AS park`,

  PledgesDueBy: `
MATCH (pl:Pledge) WHERE pl.targetYear <= $year AND pl.retiredOn IS NULL
WITH pl ORDER BY pl.targetYear, pl.id
WITH collect(pl) AS items
RETURN size(items) AS totalCount, [pl IN items[0..50] | pl {.id, .kind, .targetYear, .status, .statement,
  pledger: [(x)-[:PLEDGED]->(pl) | x {.id, .name, .code, type: [l IN labels(x) WHERE l <> 'Entity' AND l <> 'Synthetic'][0]}][0],
  sources: [(pl)-[:SOURCED_FROM]->(s:Source) | s {.title, .publisher}]}] AS nodes`,

  Search: `
CALL db.index.fulltext.queryNodes('entity_search', $text) YIELD node, score
WITH node, score ORDER BY score DESC, node.id LIMIT 10
WITH collect({score: score, node: node {.id, .name, .code, .title, type: [l IN labels(node) WHERE l <> 'Entity' AND l <> 'Synthetic'][0]}}) AS results
RETURN results, [r IN results | r.node.id] AS ids`,

  HowConnected: `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
OPTIONAL MATCH p = shortestPath((a)-[:HEADQUARTERED_IN|SUBSIDIARY_OF|PARTICIPATES_IN|CONCERNS|LOCATED_IN|PART_OF|OPERATES|IN_PARK|PLEDGED|CONTRIBUTES_TO*..6]-(b))
RETURN length(p) AS length,
  [n IN nodes(p) | {id: n.id, type: [l IN labels(n) WHERE l <> 'Entity' AND l <> 'Synthetic'][0], label: coalesce(n.name, n.title, n.id)}] AS nodes,
  [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id}] AS edges`,

  Neighborhood: `
MATCH (a:Entity {id: $id})
OPTIONAL MATCH (a)-[r:HEADQUARTERED_IN|SUBSIDIARY_OF|PARTICIPATES_IN|CONCERNS|LOCATED_IN|PART_OF|OPERATES|IN_PARK|PLEDGED|CONTRIBUTES_TO]-(b)
WITH a, r, b LIMIT 199
WITH a, collect(DISTINCT b.id) AS neighbours, collect({type: type(r), from: startNode(r).id, to: endNode(r).id}) AS edges
RETURN [a.id] + neighbours AS nodes, edges`,

  // Whole-graph figures from the stored derived data; the API caches them by graph version.
  GraphStats: `
CALL () {
  MATCH (pr:Province)
  WITH pr ORDER BY pr.code
  RETURN collect({province: pr {.code, .name}, parks: COUNT { (pr)<-[:LOCATED_IN]-(:Park) },
    partnerships: COUNT { MATCH (pr)<-[:LOCATED_IN]-(p:Partnership) RETURN p UNION MATCH (pr)<-[:LOCATED_IN]-(:Park)<-[:CONCERNS]-(p:Partnership) RETURN p },
    foreignCompanies: COUNT { MATCH (pr)<-[:ACTIVE_IN]-(c:Company) WHERE c.foreign }}) AS byProvince
}
RETURN COUNT { (:Company) } AS companies,
  COUNT { MATCH (c:Company) WHERE c.foreign = true } AS foreignCompanies,
  COUNT { (:Park) } AS parks, COUNT { (:Partnership) } AS partnerships, COUNT { (:Pledge) } AS pledges,
  COUNT { (:Source) } AS sources, byProvince`,
};

/**
 * The analysts' operations (src/client/operations/analysts.graphql) written
 * by hand, as an engineer who knows the graph would: current nodes and
 * relationships only, the stored lower-cased twins for case-insensitive
 * text, EXISTS for "some", the API's order with ties broken by id.
 */
const current = (...xs: string[]) => xs.map((x) => `${x}.retiredOn IS NULL`).join(' AND ');
export const ANALYST_FLOOR: Record<string, string> = {
  PledgedCompanies: `
MATCH (c:Company) WHERE c.sectorFolded CONTAINS toLower($sector) AND ${current('c')}
  AND EXISTS { MATCH (c)-[r:PLEDGED]->(pl:Pledge) WHERE ${current('r', 'pl')}
    AND pl.kind IN ['NET_ZERO', 'CARBON_NEUTRAL', 'ZERO_EMISSIONS', 'ZERO_CARBON'] AND pl.targetYear <= $year }
WITH c ORDER BY c.name, c.id
WITH collect(c) AS items
RETURN size(items) AS totalCount, [c IN items[0..20] | c {.id, .name, .sector,
  country: [(c)-[:HEADQUARTERED_IN]->(k:Country) | k {.code}][0],
  pledges: COLLECT { MATCH (c)-[r:PLEDGED]->(pl:Pledge) WHERE ${current('r', 'pl')} WITH pl ORDER BY pl.targetYear, pl.id LIMIT 20 RETURN pl {.kind, .targetYear} }}] AS nodes`,

  ForeignLedPartnerships: `
MATCH (p:Partnership) WHERE p.startedOn >= $since AND ${current('p')}
  AND EXISTS { MATCH (c:Company)-[r:PARTICIPATES_IN {role: 'LEAD'}]->(p) WHERE c.foreign AND ${current('r', 'c')} }
WITH p ORDER BY p.startedOn DESC, p.id
WITH collect(p) AS items
RETURN size(items) AS totalCount, [p IN items[0..20] | p {.id, .kind, .title, .startedOn,
  participants: [(c:Company)-[r:PARTICIPATES_IN]->(p) WHERE ${current('r', 'c')} | {role: r.role, company: c {.id, .name, country: [(c)-[:HEADQUARTERED_IN]->(k:Country) | k {.code}][0]}}]}] AS nodes`,

  ParksWithTargets: `
MATCH (pr:Province) WHERE pr.code IN [$provinceA, $provinceB]
MATCH (pk:Park)-[:LOCATED_IN]->(pr) WHERE ${current('pk')}
  AND EXISTS { MATCH (pk)-[r:PLEDGED]->(pl:Pledge) WHERE pl.targetYear <= $year AND ${current('r', 'pl')} }
WITH DISTINCT pk ORDER BY pk.name, pk.id
WITH collect(pk) AS items
RETURN size(items) AS totalCount, [pk IN items[0..20] | pk {.id, .name,
  province: [(pk)-[:LOCATED_IN]->(pr:Province) | pr {.code}][0], zeroCarbonTargetYear: ${zeroCarbonTargetYear('pk')}}] AS nodes`,

  ParentGroups: `
MATCH (c:Company) WHERE c.nameFolded CONTAINS toLower($name) AND ${current('c')}
  AND EXISTS { MATCH (c)<-[r:SUBSIDIARY_OF]-(s:Company) WHERE ${current('r', 's')} }
  AND NOT EXISTS { MATCH (c)-[r:SUBSIDIARY_OF]->(p:Company) WHERE ${current('r', 'p')} }
  AND NOT EXISTS { MATCH (c)-[r:HEADQUARTERED_IN]->(:Country {code: 'CN'}) WHERE ${current('r')} }
WITH c ORDER BY c.name, c.id
WITH collect(c) AS items
RETURN size(items) AS totalCount, [c IN items[0..20] | c {.id, .name,
  country: [(c)-[:HEADQUARTERED_IN]->(k:Country) | k {.code}][0],
  subsidiaries: COLLECT { MATCH (c)<-[r:SUBSIDIARY_OF]-(s:Company) WHERE ${current('r', 's')} WITH s ORDER BY s.name, s.id LIMIT 20 RETURN s {.id, .name} }}] AS nodes`,

  DomesticPartnersOfForeignFirms: `
MATCH (c:Company) WHERE c.foreign = false AND ${current('c')}
  AND EXISTS { MATCH (c)-[r:PARTICIPATES_IN]->(p:Partnership)<-[r2:PARTICIPATES_IN]-(o:Company)
    WHERE o.foreign AND ${current('r', 'p', 'r2', 'o')} }
WITH c ORDER BY c.name, c.id
WITH collect(c) AS items
RETURN size(items) AS totalCount, [c IN items[0..20] | c {.id, .name,
  partnerships: COLLECT { MATCH (c)-[r:PARTICIPATES_IN]->(p:Partnership) WHERE ${current('r', 'p')} WITH DISTINCT p ORDER BY p.title, p.id LIMIT 20
    RETURN p {.id, .title, participants: [(x:Company)-[rx:PARTICIPATES_IN]->(p) WHERE ${current('rx', 'x')} | {company: x {.name, .foreign}}]} }}] AS nodes`,

  PledgeWindow: `
MATCH (pl:Pledge) WHERE pl.targetYear >= $from AND pl.targetYear <= $to AND ${current('pl')} AND coalesce(pl.status <> 'WITHDRAWN', true)
WITH pl ORDER BY pl.targetYear, pl.id
WITH collect(pl) AS items
RETURN size(items) AS totalCount, [pl IN items | pl.targetYear] AS years, [pl IN items[0..50] | pl {.id, .kind, .targetYear, .status}] AS nodes`,
};

/** Variables for the contract operations, picked where the synthetic graph is densest. */
export const PICK_VARIABLES = `
CALL () { MATCH (pr:Province)<-[:LOCATED_IN]-(:Park) RETURN pr.code AS province, count(*) AS parks ORDER BY parks DESC, province LIMIT 1 }
CALL () { MATCH (c:Company)-[:PARTICIPATES_IN]->() RETURN c.id AS company, count(*) AS partnerships ORDER BY partnerships DESC, company LIMIT 1 }
CALL () { MATCH (pk:Park)<-[:CONCERNS]-() RETURN pk.id AS park, count(*) AS concerned ORDER BY concerned DESC, park LIMIT 1 }
CALL () { MATCH (c:Synthetic:Company) RETURN c.id AS farCompany ORDER BY c.id DESC LIMIT 1 }
RETURN province, company, park, farCompany`;

/**
 * How many synthetic companies there are, and whether the graph was written
 * by the writer (its first company's source link has recordedBy; the
 * generator before issue 18 wrote around the writer): a bench reuses a
 * writer-written graph of the right size.
 */
export const SYNTHETIC_COMPANIES = `
MATCH (c:Synthetic:Company)
WITH count(c) AS companies
OPTIONAL MATCH (:Entity {id: 'syn-company-0'})-[r:SOURCED_FROM]->()
RETURN companies, count(r.recordedBy) > 0 AS written`;

export const NEO4J_VERSION = "CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS version";

/** The floors' parameters for the operations' variables on a bench graph (bench/benchApi.ts prepareSyntheticGraph). */
export function floorParamsOf(variables: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  return {
    ...variables,
    ForeignCoBuilders: { ...variables.ForeignCoBuilders, first: neo4j.int(50) },
    PledgesDueBy: { year: neo4j.int(2030) },
    // Integers as the API sends them (GraphQL Int), so that the floor compares as it does.
    PledgedCompanies: { ...variables.PledgedCompanies, year: neo4j.int(variables.PledgedCompanies!.year as number) },
    ParksWithTargets: { ...variables.ParksWithTargets, year: neo4j.int(variables.ParksWithTargets!.year as number) },
    PledgeWindow: { from: neo4j.int(variables.PledgeWindow!.from as number), to: neo4j.int(variables.PledgeWindow!.to as number) },
    // The API turns search text into a Lucene query; the floor asks the index the same question.
    Search: { text: toLuceneQuery(variables.Search!.text as string) },
  };
}
