/**
 * The API over HTTP, as clients use it: /graphql by POST and GET, /health,
 * /ready, the graphql-http audit, and Neo4j going away and coming back.
 */
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDriver, Database } from '../src/neo4j/database.js';
import { createServer, type GreengraphServer } from '../src/server.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';
import { startTcpProxy, type TcpProxy } from './support/tcpProxy.js';

const graph = useSeededGraph();
let base: string;

beforeAll(async () => {
  const port = await graph.server.listen(0);
  base = `http://127.0.0.1:${port}`;
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('HTTP', () => {
  it('answers the Hubei question over POST', async () => {
    const response = await post({ query: contractOperations.ForeignCoBuilders, variables: { province: 'CN-HB' } });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as any;
    expect(data.companies.nodes.map((n: { name: string }) => n.name)).toEqual(['Schneider Electric']);
  });

  it('answers queries over GET', async () => {
    const query = encodeURIComponent('{ province(code: "CN-LN") { name localName } }');
    const response = await fetch(`${base}/graphql?query=${query}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { province: { name: 'Liaoning', localName: '辽宁省' } } });
  });

  it('says the process is alive on /health and ready on /ready', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', neo4j: 'up' });
  });

  it('answers malformed JSON with 400 and an error code, never a stack trace', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses an oversized body with 413', async () => {
    const response = await post({ query: `{ stats { companies } } # ${'x'.repeat(300 * 1024)}` });
    expect(response.status).toBe(413);
  });

  it('passes every MUST of the graphql-http audit', async () => {
    const results = await auditServer({ url: `${base}/graphql` });
    const failedMusts = results.filter((r) => r.status !== 'ok' && r.name.startsWith('MUST'));
    expect(failedMusts.map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });
});

describe('when Neo4j goes away', () => {
  let proxy: TcpProxy;
  let server: GreengraphServer;
  let db: Database;
  let url: string;

  beforeAll(async () => {
    const target = new URL(inject('neo4j').uri.replace(/^[a-z+]+:/, 'http:'));
    proxy = await startTcpProxy(target.hostname, Number(target.port || 7687));
    const connection = { ...inject('neo4j'), uri: `bolt://127.0.0.1:${proxy.port}` };
    db = new Database(createDriver(connection), connection.database, 5_000);
    server = await createServer({ db, logError: () => undefined });
    url = `http://127.0.0.1:${await server.listen(0)}`;
  });

  afterAll(async () => {
    await server.close();
    await db.driver.close();
    await proxy.close();
  });

  const ask = async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: contractOperations.ForeignCoBuilders, variables: { province: 'CN-HB' } }),
    });
    return (await response.json()) as any;
  };

  it('answers DATABASE_UNAVAILABLE and 503 on /ready, stays up, and recovers without a restart', async () => {
    expect((await ask()).data.companies.totalCount).toBe(1);

    await proxy.cut();
    const down = await ask();
    expect(down.errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
    expect(down.errors[0].message).toMatch(/unavailable/);
    expect(JSON.stringify(down)).not.toMatch(/ECONNREFUSED|stack|neo4j-driver/i);
    expect((await fetch(`${url}/ready`)).status).toBe(503);
    expect((await fetch(`${url}/health`)).status).toBe(200);

    await proxy.restore();
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect((await ask()).data.companies.totalCount).toBe(1);
  });
});
