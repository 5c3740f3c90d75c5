/**
 * Relay-style cursor pagination over lists ordered by (sort value, id).
 * Cursors are opaque to clients: base64url of `[sortValue, id]`.
 */
import { assertInRange, badUserInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;
/** `first` when a list or connection is asked for without one. */
export const DEFAULT_PAGE_SIZE = 20;

export type SortValue = string | number | null;

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
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[1] !== 'string' ||
    !(parsed[0] === null || typeof parsed[0] === 'string' || typeof parsed[0] === 'number')
  ) {
    throw malformed();
  }
  return { sort: parsed[0] as SortValue, id: parsed[1] };
}

/** Validates `first` and `after` and turns them into a page request. */
export function pageRequest(args: { first?: number | null; after?: string | null }): PageRequest {
  const first = assertInRange(args.first ?? DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE, 'first');
  if (args.after === null || args.after === undefined) return { first, afterSort: null, afterId: null };
  const { sort, id } = decodeCursor(args.after);
  return { first, afterSort: sort, afterId: id };
}

export interface PageRows<T> {
  total: number;
  /** Up to `first + 1` rows after the cursor: the extra row tells that there is a next page. */
  items: T[];
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: T }[];
  nodes: T[];
}

/** Builds a connection from rows fetched with one row beyond the page. */
export function toConnection<T extends { id: string }>(
  rows: PageRows<T>,
  page: PageRequest,
  sortOf: (row: T) => SortValue,
): Connection<T> {
  const nodes = rows.items.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(sortOf(node), node.id), node }));
  return {
    totalCount: rows.total,
    pageInfo: {
      hasNextPage: rows.items.length > page.first,
      hasPreviousPage: page.afterId !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    edges,
    nodes,
  };
}

/**
 * Cypher predicate for "after the cursor" on ordered (sortExpr, n.id). The
 * page key must be bound as `page` with `afterSort` and `afterId`.
 */
export const afterCursor = (sortExpr: string, n: string, page = 'page'): string =>
  `(${page}.afterId IS NULL OR ${sortExpr} > ${page}.afterSort OR (${sortExpr} = ${page}.afterSort AND ${n}.id > ${page}.afterId))`;
