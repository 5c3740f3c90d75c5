/**
 * One DataLoader per request that turns every read a GraphQL execution level
 * asks for into a single Cypher round trip.
 *
 * Each kind of read is a `ReadOp`: a Cypher subquery that answers a list of
 * keys (`$keys`) at once, or, for root lists that need a real `LIMIT`, one key
 * (`$key`, `$limit`). All reads queued in the same tick, whatever their op,
 * are composed into one statement of `CALL { … }` subqueries, so the number
 * of round trips grows with the depth of a query, never with the length of
 * the lists it returns. Compiled reads (src/read/) are ops too, made per
 * request, with their own parameters; this batching is also the fallback
 * for reads that cannot be folded into one statement, one round trip per level.
 */
import DataLoader from 'dataloader';
import type { Database, Row } from './database.js';

interface ReadOpBase<K, V> {
  /** Unique name; also the cache namespace. */
  name: string;
  /** Turns one subquery result item (`{i, v}`'s `v`) into the value for its key. */
  decode?: (value: unknown, key: K) => V;
  /**
   * Parameters the Cypher reads besides the key (a compiled read's `$p0`,
   * `$p1`, …); renamed per subquery so that composed reads never collide.
   */
  params?: Row;
}

/**
 * Answers many keys in one subquery. The Cypher must read the list `$keys`
 * and end with `RETURN collect({i: i, v: …}) AS result`, where `i` is the
 * index of the key in `$keys`.
 */
export interface BatchReadOp<K, V> extends ReadOpBase<K, V> {
  mode: 'batch';
  cypher: string;
  param?: (key: K) => unknown;
}

/**
 * Answers one key per subquery, for reads that need `LIMIT $limit`. The
 * Cypher reads `$key` and `$limit` and ends with `RETURN … AS result`
 * (exactly one row).
 */
export interface SingleReadOp<K, V> extends ReadOpBase<K, V> {
  mode: 'single';
  cypher: string;
  param?: (key: K) => unknown;
  limit?: (key: K) => number;
}

export type ReadOp<K, V> = BatchReadOp<K, V> | SingleReadOp<K, V>;

interface Request {
  op: ReadOp<unknown, unknown>;
  key: unknown;
}

export type GraphLoader = DataLoader<Request, unknown, string>;

/** Loads `key` through `op`, batched with every other read of the same tick. */
export function load<K, V>(loader: GraphLoader, op: ReadOp<K, V>, key: K): Promise<V> {
  return loader.load({ op: op as ReadOp<unknown, unknown>, key }) as Promise<V>;
}

const cacheKey = (request: Request): string => `${request.op.name}\u0000${JSON.stringify(request.key)}`;

/** Renames the op's own parameters to `<column>_<name>` in its Cypher and adds them to `params`. */
function withOwnParams(op: ReadOp<unknown, unknown>, cypher: string, column: string, params: Row): string {
  let renamed = cypher;
  for (const [name, value] of Object.entries(op.params ?? {})) {
    params[`${column}_${name}`] = value;
    renamed = renamed.replace(new RegExp(`\\$${name}\\b`, 'g'), `$${column}_${name}`);
  }
  return renamed;
}

/** A fresh loader for one request: never share it between requests. */
export function createGraphLoader(db: Database): GraphLoader {
  return new DataLoader<Request, unknown, string>((requests) => runBatch(db, requests), {
    cacheKeyFn: cacheKey,
    // One statement per level however wide it is: splitting a level into
    // several batches would make round trips grow with list sizes again.
    maxBatchSize: 20_000,
  });
}

/** Builds the composed statement; exported for tests. */
export function composeBatch(requests: readonly Request[]): {
  cypher: string;
  params: Row;
  parts: { op: ReadOp<unknown, unknown>; indexes: number[]; column: string }[];
} {
  const sole = soleStatement(requests);
  if (sole) return sole;
  const params: Row = {};
  const subqueries: string[] = [];
  const columns: string[] = [];
  const parts: { op: ReadOp<unknown, unknown>; indexes: number[]; column: string }[] = [];
  const batches = new Map<string, { op: BatchReadOp<unknown, unknown>; indexes: number[] }>();

  requests.forEach((request, index) => {
    const { op } = request;
    if (op.mode === 'batch') {
      const group = batches.get(op.name) ?? { op, indexes: [] };
      group.indexes.push(index);
      batches.set(op.name, group);
      return;
    }
    const column = `r${parts.length}`;
    params[`${column}_key`] = op.param ? op.param(request.key) : request.key;
    if (op.limit) params[`${column}_limit`] = op.limit(request.key);
    subqueries.push(
      `CALL {\n${withOwnParams(op, op.cypher, column, params)
        .replace(/\$key\b/g, `$${column}_key`)
        .replace(/\$limit\b/g, `$${column}_limit`)
        .replace(/\bAS result\s*$/, `AS ${column}`)}\n}`,
    );
    columns.push(column);
    parts.push({ op, indexes: [index], column });
  });

  for (const { op, indexes } of batches.values()) {
    const column = `r${parts.length}`;
    params[`${column}_keys`] = indexes.map((i) => (op.param ? op.param(requests[i]!.key) : requests[i]!.key));
    subqueries.push(
      `CALL {\n${withOwnParams(op, op.cypher, column, params).replace(/\$keys\b/g, `$${column}_keys`).replace(/\bAS result\s*$/, `AS ${column}`)}\n}`,
    );
    columns.push(column);
    parts.push({ op, indexes, column });
  }

  return { cypher: `${subqueries.join('\n')}\nRETURN ${columns.join(', ')}`, params, parts };
}

/** Names an op's Cypher reads besides its own parameters. */
const RESERVED = new Set(['key', 'keys', 'limit']);

/**
 * When every request of the batch goes through one op (the usual case: a
 * request's compiled read, or one level of entities by id), that op's own
 * statement is the batch: no `CALL { … }` around it, and no renaming of its
 * parameters, which otherwise rewrites the statement once per parameter.
 */
function soleStatement(requests: readonly Request[]): ReturnType<typeof composeBatch> | null {
  const { op } = requests[0]!;
  if (Object.keys(op.params ?? {}).some((name) => RESERVED.has(name))) return null;
  const params: Row = { ...op.params };
  if (op.mode === 'single') {
    if (requests.length !== 1) return null;
    params.key = op.param ? op.param(requests[0]!.key) : requests[0]!.key;
    if (op.limit) params.limit = op.limit(requests[0]!.key);
  } else {
    if (requests.some((request) => request.op.name !== op.name)) return null;
    params.keys = requests.map((request) => (op.param ? op.param(request.key) : request.key));
  }
  return { cypher: op.cypher, params, parts: [{ op, indexes: requests.map((_request, i) => i), column: 'result' }] };
}

async function runBatch(db: Database, requests: readonly Request[]): Promise<unknown[]> {
  const { cypher, params, parts } = composeBatch(requests);
  const [row] = await db.read(cypher, params);
  const values: unknown[] = new Array(requests.length).fill(null);
  for (const { op, indexes, column } of parts) {
    const decode = (value: unknown, i: number): unknown =>
      op.decode ? op.decode(value, requests[i]!.key) : value;
    const result = row?.[column];
    if (op.mode === 'single') {
      values[indexes[0]!] = decode(result, indexes[0]!);
      continue;
    }
    const answered = new Map<number, unknown>();
    for (const item of (result as { i: number; v: unknown }[] | null) ?? []) answered.set(item.i, item.v);
    indexes.forEach((requestIndex, position) => {
      values[requestIndex] = decode(answered.get(position) ?? null, requestIndex);
    });
  }
  return values;
}
