/**
 * The `sort` argument of a connection: `[{ <scalar field>: ASC | DESC }]`,
 * applied in order, missing (null) values last in either direction, ties
 * broken by id ascending. Cursors then carry every sort value, so that
 * paging under any sort never skips or repeats a node.
 */
import { badUserInput } from '../errors.js';
import type { FilterSpec } from './filter.js';

export type SortDirection = 'ASC' | 'DESC';

export interface SortKey {
  value: (x: string) => string;
  direction: SortDirection;
  /** Every node has the value and an index serves it (ScalarField.indexOrder): no nulls to place, and order can come from the index. */
  indexOrder?: boolean;
  /** An index serves the value where it is set (ScalarField.indexOrderWhenSet). */
  indexOrderWhenSet?: boolean;
}

/** More keys than this add nothing a reader can see but cost an ORDER BY column each. */
export const MAX_SORT_KEYS = 5;

/** The sort keys `sort` asks for, checked against the fields `spec` declares; empty when there is no sort. */
export function sortKeys(type: string, spec: FilterSpec, sort: unknown, argument = 'sort'): SortKey[] {
  if (!Array.isArray(sort)) return [];
  const keys: SortKey[] = [];
  sort.forEach((entry: Record<string, unknown>, i) => {
    for (const [field, direction] of Object.entries(entry ?? {})) {
      if (direction === null || direction === undefined) continue;
      const scalar = spec.scalars[field];
      if (!scalar) {
        throw badUserInput(`${type} cannot be sorted by "${field}": sort by one of ${Object.keys(spec.scalars).join(', ')}.`, {
          argument: `${argument}[${i}].${field}`,
          value: field,
          allowed: Object.keys(spec.scalars).join(', '),
        });
      }
      keys.push({
        value: (x) => scalar.read({ n: x }),
        direction: direction as SortDirection,
        indexOrder: scalar.indexOrder === true,
        indexOrderWhenSet: scalar.indexOrderWhenSet === true,
      });
    }
  });
  if (keys.length > MAX_SORT_KEYS) {
    throw badUserInput(`"${argument}" names ${keys.length} fields: sort by at most ${MAX_SORT_KEYS}.`, {
      argument,
      value: keys.length,
      allowed: `1..${MAX_SORT_KEYS} fields`,
    });
  }
  return keys;
}

/** The sort values of `x`, as one list: what a cursor records. */
export const sortValues = (keys: readonly SortKey[], x: string): string => `[${keys.map((k) => k.value(x)).join(', ')}]`;

/**
 * ORDER BY items for the keys, nulls last either way (Cypher puts them first
 * in DESC); the caller adds the id. A key no node lacks needs no null
 * placing, and without it a descending sort can still read its index backwards.
 */
export const orderBy = (keys: readonly SortKey[], x: string): string =>
  keys.map((k) => (k.direction === 'ASC' ? k.value(x) : k.indexOrder ? `${k.value(x)} DESC` : `${k.value(x)} IS NULL, ${k.value(x)} DESC`)).join(', ');

/**
 * The condition that lets the planner read the first key's index in order,
 * when it has one: that the value IS NOT NULL, true of every node for such
 * a key. Without a predicate on the property Neo4j scans the label and
 * sorts the whole set, however small the page.
 */
export const indexOrderCondition = (keys: readonly SortKey[], x: string): string | null =>
  keys[0]?.indexOrder ? `${keys[0].value(x)} IS NOT NULL` : null;

/** A page read in two parts: the nodes whose first sort key is set, then those that lack it (see setThenMissing). */
export interface SetThenMissing {
  set: string;
  missing: string;
  /** ORDER BY items (before the id) for each part; empty when only the id orders the part. */
  setOrderBy: string;
  missingOrderBy: string;
}

/**
 * For a first key that an index serves where it is set
 * (indexOrderWhenSet): since missing values sort last in either direction,
 * a page is the nodes that have it, read in the index's order, followed by
 * (only when those fall short of the page) the nodes that lack it, in the
 * order of the other keys. Null for any other first key.
 */
export function setThenMissing(keys: readonly SortKey[], x: string): SetThenMissing | null {
  const [first, ...rest] = keys;
  if (!first?.indexOrderWhenSet) return null;
  return {
    set: `${first.value(x)} IS NOT NULL`,
    missing: `${first.value(x)} IS NULL`,
    // Among nodes that have it there are no nulls to place, so a descending sort can read the index backwards.
    setOrderBy: orderBy([{ ...first, indexOrder: true }, ...rest], x),
    missingOrderBy: orderBy(rest, x),
  };
}

/**
 * "`x` comes after the cursor" under the keys: `page` is a map parameter with
 * `afterSort` (the cursor's list of sort values) and `afterId`. Lexicographic:
 * equal on the first i keys and after on key i, or equal on all and a greater id.
 * Where a comparison meets a null it is null, which counts as false here, as it should.
 */
export function afterSortCursor(keys: readonly SortKey[], x: string, page: string): string {
  const at = (i: number) => `${page}.afterSort[${i}]`;
  const equal = (i: number) => `(${keys[i]!.value(x)} = ${at(i)} OR (${keys[i]!.value(x)} IS NULL AND ${at(i)} IS NULL))`;
  const after = (i: number) =>
    `(${at(i)} IS NOT NULL AND (${keys[i]!.value(x)} IS NULL OR ${keys[i]!.value(x)} ${keys[i]!.direction === 'ASC' ? '>' : '<'} ${at(i)}))`;
  const branches = keys.map((_key, i) => [...keys.slice(0, i).map((_k, j) => equal(j)), after(i)].join(' AND '));
  branches.push([...keys.map((_k, j) => equal(j)), `${x}.id > ${page}.afterId`].join(' AND '));
  return `(${page}.afterId IS NULL OR ${branches.map((b) => `(${b})`).join(' OR ')})`;
}
