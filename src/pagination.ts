/**
 * Relay-style cursor pagination over lists ordered by (sort value, id).
 * Cursors are opaque to clients: base64url of `[sortValue, id]`.
 */
import { assertInRange, badUserInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;
/** `first` when a list or connection is asked for without one. */
export const DEFAULT_PAGE_SIZE = 20;

/** One sort value, or under a `sort` argument the list of them. */
export type SortValue = string | number | boolean | null | SortValue[];

const isSortValue = (value: unknown): value is SortValue =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'boolean' ||
  (Array.isArray(value) && value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)));

export interface PageRequest {
  first: number;
  /** Sort value and id of the last item already seen, or nulls for the first page. */
  afterSort: SortValue;
  afterId: string | null;
}

export function encodeCursor(sort: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([sort, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { sort: SortValue; id: string } {
  const malformed = () =>
    badUserInput(`Malformed cursor "${cursor}": pass a cursor exactly as returned in pageInfo.endCursor or edges.cursor.`, {
      argument: 'after',
      value: cursor,
      allowed: 'a cursor returned by this API',
    });
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw malformed();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string' || !isSortValue(parsed[0])) {
    throw malformed();
  }
  return { sort: parsed[0] as SortValue, id: parsed[1] };
}

/**
 * Validates `first` and `after` and turns them into a page request.
 * `sortKeys` is the number of fields a `sort` argument names (0 without
 * one): a cursor must come from a page in the same kind of order.
 */
export function pageRequest(args: { first?: number | null; after?: string | null }, sortKeys = 0): PageRequest {
  const first = assertInRange(args.first ?? DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE, 'first');
  if (args.after === null || args.after === undefined) return { first, afterSort: null, afterId: null };
  const { sort, id } = decodeCursor(args.after);
  if (Array.isArray(sort) !== sortKeys > 0 || (Array.isArray(sort) && sort.length !== sortKeys)) {
    throw badUserInput(`The cursor "${args.after}" comes from a page in another order: pass a cursor from this connection with the same "sort".`, {
      argument: 'after',
      value: args.after,
      allowed: 'a cursor returned by this connection with the same sort',
    });
  }
  return { first, afterSort: sort, afterId: id };
}

/** One row of a page as read: its sort value and id, from which its cursor is made. */
export interface PageItem {
  sort: SortValue;
  id: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export const cursorOf = (item: PageItem): string => encodeCursor(item.sort, item.id);

/**
 * The page of `items`, read with one row beyond the page (`first + 1`): the
 * extra row tells that there is a next page, and is left out of the page.
 */
export function pageOf<T extends PageItem>(items: readonly T[], page: PageRequest): { items: T[]; pageInfo: PageInfo } {
  const kept = items.slice(0, page.first);
  return {
    items: kept,
    pageInfo: {
      hasNextPage: items.length > page.first,
      hasPreviousPage: page.afterId !== null,
      startCursor: kept.length ? cursorOf(kept[0]!) : null,
      endCursor: kept.length ? cursorOf(kept.at(-1)!) : null,
    },
  };
}

/**
 * Cypher predicate for "after the cursor" on ordered (sortExpr, x.id). `page`
 * is a map with `afterSort` and `afterId` (a parameter).
 */
export const afterCursor = (sortExpr: string, x: string, page: string): string =>
  `(${page}.afterId IS NULL OR ${sortExpr} > ${page}.afterSort OR (${sortExpr} = ${page}.afterSort AND ${x}.id > ${page}.afterId))`;
