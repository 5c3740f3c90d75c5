/**
 * The aggregates analysts ask for, one ReadOp each, so that a query asking
 * for several of them still takes one round trip. Each op is whole-graph
 * (key `null`); counts are computed in Cypher, never by loading entities.
 */
import type { PartnershipKind, PledgeKind } from '../generated/resolvers.js';
import type { SingleReadOp } from '../neo4j/batch.js';
import { foreignExpression } from '../node/node.cypher.js';

export interface ProvinceActivityRow {
  provinceId: string;
  parks: number;
  partnerships: number;
  facilities: number;
  pledges: number;
  companies: number;
  foreignCompanies: number;
  foreignPartnerships: number;
}

export interface HeadquartersCountryActivityRow {
  countryId: string;
  foreign: boolean;
  companies: number;
  partnerships: number;
  facilities: number;
  provinces: number;
  pledges: number;
}

export interface PartnershipKindActivityRow {
  kind: PartnershipKind;
  partnerships: number;
  companies: number;
  foreignCompanies: number;
  provinces: number;
}

export interface PledgeYearRow {
  year: number;
  pledges: number;
  cumulative: number;
  byKind: { kind: PledgeKind; pledges: number }[];
}

/**
 * The province a partnership is located in: its own, or that of its parks
 * (a partnership names parks or a province, see the contract's notes).
 */
const partnershipProvinces = (p: string): string =>
  `[(${p})-[l:LOCATED_IN]->(pr:Province) WHERE l.retiredOn IS NULL | pr] + [(${p})-[c:CONCERNS]->(k:Park)-[l:LOCATED_IN]->(pr:Province) WHERE ${current('c', 'k', 'l')} | pr]`;

/** Retired facts are history: no figure counts them. True when the given nodes and relationships are all current. */
const current = (...xs: string[]): string => xs.map((x) => `${x}.retiredOn IS NULL`).join(' AND ');

/** A figure over the whole graph: one statement, no key. */
const wholeGraph = <V>(name: string, cypher: string): SingleReadOp<null, V> => ({ name, mode: 'single', statement: () => ({ cypher }) });

export const provinceActivityOp = wholeGraph<ProvinceActivityRow[]>('aggregates:byProvince', `
MATCH (pr:Province)
WITH pr, [(pr)<-[l:LOCATED_IN]-(p:Partnership) WHERE ${current('l', 'p')} | p]
  + [(pr)<-[l:LOCATED_IN]-(k:Park)<-[c:CONCERNS]-(p:Partnership) WHERE ${current('l', 'k', 'c', 'p')} | p] AS ps
CALL {
  WITH ps
  UNWIND ps AS p
  WITH DISTINCT p
  RETURN count(p) AS partnerships,
    count(CASE WHEN EXISTS { MATCH (c:Company)-[x:PARTICIPATES_IN]->(p) WHERE ${current('c', 'x')} AND ${foreignExpression('c')} } THEN 1 END) AS foreignPartnerships
}
WITH pr, partnerships, foreignPartnerships,
  COUNT { (pr)<-[:ACTIVE_IN]-(:Company) } AS companies,
  COUNT { MATCH (pr)<-[:ACTIVE_IN]-(c:Company) WHERE ${foreignExpression('c')} } AS foreignCompanies
WITH pr, partnerships, foreignPartnerships, companies, foreignCompanies,
  COUNT { MATCH (pr)<-[l:LOCATED_IN]-(k:Park) WHERE ${current('l', 'k')} } AS parks,
  COUNT { MATCH (pr)<-[l:LOCATED_IN]-(f:Facility) WHERE ${current('l', 'f')} } AS facilities,
  COUNT { MATCH (x)-[d:PLEDGED]->(pl:Pledge) WHERE ${current('d', 'pl')}
    AND (x = pr OR (x:Park AND x.retiredOn IS NULL AND EXISTS { MATCH (x)-[l:LOCATED_IN]->(pr) WHERE l.retiredOn IS NULL })) } AS pledges
WHERE parks + partnerships + facilities + pledges + companies > 0
WITH pr, parks, partnerships, facilities, pledges, companies, foreignCompanies, foreignPartnerships
ORDER BY companies DESC, pr.code
RETURN collect({
  provinceId: pr.id, parks: parks, partnerships: partnerships, facilities: facilities, pledges: pledges,
  companies: companies, foreignCompanies: foreignCompanies, foreignPartnerships: foreignPartnerships
}) AS result`);

