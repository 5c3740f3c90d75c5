/**
 * One DataLoader per request that turns every read a GraphQL execution level
 * asks for into a single Cypher round trip.
 *
 * Each kind of read is a `ReadOp`: a Cypher subquery that answers a list of
 * keys at once, or, for root lists that need a real `LIMIT`, one key. All
 * reads queued in the same tick, whatever their op, are composed into one
 * statement of `CALL { … }` subqueries, so the number of round trips grows
 * with the depth of a query, never with the length of the lists it returns.
 * An op writes its Cypher with the parameter names its part is given
 * (`PartNames`), so composed parts never collide. Compiled reads (src/read/)
 * are ops too, made per request, their compiler naming its parameters in the
 * part's namespace; this batching is also the fallback for reads that cannot
 * be folded into one statement, one round trip per level.
 */
import DataLoader from 'dataloader';
import type { Database, Row } from './database.js';

/**
 * The names one part of a statement reads by. Alone, a part reads `$key`
 * (or `$keys`) and `$limit`, and its own parameters take no prefix; composed
 * with others, each part gets names of its own (`$r0_key`, own parameters
 * `r0_p0`, …), handed to it before its Cypher is written, so no finished
 * Cypher is ever rewritten.
 */
export interface PartNames {
  /** The reference to the part's key (single ops): `$key`, `$r0_key`, … */
  key: string;
  /** The reference to the list of keys a batch op answers: `$keys`, `$r0_keys`, … */
  keys: string;
  /** The reference to the part's limit (single ops with `limit`). */
  limit: string;
  /** The prefix every own parameter of the part starts with ('' alone); a compiler takes it as its namespace. */
  namespace: string;
}

/** The names of a part that is the whole statement. */
export const ALONE: PartNames = { key: '$key', keys: '$keys', limit: '$limit', namespace: '' };

/** A part's Cypher, and the parameters it reads besides its key(s) and limit (a compiled read's `$p0`, `$p1`, …). */
export interface PartStatement {
  cypher: string;
  params?: Row;
}

interface ReadOpBase<K, V> {
  /** Unique name; also the cache namespace. */
  name: string;
  /** Turns one subquery result item (`{i, v}`'s `v`) into the value for its key. */
  decode?: (value: unknown, key: K) => V;
  /** The op's Cypher, written with the names it is given; the same names give the same statement. */
  statement: (names: PartNames) => PartStatement;
}

/**
 * Answers many keys in one subquery. The Cypher must read the list
 * `names.keys` and end with `RETURN collect({i: i, v: …}) AS result`, where
 * `i` is the index of the key in that list.
 */
export interface BatchReadOp<K, V> extends ReadOpBase<K, V> {
  mode: 'batch';
  param?: (key: K) => unknown;
}

/**
 * Answers one key per subquery, for reads that need `LIMIT`. The Cypher
 * reads `names.key` and `names.limit` and ends with `RETURN … AS result`
 * (exactly one row).
 */
export interface SingleReadOp<K, V> extends ReadOpBase<K, V> {
  mode: 'single';
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

/** A fresh loader for one request: never share it between requests. */
export function createGraphLoader(db: Database): GraphLoader {
  return new DataLoader<Request, unknown, string>((requests) => runBatch(db, requests), {
    cacheKeyFn: cacheKey,
    // One statement per level however wide it is: splitting a level into
    // several batches would make round trips grow with list sizes again.
    maxBatchSize: 20_000,
  });
}

type Part = { op: ReadOp<unknown, unknown>; indexes: number[]; column: string };

/** The names of the part answered in `column` of a composed statement. */
const namesOf = (column: string): PartNames => ({
  key: `$${column}_key`,
  keys: `$${column}_keys`,
  limit: `$${column}_limit`,
  namespace: `${column}_`,
});

/**
 * Builds `op`'s statement with `names` and adds its parameters (keys, limit,
 * own) to `params`. An own parameter outside the part's namespace, or named
 * like its key, could silently take another part's value: that is a bug in
 * the op, so it throws.
 */
function partStatement(op: ReadOp<unknown, unknown>, names: PartNames, keys: unknown[], params: Row): string {
  const { cypher, params: own = {} } = op.statement(names);
  const reserved = [names.key, names.keys, names.limit].map((reference) => reference.slice(1));
  for (const [name, value] of Object.entries(own)) {
    if (!name.startsWith(names.namespace) || reserved.includes(name) || name in params) {
      throw new Error(`Read op ${op.name} names a parameter ${name}: its own parameters must start with "${names.namespace}" and not be ${reserved.join(', ')}`);
    }
    params[name] = value;
  }
  const value = (key: unknown): unknown => (op.param ? op.param(key) : key);
  if (op.mode === 'batch') {
    params[reserved[1]!] = keys.map(value);
  } else {
    params[reserved[0]!] = value(keys[0]);
    if (op.limit) params[reserved[2]!] = op.limit(keys[0]);
  }
  return cypher;
}

/** Builds the statement for the requests of one batch; exported for tests. */
export function composeBatch(requests: readonly Request[]): { cypher: string; params: Row; parts: Part[] } {
  const keysOf = (indexes: number[]) => indexes.map((i) => requests[i]!.key);
  const sole = soleOp(requests);
  if (sole) {
    const params: Row = {};
    const indexes = requests.map((_request, i) => i);
    const cypher = partStatement(sole, ALONE, keysOf(indexes), params);
    return { cypher, params, parts: [{ op: sole, indexes, column: 'result' }] };
  }

  const parts: Part[] = [];
  const batches = new Map<string, Part>();
  requests.forEach(({ op }, index) => {
    if (op.mode === 'single') {
      parts.push({ op, indexes: [index], column: '' });
      return;
    }
    const group = batches.get(op.name);
    if (group) group.indexes.push(index);
    else batches.set(op.name, { op, indexes: [index], column: '' });
  });
  parts.push(...batches.values());

  // Each part runs in its own subquery and returns `result`, which the WITH after it keeps as the part's column.
  const params: Row = {};
  const clauses = parts.map((part, index) => {
    part.column = `r${index}`;
    const cypher = partStatement(part.op, namesOf(part.column), keysOf(part.indexes), params);
    const kept = [...parts.slice(0, index).map((earlier) => earlier.column), `result AS ${part.column}`];
    return `CALL {\n${cypher}\n}\nWITH ${kept.join(', ')}`;
  });
  return { cypher: `${clauses.join('\n')}\nRETURN ${parts.map((part) => part.column).join(', ')}`, params, parts };
}

/**
 * When every request of the batch goes through one op (the usual case: a
 * request's compiled read, or one level of entities by id), that op's
 * statement alone is the batch, with no `CALL { … }` around it.
 */
function soleOp(requests: readonly Request[]): ReadOp<unknown, unknown> | null {
  const { op } = requests[0]!;
  if (op.mode === 'single') return requests.length === 1 ? op : null;
  return requests.every((request) => request.op.name === op.name) ? op : null;
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
