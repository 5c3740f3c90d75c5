/**
 * Every entity is read through one projection, whatever its label, so that
 * all the entities a query level needs come back in one batch. The projection
 * carries the ids of the entity's bounded neighbours (its country, parent,
 * parks, participants, …); lists that can grow without bound are
 * connections with their own ops.
 */
import type { BatchReadOp } from '../neo4j/batch.js';

/** Kinds of pledge that count towards a park's zero-carbon target year. */
export const ZERO_CARBON_PLEDGE_KINDS = ['ZERO_CARBON', 'NET_ZERO', 'CARBON_NEUTRAL'];

/**
 * Derived, stored on write: headquartered outside mainland China, or a parent
 * chain that reaches such a company (the rule and its maintenance are in src/derived/).
 */
export const foreignExpression = (n: string): string => `${n}.foreign`;

/** Map projection of node `n` into an EntityRow. */
export const entityProjection = (n: string): string => `${n} {
  .*,
  type: [l IN labels(${n}) WHERE l <> 'Entity'][0],
  sourceIds: [(${n})-[:SOURCED_FROM]->(s:Source) | s.id],
  countryId: [(${n})-[:HEADQUARTERED_IN|PART_OF]->(c:Country) | c.id][0],
  foreign: CASE WHEN ${n}:Company THEN ${foreignExpression(n)} ELSE null END,
  // The current parent link first; a retired one only when there is no other.
  ownership: coalesce(
    [(${n})-[r:SUBSIDIARY_OF]->(p:Company) WHERE r.retiredOn IS NULL | {kind: r.kind, sharePercent: r.sharePercent, parentId: p.id, sourceIds: r.sources, retiredOn: null}][0],
    [(${n})-[r:SUBSIDIARY_OF]->(p:Company) | {kind: r.kind, sharePercent: r.sharePercent, parentId: p.id, sourceIds: r.sources, retiredOn: r.retiredOn}][0]
  ),
  subsidiaryIds: [(${n})<-[:SUBSIDIARY_OF]-(c:Company) | c.id],
  facilityIds: [(${n})-[:OPERATES]->(f:Facility) | f.id] + [(${n})<-[:IN_PARK]-(f:Facility) | f.id],
  pledgeIds: [(${n})-[:PLEDGED]->(p:Pledge) | p.id],
  pledgerId: [(x)-[:PLEDGED]->(${n}) | x.id][0],
  partnershipIds: [(p:Partnership)-[:CONCERNS]->(${n}) | p.id] + [(p:Partnership)-[:CONTRIBUTES_TO]->(${n}) | p.id],
  contributesToIds: [(${n})-[:CONTRIBUTES_TO]->(p:Pledge) | p.id],
  parkIds: [(${n})-[:CONCERNS]->(pk:Park) | pk.id],
  parkId: [(${n})-[:IN_PARK]->(pk:Park) | pk.id][0],
  operatorId: [(c:Company)-[:OPERATES]->(${n}) | c.id][0],
  cityId: [(${n})-[:IN_CITY]->(ci:City) | ci.id][0],
  provinceId: coalesce(
    [(${n})-[:LOCATED_IN]->(pr:Province) | pr.id][0],
    [(${n}:City)-[:PART_OF]->(pr:Province) | pr.id][0],
    [(${n})-[:CONCERNS]->(:Park)-[:LOCATED_IN]->(pr:Province) | pr.id][0]
  ),
  participants: [(c:Company)-[r:PARTICIPATES_IN]->(${n}) | {role: r.role, companyId: c.id, sourceIds: r.sources, retiredOn: r.retiredOn}],
  zeroCarbonTargetYear: CASE WHEN ${n}:Park THEN COLLECT {
    MATCH (${n})-[:PLEDGED]->(zp:Pledge)
    WHERE zp.kind IN ${JSON.stringify(ZERO_CARBON_PLEDGE_KINDS).replace(/"/g, "'")} AND zp.targetYear IS NOT NULL
    RETURN zp.targetYear ORDER BY zp.targetYear LIMIT 1
  }[0] ELSE null END
}`;

/** Entities by id, any label; null for an unknown id. */
export const entityById: BatchReadOp<string, EntityRow | null> = {
  name: 'entityById',
  mode: 'batch',
  cypher: `
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
OPTIONAL MATCH (n:Entity {id: key})
RETURN collect({i: i, v: CASE WHEN n IS NULL THEN null ELSE ${entityProjection('n')} END}) AS result`,
};

export type NodeType = 'Company' | 'Park' | 'Province' | 'Country' | 'Partnership' | 'Pledge' | 'Facility' | 'Source' | 'City';

/** What `entityProjection` returns; fields not relevant to a type are null or empty. */
export interface EntityRow {
  id: string;
  type: NodeType;
  name?: string | null;
  title?: string | null;
  code?: string | null;
  localName?: string | null;
  aliases?: string[] | null;
  sourceIds: string[];
  countryId: string | null;
  foreign: boolean | null;
  ownership: { kind: string; sharePercent: number | null; parentId: string; sourceIds: string[] | null } | null;
  subsidiaryIds: string[];
  facilityIds: string[];
  pledgeIds: string[];
  pledgerId: string | null;
  partnershipIds: string[];
  contributesToIds: string[];
  parkIds: string[];
  parkId: string | null;
  operatorId: string | null;
  provinceId: string | null;
  cityId: string | null;
  participants: { role: string; companyId: string; sourceIds: string[] | null }[];
  zeroCarbonTargetYear: number | null;
  [property: string]: unknown;
}
