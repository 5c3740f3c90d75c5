/**
 * Reads queued in one tick share one statement, and each part of it is
 * written with names of its own: nothing in a finished part is rewritten,
 * so text that only looks like a parameter or a result column stays as it is.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { composeBatch, createGraphLoader, load, type BatchReadOp, type ReadOp, type SingleReadOp } from '../src/neo4j/batch.js';
import { createDriver, Database, type RoundTripCounter } from '../src/neo4j/database.js';
import { TEST_QUERY_TIMEOUT_MS } from './support/graph.js';

const connection = inject('neo4j');
const driver = createDriver(connection);
const db = new Database(driver, connection.database, TEST_QUERY_TIMEOUT_MS);
afterAll(() => driver.close());

/** Spells `$key`, `$keys` and `AS result` in a string and after its result column, where a rename by pattern would reach them. */
const echo: SingleReadOp<string, string> = {
  name: 'echo',
  mode: 'single',
  statement: ({ key }) => ({ cypher: `RETURN 'the $key is ' + ${key} AS result // not $keys, nor AS result` }),
};

/** A batch op with parameters of its own, one named as a prefix of the other. */
const plusOffsets: BatchReadOp<number, number> = {
  name: 'plusOffsets',
  mode: 'batch',
  statement: ({ keys, namespace }) => ({
    cypher: `UNWIND range(0, size(${keys}) - 1) AS i RETURN collect({i: i, v: ${keys}[i] + $${namespace}p1 + $${namespace}p10}) AS result`,
    params: { [`${namespace}p1`]: 1, [`${namespace}p10`]: 10 },
  }),
};

/** A single op that reads a limit. */
const firstNumbers: SingleReadOp<number, number[]> = {
  name: 'firstNumbers',
  mode: 'single',
  limit: (key) => key,
  statement: ({ limit }) => ({ cypher: `UNWIND range(1, 100) AS n WITH n LIMIT ${limit} RETURN collect(n) AS result` }),
};

/** A request of a batch, as the loader queues it. */
const request = <K, V>(op: ReadOp<K, V>, key: K) => ({ op: op as ReadOp<unknown, unknown>, key: key as unknown });

function loader() {
  const counter: RoundTripCounter = { roundTrips: 0 };
  return { loader: createGraphLoader(db.withCounter(counter)), counter };
}

describe('one statement per tick', () => {
  it('runs a read that is alone as it is written', async () => {
    const { loader: graphLoader, counter } = loader();
    expect(await load(graphLoader, echo, 'x')).toBe('the $key is x');
    expect(counter.roundTrips).toBe(1);
  });

  it('composes reads of several ops in one round trip, each part reading its own keys, limit and parameters', async () => {
    const { loader: graphLoader, counter } = loader();
    const answers = await Promise.all([
      load(graphLoader, echo, 'a'),
      load(graphLoader, plusOffsets, 1),
      load(graphLoader, echo, 'b'),
      load(graphLoader, plusOffsets, 2),
      load(graphLoader, firstNumbers, 3),
    ]);
    expect(answers).toEqual(['the $key is a', 12, 'the $key is b', 13, [1, 2, 3]]);
    expect(counter.roundTrips).toBe(1);
  });

  it('refuses an op that names its own parameter outside the namespace of its part', () => {
    const stray: SingleReadOp<null, number> = {
      name: 'stray',
      mode: 'single',
      statement: () => ({ cypher: 'RETURN $p0 AS result', params: { p0: 1 } }),
    };
    expect(() => composeBatch([request(stray, null), request(echo, 'a')])).toThrow(
      'Read op stray names a parameter p0: its own parameters must start with "r0_"',
    );
    const shadowing: SingleReadOp<null, number> = { ...stray, name: 'shadowing', statement: () => ({ cypher: 'RETURN $key AS result', params: { key: 1 } }) };
    expect(() => composeBatch([request(shadowing, null)])).toThrow('Read op shadowing names a parameter key');
  });
});
