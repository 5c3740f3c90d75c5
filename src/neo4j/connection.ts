/**
 * Connection reads: a total count and one page of entities, ordered by a sort
 * expression and id, from a `MATCH` that binds `n` for a key of filters.
 *
 * Each connection has two ops over the same `MATCH`: `single` for root
 * fields (a real `LIMIT`), `batch` for nested fields, where one statement
 * pages the lists of many parents at once.
 */
import { entityById, entityProjection, type EntityRow } from '../node/node.cypher.js';
import {
  afterCursor,
  pageRequest,
  toConnection,
  type Connection,
  type PageRequest,
  type PageRows,
  type SortValue,
} from '../pagination.js';
import { load, prime, type BatchReadOp, type GraphLoader, type SingleReadOp } from './batch.js';

export interface ConnectionSpec {
  name: string;
  /**
   * Cypher that binds `n` (possibly more than once per entity) from the key
   * map bound as `key`, keeping `key` in scope.
   */
  match: () => string;
  /** Sort expression over `n`; ties are broken by `n.id`. */
  sort: string;
  /** The sort value of a row, as the cursor records it. */
  sortOf: (row: EntityRow) => SortValue;
}

export type ConnectionKey = Record<string, unknown> & { page: PageRequest };

export interface ConnectionOps {
  spec: ConnectionSpec;
  single: SingleReadOp<ConnectionKey, PageRows<EntityRow>>;
  batch: BatchReadOp<ConnectionKey, PageRows<EntityRow>>;
}

/** Builds the two ops of a connection. */
export function defineConnection(spec: ConnectionSpec): ConnectionOps {
  // Retired entities stay readable by id but are left out of every list.
  const candidates = `${spec.match()}\nWITH DISTINCT n, key WHERE n.retiredOn IS NULL\nWITH n, key`;
  return {
    spec,
    single: {
      name: `${spec.name}:single`,
      mode: 'single',
      limit: (key) => key.page.first + 1,
      cypher: `
CALL { UNWIND [$key] AS key ${candidates} RETURN count(n) AS total }
CALL {
  UNWIND [$key] AS key
  ${candidates}
  WHERE ${afterCursor(spec.sort, 'n', 'key.page')}
  WITH n ORDER BY ${spec.sort}, n.id LIMIT $limit
  RETURN collect(${entityProjection('n')}) AS items
}
RETURN {total: total, items: items} AS result`,
    },
    batch: {
      name: `${spec.name}:batch`,
      mode: 'batch',
      cypher: `
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
CALL { WITH key ${candidates} RETURN count(n) AS total }
CALL {
  WITH key
  ${candidates}
  WHERE ${afterCursor(spec.sort, 'n', 'key.page')}
  WITH key, n ORDER BY ${spec.sort}, n.id
  WITH key, collect(n)[..key.page.first + 1] AS page
  UNWIND page AS x
  RETURN collect(${entityProjection('x')}) AS items
}
RETURN collect({i: i, v: {total: total, items: items}}) AS result`,
    },
  };
}

/**
 * Loads one page of a connection and primes the entity cache with its rows,
 * so that resolving the nodes costs no further round trip.
 */
export async function loadConnection(
  loader: GraphLoader,
  ops: ConnectionOps,
  filters: Record<string, unknown>,
  args: { first?: number | null; after?: string | null },
  placement: 'root' | 'nested',
): Promise<Connection<EntityRow>> {
  const page = pageRequest(args);
  const key: ConnectionKey = { ...filters, page };
  const rows = await load(loader, placement === 'root' ? ops.single : ops.batch, key);
  for (const row of rows.items) prime(loader, entityById, row.id, row);
  return toConnection(rows, page, ops.spec.sortOf);
}
