/**
 * Cypher that more than one domain reads: the derived facts `foreign` and
 * "active in a province", each in one place so that switching them to stored
 * values is a one-place edit.
 */

import { property, type TypeRead } from '../read/compile.js';

/** Kinds of pledge that count towards a park's zero-carbon target year. */
export const ZERO_CARBON_PLEDGE_KINDS = ['ZERO_CARBON', 'NET_ZERO', 'CARBON_NEUTRAL'];

/** Derived: headquartered outside mainland China, or a parent chain that reaches such a company. */
export const foreignExpression = (n: string): string =>
  `EXISTS { MATCH (${n})-[:SUBSIDIARY_OF*0..10]->(:Company)-[:HEADQUARTERED_IN]->(hq:Country) WHERE hq.code <> 'CN' }`;

/**
 * Binds `c` to every company active in province `pr` (a bound variable):
 * taking part in a partnership located there (through its parks or its own
 * province), of kind `kind` when that is not `null`, or, when no kind is
 * asked for, operating a facility there. Binds a company once per way it is
 * active: follow with DISTINCT.
 */
export const activeInProvince = (pr: string, c: string, kind: string | null): string => {
  const ofKind = kind === null ? '' : ` WHERE p.kind = ${kind}`;
  return `CALL (${pr}) {
  MATCH (${pr})<-[:LOCATED_IN]-(p:Partnership)<-[:PARTICIPATES_IN]-(${c}:Company)${ofKind} RETURN ${c}
  UNION
  MATCH (${pr})<-[:LOCATED_IN]-(:Park)<-[:CONCERNS]-(p:Partnership)<-[:PARTICIPATES_IN]-(${c}:Company)${ofKind} RETURN ${c}${
    kind === null ? `\n  UNION\n  MATCH (${pr})<-[:LOCATED_IN]-(:Facility)<-[:OPERATES]-(${c}:Company) RETURN ${c}` : ''
  }
}`;
};

/** Who wrote an entity and when, and whether it is retired: the same fields on every entity type. */
export const stampsRead: TypeRead = {
  createdAt: property('createdAt'),
  createdBy: property('createdBy'),
  updatedAt: property('updatedAt'),
  updatedBy: property('updatedBy'),
  retiredOn: property('retiredOn'),
};

export type NodeType = 'Company' | 'Park' | 'Province' | 'Country' | 'Partnership' | 'Pledge' | 'Facility' | 'Source';