export const headquartersCountryActivityOp = wholeGraph<HeadquartersCountryActivityRow[]>('aggregates:byHeadquartersCountry', `
MATCH (co:Country)<-[h:HEADQUARTERED_IN]-(c:Company)
WHERE ${current('h', 'c')}
WITH co, collect(c) AS cs
CALL { WITH cs UNWIND cs AS c OPTIONAL MATCH (c)-[x:PARTICIPATES_IN]->(p:Partnership) WHERE ${current('x', 'p')} RETURN count(DISTINCT p) AS partnerships }
CALL { WITH cs UNWIND cs AS c OPTIONAL MATCH (c)-[x:OPERATES]->(f:Facility) WHERE ${current('x', 'f')} RETURN count(DISTINCT f) AS facilities }
CALL { WITH cs UNWIND cs AS c OPTIONAL MATCH (c)-[x:PLEDGED]->(pl:Pledge) WHERE ${current('x', 'pl')} RETURN count(DISTINCT pl) AS pledges }
CALL { WITH cs UNWIND cs AS c OPTIONAL MATCH (c)-[:ACTIVE_IN]->(pr:Province) RETURN count(DISTINCT pr) AS provinces }
WITH co, size(cs) AS companies, partnerships, facilities, pledges, provinces
ORDER BY companies DESC, co.code
RETURN collect({
  countryId: co.id, foreign: co.code <> 'CN', companies: companies, partnerships: partnerships,
  facilities: facilities, provinces: provinces, pledges: pledges
}) AS result`);

export const partnershipKindActivityOp = wholeGraph<PartnershipKindActivityRow[]>('aggregates:byPartnershipKind', `
MATCH (p:Partnership)
WHERE p.retiredOn IS NULL
WITH p.kind AS kind, collect(p) AS ps
CALL {
  WITH ps
  UNWIND ps AS p
  MATCH (c:Company)-[x:PARTICIPATES_IN]->(p)
  WHERE ${current('c', 'x')}
  WITH DISTINCT c
  RETURN count(c) AS companies, count(CASE WHEN ${foreignExpression('c')} THEN 1 END) AS foreignCompanies
}
CALL {
  WITH ps
  UNWIND ps AS p
  UNWIND ${partnershipProvinces('p')} AS pr
  RETURN count(DISTINCT pr) AS provinces
}
WITH kind, size(ps) AS partnerships, companies, foreignCompanies, provinces
ORDER BY partnerships DESC, kind
RETURN collect({kind: kind, partnerships: partnerships, companies: companies, foreignCompanies: foreignCompanies, provinces: provinces}) AS result`);

export const pledgeTimelineOp = wholeGraph<PledgeYearRow[]>('aggregates:pledgeTimeline', `
MATCH (pl:Pledge)
WHERE pl.targetYear IS NOT NULL AND pl.retiredOn IS NULL
WITH pl.targetYear AS year, pl.kind AS kind, count(*) AS pledges
ORDER BY year, pledges DESC, kind
WITH year, collect({kind: kind, pledges: pledges}) AS byKind, sum(pledges) AS pledges
ORDER BY year
WITH collect({year: year, pledges: pledges, byKind: byKind}) AS years
RETURN [i IN range(0, size(years) - 1) | {
  year: years[i].year,
  pledges: years[i].pledges,
  byKind: years[i].byKind,
  cumulative: reduce(total = 0, y IN years[..i + 1] | total + y.pledges)
}] AS result`);
