/**
 * Every entity is read through one projection, whatever its label, so that
 * all the entities a query level needs come back in one batch. The projection
 * carries the ids of the entity's bounded neighbours (its country, parent,
 * parks, participants, …); lists that can grow without bound are
 * connections with their own ops.
 */
import type { BatchReadOp } from '../neo4j/batch.js';
import { MAX_PAGE_SIZE } from '../pagination.js';

/** Kinds of pledge that count towards a park's zero-carbon target year. */
export const ZERO_CARBON_PLEDGE_KINDS = ['ZERO_CARBON', 'NET_ZERO', 'CARBON_NEUTRAL'];

/**
 * Derived, stored on write: headquartered outside mainland China, or a parent
 * chain that reaches such a company (the rule and its maintenance are in src/derived/).
 */
export const foreignExpression = (n: string): string => `${n}.foreign`;

/**
 * The ids of at most MAX_PAGE_SIZE neighbours, ordered by `order` (then id),
 * or in stored order when `order` is null: the read stops there however many
 * there are, and a list field's `first` (at most MAX_PAGE_SIZE) takes its
 * items from the front of this list.
 */
const boundedIds = (pattern: string, x: string, order: string | null): string =>
  `COLLECT { MATCH ${pattern} WITH DISTINCT ${x} RETURN ${x}.id${order ? ` ORDER BY ${order}, ${x}.id` : ''} LIMIT ${MAX_PAGE_SIZE} }`;

/** Roles in the order a reader expects them: who leads first. */
export const PARTICIPANT_ROLE_ORDER = ['LEAD', 'PARTNER', 'LOCAL_PARTNER', 'INVESTOR', 'OPERATOR', 'TECHNOLOGY_PROVIDER'];

/** Map projection of node `n` into an EntityRow. */
export const entityProjection = (n: string): string => `${n} {
  .*,
  type: [l IN labels(${n}) WHERE l <> 'Entity'][0],
  // Stored order, as sources have always been listed (no sort: the read stops at the bound).
  sourceIds: ${boundedIds(`(${n})-[:SOURCED_FROM]->(s:Source)`, 's', null)},
  countryId: [(${n})-[:HEADQUARTERED_IN|PART_OF]->(c:Country) | c.id][0],
  foreign: CASE WHEN ${n}:Company THEN ${foreignExpression(n)} ELSE null END,
  // The current parent link first; a retired one only when there is no other.
  ownership: coalesce(
    [(${n})-[r:SUBSIDIARY_OF]->(p:Company) WHERE r.retiredOn IS NULL | {kind: r.kind, sharePercent: r.sharePercent, parentId: p.id, sourceIds: r.sources, retiredOn: null}][0],
    [(${n})-[r:SUBSIDIARY_OF]->(p:Company) | {kind: r.kind, sharePercent: r.sharePercent, parentId: p.id, sourceIds: r.sources, retiredOn: r.retiredOn}][0]
  ),
  subsidiaryIds: ${boundedIds(`(${n})<-[:SUBSIDIARY_OF]-(c:Company)`, 'c', 'c.name')},
  // A company operates facilities, a park holds them; nothing is both.
  facilityIds: ${boundedIds(`(${n})-[:OPERATES|IN_PARK]-(f:Facility)`, 'f', 'f.name')},
  pledgeIds: ${boundedIds(`(${n})-[:PLEDGED]->(p:Pledge)`, 'p', 'p.targetYear')},
  pledgerId: [(x)-[:PLEDGED]->(${n}) | x.id][0],
  // A partnership concerns parks and contributes to pledges; nothing is both.
  partnershipIds: ${boundedIds(`(p:Partnership)-[:CONCERNS|CONTRIBUTES_TO]->(${n})`, 'p', 'p.title')},
  contributesToIds: ${boundedIds(`(${n})-[:CONTRIBUTES_TO]->(p:Pledge)`, 'p', 'p.targetYear')},
  parkIds: ${boundedIds(`(${n})-[:CONCERNS]->(pk:Park)`, 'pk', 'pk.name')},
  parkId: [(${n})-[:IN_PARK]->(pk:Park) | pk.id][0],
  operatorId: [(c:Company)-[:OPERATES]->(${n}) | c.id][0],
  cityId: [(${n})-[:IN_CITY]->(ci:City) | ci.id][0],
  provinceId: coalesce(
    [(${n})-[:LOCATED_IN]->(pr:Province) | pr.id][0],
    [(${n}:City)-[:PART_OF]->(pr:Province) | pr.id][0],
    [(${n})-[:CONCERNS]->(:Park)-[:LOCATED_IN]->(pr:Province) | pr.id][0]
  ),
  participants: COLLECT {
    MATCH (c:Company)-[r:PARTICIPATES_IN]->(${n})
    RETURN {role: r.role, companyId: c.id, sourceIds: r.sources, retiredOn: r.retiredOn}
    ORDER BY coalesce([roleRank IN range(0, ${PARTICIPANT_ROLE_ORDER.length - 1}) WHERE ${JSON.stringify(PARTICIPANT_ROLE_ORDER).replace(/"/g, "'")}[roleRank] = r.role][0], ${PARTICIPANT_ROLE_ORDER.length}), c.id
    LIMIT ${MAX_PAGE_SIZE}
  },
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
