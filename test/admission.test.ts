/**
 * Admission control under a burst (bounded, loopback): every request is
 * answered or refused with 503 OVERLOADED and Retry-After within a bounded
 * time, none hangs; and /ready waits until the server says it is prepared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyCypher } from '../src/auth/apiKeys.cypher.js';
import { generateKey } from '../src/auth/apiKeys.js';
import { createServer, type GreengraphServer } from '../src/server.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';
import { holdWriteLock, writeWaitingFor } from './support/heldLock.js';

const graph = useSeededGraph();
const BURST = 64;
const TURNS = { maxConcurrent: 2, maxQueued: 4 };
/** Nobody may wait longer than this for an answer or a refusal. */
const ANSWER_WITHIN_MS = 20_000;
/** The id both held writes lock (an id of this test's own database). */
const HELD_ID = 'admission-held-src';

let server: GreengraphServer;
let base: string;
let editorKey: string;

beforeAll(async () => {
  // Queued requests may wait long: the test, not a clock, decides when the turns come free.
  server = await createServer({ db: graph.db, admission: { ...TURNS, maxWaitMs: 60_000 } });
  base = `http://127.0.0.1:${await server.listen(0)}`;
  const { id, key, hash } = generateKey();
  await graph.db.write(createKeyCypher, { id, name: 'admission test editor', role: 'editor', hash });
  editorKey = key;
});

afterAll(async () => {
  await server?.close();
});

interface Asked {
  status: number;
  retryAfter: string | null;
  code: string | null;
  ms: number;
}

async function post(body: Record<string, unknown>, key?: string): Promise<Asked> {
  const started = Date.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
  const answer = (await response.json()) as any;
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: answer.errors?.[0]?.extensions?.code ?? null,
    ms: Date.now() - started,
  };
}

const ask = () => post({ query: contractOperations.CompanyProfile, variables: { id: 'panasonic' } });

/** Requests working on Neo4j right now, as GET /metrics reports them. */
async function activeTurns(): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^greengraph_admission_active (\d+)/m.exec(text)?.[1] ?? NaN);
}

describe('a burst of requests', () => {
  it(`answers or refuses all ${BURST} at once with OVERLOADED, in bounded time`, async () => {
    // The plan is warm, as it is once /ready says 200.
    expect((await ask()).status).toBe(200);
    // Both turns are taken by writes that wait for a lock this test holds, so that
    // the burst meets a full server however fast the machine answers a read.
    const lock = await holdWriteLock(graph.db, HELD_ID);
    try {
      const held = Promise.all(Array.from({ length: TURNS.maxConcurrent }, () => post(writeWaitingFor(HELD_ID), editorKey)));
      await expect.poll(activeTurns, { timeout: ANSWER_WITHIN_MS, interval: 50 }).toBe(TURNS.maxConcurrent);

      const started = Date.now();
      const refusedSoFar: Asked[] = [];
      const burst = Promise.all(
        Array.from({ length: BURST }, () =>
          ask().then((a) => {
            if (a.status === 503) refusedSoFar.push(a);
            return a;
          }),
        ),
      );
      // Everything beyond the waiting room is refused while the turns are still taken.
      await expect.poll(() => refusedSoFar.length, { timeout: ANSWER_WITHIN_MS, interval: 20 }).toBe(BURST - TURNS.maxQueued);
      await lock.release();
      const answers = await burst;
      const answered = answers.filter((a) => a.status === 200 && a.code === null);
      const refused = answers.filter((a) => a.status === 503 && a.code === 'OVERLOADED' && a.retryAfter === '1');
      console.log(
        `burst of ${BURST}: ${answered.length} answered, ${refused.length} refused OVERLOADED, ` +
          `slowest refusal ${Math.max(...refused.map((a) => a.ms))} ms, all done in ${Date.now() - started} ms`,
      );
      // 2 working + 4 waiting: the waiting ones are answered once a turn comes free, the rest refused at once.
      expect(answered.length).toBe(TURNS.maxQueued);
      expect(refused.length).toBe(BURST - TURNS.maxQueued);
      expect(Math.max(...refused.map((a) => a.ms))).toBeLessThan(ANSWER_WITHIN_MS);
      // The writes that held the turns went on once the lock was free, and answered.
      expect((await held).map((a) => [a.status, a.code])).toEqual([
        [200, null],
        [200, null],
      ]);
    } finally {
      await lock.release();
    }
  });
});

describe('/ready', () => {
  it('says 503 until the server is prepared, then 200', async () => {
    let prepared = false;
    const starting = await createServer({ db: graph.db, isPrepared: () => prepared });
    const url = `http://127.0.0.1:${await starting.listen(0)}/ready`;
    try {
      const before = await fetch(url);
      expect(before.status).toBe(503);
      expect(await before.json()).toMatchObject({ status: 'unavailable', prepared: false });
      prepared = true;
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await starting.close();
    }
  });
});
