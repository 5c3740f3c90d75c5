/**
 * Keys and errors that tell the truth: a wrong key on an open read is
 * UNAUTHENTICATED, anonymous callers of a closed graph get no schema hints,
 * and a bad persisted query is the client's 400, logged as a warning.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../src/auth/apiKeys.js';
import { createKeyCypher, revokeKeyCypher } from '../src/auth/apiKeys.cypher.js';
import { createServer, type GreengraphServer } from '../src/server.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const keys = { reader: '', revoked: '' };
const logLines: { level: number; msg: string }[] = [];
let open: GreengraphServer;
let closed: GreengraphServer;
let openUrl: string;
let closedUrl: string;

beforeAll(async () => {
  for (const name of ['reader', 'revoked'] as const) {
    const { id, key, hash } = generateKey();
    await graph.db.write(createKeyCypher, { id, name: `test ${name}`, role: 'reader', hash });
    if (name === 'revoked') await graph.db.write(revokeKeyCypher, { id });
    keys[name] = key;
  }
  const sink = new Writable({ write: (chunk, _encoding, done) => (logLines.push(JSON.parse(String(chunk))), done()) });
  const logger = pino({ level: 'info' }, sink);
  open = await createServer({ db: graph.db, logger });
  closed = await createServer({ db: graph.db, logger, requireKeyForReads: true });
  openUrl = `http://127.0.0.1:${await open.listen(0)}/graphql`;
  closedUrl = `http://127.0.0.1:${await closed.listen(0)}/graphql`;
});

afterAll(async () => {
  await open?.close();
  await closed?.close();
});

async function post(url: string, body: unknown, authorization?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const statsQuery = { query: '{ stats { companies } }' };

describe('a key sent with an open read', () => {
  it('is UNAUTHENTICATED (401) when it is unknown, revoked or malformed', async () => {
    const unknown = `gg_${'0'.repeat(16)}_${'A'.repeat(43)}`;
    for (const authorization of [`Bearer ${unknown}`, `Bearer ${keys.revoked}`, 'Bearer not-a-key', 'Basic dXNlcjpwdw==']) {
      const { status, body } = await post(openUrl, statsQuery, authorization);
      expect(status, authorization).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0].message).toMatch(/unknown, revoked or malformed/);
    }
  });

  it('reads as before when it is valid, or when no key is sent', async () => {
    expect(await post(openUrl, statsQuery, `Bearer ${keys.reader}`)).toEqual({ status: 200, body: { data: { stats: { companies: 4 } } } });
    expect(await post(openUrl, statsQuery)).toEqual({ status: 200, body: { data: { stats: { companies: 4 } } } });
  });
});

describe('validation errors when reads need a key', () => {
  const typo = { query: '{ company(id: "panasonic") { nme } }' };

  it('give anonymous callers no schema hints', async () => {
    const { status, body } = await post(closedUrl, typo);
    expect(status).toBe(400);
    expect(body.errors[0].message).toBe('Cannot query field "nme" on type "Company".');
    expect(JSON.stringify(body)).not.toMatch(/Did you mean|"name"/);
  });

  it('keep the hints for a reader, and on an open graph', async () => {
    expect((await post(closedUrl, typo, `Bearer ${keys.reader}`)).body.errors[0].message).toMatch(/Did you mean "name"\?/);
    expect((await post(openUrl, typo)).body.errors[0].message).toMatch(/Did you mean "name"\?/);
  });
});

describe('a persisted query that cannot be used', () => {
  it('is a 400 BAD_REQUEST when its hash does not match the query, logged as a warning', async () => {
    logLines.length = 0;
    const { status, body } = await post(openUrl, { ...statsQuery, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/sha256Hash is not the SHA-256 of the query sent/);
    expect(logLines.filter((line) => line.level >= 50)).toEqual([]);
    expect(logLines.some((line) => line.level === 40 && line.msg === 'persisted query refused')).toBe(true);
  });

  it('is a 400 BAD_REQUEST for an unknown version, with or without the query', async () => {
    for (const extra of [statsQuery, {}]) {
      const { status, body } = await post(openUrl, { ...extra, extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } });
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(body.errors[0].message).toMatch(/the only version is 1/);
    }
  });

  it('is PERSISTED_QUERY_NOT_FOUND for an unknown hash without a query', async () => {
    const { body } = await post(openUrl, { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } });
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
