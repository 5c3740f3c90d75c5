/**
 * The floor of each contract operation: the same answer written by hand as
 * one Cypher statement, run through neo4j-driver with nothing in between.
 * The API can only be slower than this; the benchmark reports by how much.
 */

/** Same definition of "foreign" as the API's (src/node/node.cypher.ts), written out. */
const foreign = (c: string) =>
  `EXISTS { MATCH (${c})-[:SUBSIDIARY_OF*0..10]->(:Company)-[:HEADQUARTERED_IN]->(hq:Country) WHERE hq.code <> 'CN' }`;

/** Companies active in province `pr` through partnerships (of `kind` when given) or facilities. */
const activeIn = (kindFilter: string, withFacilities: boolean) => `
CALL (pr) {
  MATCH (pr)<-[:LOCATED_IN]-(p:Partnership)<-[:PARTICIPATES_IN]-(c:Company) ${kindFilter} RETURN c
  UNION
  MATCH (pr)<-[:LOCATED_IN]-(:Park)<-[:CONCERNS]-(p:Partnership)<-[:PARTICIPATES_IN]-(c:Company) ${kindFilter} RETURN c
  ${withFacilities ? 'UNION MATCH (pr)<-[:LOCATED_IN]-(:Facility)<-[:OPERATES]-(c:Company) RETURN c' : ''}
}`;

