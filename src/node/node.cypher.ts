/**
 * Cypher that more than one domain reads: the derived facts `foreign` and
 * "active in a province" (stored on write, maintained by src/derived/), and
 * the stamps every entity type carries.
 */

import { properties, type TypeRead } from '../read/compile.js';

/** A node's type: its label other than Entity (every entity has exactly one). */
export const nodeType = (n: string): string => `[l IN labels(${n}) WHERE l <> 'Entity'][0]`;

/** A node's display label: its name, title, code, statement or id, the first it has. */
export const nodeLabel = (n: string): string => `coalesce(${n}.name, ${n}.title, ${n}.code, ${n}.statement, ${n}.id)`;

/** Kinds of pledge that count towards a park's zero-carbon target year. */
export const ZERO_CARBON_PLEDGE_KINDS = ['ZERO_CARBON', 'NET_ZERO', 'CARBON_NEUTRAL'];

/**
 * Derived, stored on write: headquartered outside mainland China, or a parent
 * chain that reaches such a company (the rule and its maintenance are in src/derived/).
 */
export const foreignExpression = (n: string): string => `${n}.foreign`;

/**
 * Binds `c` to every company active in province `pr` (a bound variable):
 * taking part in a partnership located there (through its parks or its own
 * province), of kind `kind` when that is not `null`, or, when no kind is
 * asked for, operating a facility there. Stored as ACTIVE_IN {kinds}
 * (src/derived/); binds each company once.
 */
export const activeInProvince = (pr: string, c: string, kind: string | null): string =>
  `MATCH (${pr})<-[${c}Active:ACTIVE_IN]-(${c}:Company)${kind === null ? '' : ` WHERE ${kind} IN ${c}Active.kinds`}`;

/** Who wrote an entity and when, and whether it is retired: the same fields on every entity type. */
export const stampsRead: TypeRead = properties('createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'retiredOn');
