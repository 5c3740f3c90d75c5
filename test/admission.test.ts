/**
 * Admission control under a burst (bounded, loopback): every request is
 * answered or refused with 503 OVERLOADED and Retry-After within a bounded
 * time, none hangs; and /ready waits until the server says it is prepared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type GreengraphServer } from '../src/server.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const BURST = 64;
/** Nobody may wait longer than this for an answer or a refusal. */
const ANSWER_WITHIN_MS = 20_000;

let server: GreengraphServer;
let base: string;

beforeAll(async () => {
  server = await createServer({ db: graph.db, admission: { maxConcurrent: 2, maxQueued: 4, maxWaitMs: 1_000 } });
  base = `http://127.0.0.1:${await server.listen(0)}`;
});

afterAll(async () => {
  await server?.close();
});

async function ask(): Promise<{ status: number; retryAfter: string | null; code: string | null; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: contractOperations.CompanyProfile, variables: { id: 'panasonic' } }),
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
  const body = (await response.json()) as any;
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: body.errors?.[0]?.extensions?.code ?? null,
    ms: Date.now() - started,
  };
}

describe('a burst of requests', () => {
  it(`answers or refuses all ${BURST} at once with OVERLOADED, in bounded time`, async () => {
    // The plan is warm, as it is once /ready says 200.
    expect((await ask()).status).toBe(200);
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: BURST }, () => ask()));
    const answered = answers.filter((a) => a.status === 200 && a.code === null);
    const refused = answers.filter((a) => a.status === 503 && a.code === 'OVERLOADED' && a.retryAfter === '1');
    console.log(
      `burst of ${BURST}: ${answered.length} answered, ${refused.length} refused OVERLOADED, ` +
        `slowest ${Math.max(...answers.map((a) => a.ms))} ms, all done in ${Date.now() - started} ms`,
    );
    expect(answered.length + refused.length).toBe(BURST);
    expect(answered.length).toBeGreaterThanOrEqual(2);
    // 2 working + 4 waiting: the rest of a burst that arrives faster than it is answered is refused.
    expect(refused.length).toBeGreaterThan(0);
    expect(Math.min(...refused.map((a) => a.ms))).toBeLessThan(ANSWER_WITHIN_MS);
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