export const FLOOR: Record<string, string> = {
  ForeignCoBuilders: `
MATCH (pr:Province {code: $province})
${activeIn("WHERE p.kind = 'CO_BUILD'", false)}
WITH DISTINCT c WHERE ${foreign('c')}
WITH c ORDER BY c.name, c.id
WITH collect(c) AS items
RETURN size(items) AS totalCount,
  [c IN items[0..$first] | c {.id, .name, foreign: true, country: [(c)-[:HEADQUARTERED_IN]->(k:Country) | k {.code, .name}][0]}] AS nodes`,

  ForeignFirmsInProvince: `
MATCH (pr:Province {code: $province})
${activeIn('', true)}
WITH DISTINCT c WHERE ${foreign('c')}
WITH c ORDER BY c.name, c.id
WITH collect(c) AS items
RETURN size(items) AS totalCount,
  [c IN items[0..100] | c {.id, .name, country: [(c)-[:HEADQUARTERED_IN]->(k:Country) | k {.code}][0]}] AS nodes`,

  CompanyProfile: `
MATCH (c:Entity {id: $id}) WHERE c:Company
CALL (c) {
  MATCH (c)-[:PARTICIPATES_IN]->(p:Partnership)
  WITH p ORDER BY p.startedOn DESC, p.id
  RETURN count(p) AS totalCount, collect(p)[0..20] AS page
}
RETURN c {.id, .name, .localName, .sector, foreign: ${foreign('c')},
  country: [(c)-[:HEADQUARTERED_IN]->(k:Country) | k {.code, .name}][0],
  parent: [(c)-[:SUBSIDIARY_OF]->(p:Company) | p {.id, .name, country: [(p)-[:HEADQUARTERED_IN]->(k:Country) | k {.code}][0]}][0],
  partnerships: {totalCount: totalCount, nodes: [p IN page | p {.id, .kind, .title, .status, .startedOn,
    province: [(p)-[:LOCATED_IN|CONCERNS*1..2]->(pr:Province) | pr {.code, .name}][0],
    parks: [(p)-[:CONCERNS]->(pk:Park) | pk {.id, .name}],
    participants: [(x:Company)-[r:PARTICIPATES_IN]->(p) | {role: r.role, company: x {.id, .name}}]}]},
  facilities: [(c)-[:OPERATES]->(f:Facility) | f {.id, .name, .city, province: [(f)-[:LOCATED_IN]->(pr:Province) | pr {.code, .name}][0]}],
  pledges: [(c)-[:PLEDGED]->(pl:Pledge) | pl {.id, .kind, .targetYear, .status, .statement}],
  sources: [(c)-[:SOURCED_FROM]->(s:Source) | s {.id, .title, .publisher, .publishedOn, .url}]
} AS company`,

  ProvinceOverview: `
MATCH (pr:Province {code: $code})
CALL (pr) {
  MATCH (pr)<-[:LOCATED_IN]-(pk:Park)
  WITH pk ORDER BY pk.name, pk.id
  RETURN count(pk) AS parkCount, [x IN collect(pk)[0..20] | x {.id, .name, .city, .status}] AS parks
}
CALL (pr) {
  ${activeIn('', true)}
  WITH DISTINCT c WHERE ${foreign('c')}
  WITH c ORDER BY c.name, c.id
  RETURN count(c) AS companyCount, [x IN collect(c)[0..50] | x {.id, .name, country: [(x)-[:HEADQUARTERED_IN]->(k:Country) | k {.code}][0]}] AS companies
}
CALL (pr) {
  CALL (pr) {
    MATCH (pr)<-[:LOCATED_IN]-(p:Partnership) RETURN p
    UNION
    MATCH (pr)<-[:LOCATED_IN]-(:Park)<-[:CONCERNS]-(p:Partnership) RETURN p
  }
  WITH DISTINCT p ORDER BY p.startedOn DESC, p.id
  RETURN count(p) AS partnershipCount, [x IN collect(p)[0..20] | x {.id, .kind, .title}] AS partnerships
}
RETURN pr {.code, .name, .localName, .kind} AS province, parkCount, parks, companyCount, companies, partnershipCount, partnerships`,

  ParkDetail: `
MATCH (pk:Entity {id: $id}) WHERE pk:Park
RETURN pk {.id, .name, .localName, .status, .city,
  zeroCarbonTargetYear: [(pk)-[:PLEDGED]->(pl:Pledge) | pl.targetYear][0],
  province: [(pk)-[:LOCATED_IN]->(pr:Province) | pr {.code, .name}][0],
  partnerships: [(p:Partnership)-[:CONCERNS]->(pk) | p {.id, .kind, .title, .description, .startedOn,
    participants: [(x:Company)-[r:PARTICIPATES_IN]->(p) | {role: r.role, company: x {.id, .name, foreign: ${foreign('x')}}}],
    sources: [(p)-[:SOURCED_FROM]->(s:Source) | s {.title, .publisher}]}],
  pledges: [(pk)-[:PLEDGED]->(pl:Pledge) | pl {.id, .kind, .targetYear, .status}],
  facilities: [(f:Facility)-[:IN_PARK]->(pk) | f {.id, .name, operator: [(o:Company)-[:OPERATES]->(f) | o {.id, .name}][0]}]
} AS park`,

  PledgesDueBy: `
MATCH (pl:Pledge) WHERE pl.targetYear <= $year
WITH pl ORDER BY pl.targetYear, pl.id
WITH collect(pl) AS items
RETURN size(items) AS totalCount, [pl IN items[0..50] | pl {.id, .kind, .targetYear, .status, .statement,
  pledger: [(x)-[:PLEDGED]->(pl) | x {.id, .name, .code, type: [l IN labels(x) WHERE l <> 'Entity' AND l <> 'Synthetic'][0]}][0],
  sources: [(pl)-[:SOURCED_FROM]->(s:Source) | s {.title, .publisher}]}] AS nodes`,

  Search: `
CALL db.index.fulltext.queryNodes('entity_search', $text) YIELD node, score
WITH node, score ORDER BY score DESC, node.id LIMIT 10
RETURN score, node {.id, .name, .code, .title, type: [l IN labels(node) WHERE l <> 'Entity' AND l <> 'Synthetic'][0]} AS node`,

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

  GraphStats: `
CALL () {
  MATCH (pr:Province)
  CALL (pr) {
    ${activeIn('', true)}
    WITH DISTINCT c WHERE ${foreign('c')}
    RETURN count(c) AS foreignCompanies
  }
  RETURN collect({province: pr {.code, .name}, parks: COUNT { (pr)<-[:LOCATED_IN]-(:Park) },
    partnerships: COUNT { (pr)<-[:LOCATED_IN]-(:Partnership) } + COUNT { (pr)<-[:LOCATED_IN]-(:Park)<-[:CONCERNS]-(:Partnership) },
    foreignCompanies: foreignCompanies}) AS byProvince
}
RETURN COUNT { (:Company) } AS companies,
  COUNT { MATCH (c:Company) WHERE ${foreign('c')} } AS foreignCompanies,
  COUNT { (:Park) } AS parks, COUNT { (:Partnership) } AS partnerships, COUNT { (:Pledge) } AS pledges,
  COUNT { (:Source) } AS sources, byProvince`,
};

/** Variables for the contract operations, picked where the synthetic graph is densest. */
export const PICK_VARIABLES = `
CALL () { MATCH (pr:Province)<-[:LOCATED_IN]-(:Park) RETURN pr.code AS province, count(*) AS parks ORDER BY parks DESC, province LIMIT 1 }
CALL () { MATCH (c:Company)-[:PARTICIPATES_IN]->() RETURN c.id AS company, count(*) AS partnerships ORDER BY partnerships DESC, company LIMIT 1 }
CALL () { MATCH (pk:Park)<-[:CONCERNS]-() RETURN pk.id AS park, count(*) AS concerned ORDER BY concerned DESC, park LIMIT 1 }
CALL () { MATCH (c:Synthetic:Company) RETURN c.id AS farCompany ORDER BY c.id DESC LIMIT 1 }
RETURN province, company, park, farCompany`;

/** How many synthetic companies there are: a bench reuses a graph of the right size. */
export const SYNTHETIC_COMPANIES = 'MATCH (c:Synthetic:Company) RETURN count(c) AS companies';

export const NEO4J_VERSION = "CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS version";
