/**
 * GET /metrics against the real Neo4j: each family in the Prometheus text
 * format with its type; counters that move by exactly what known requests
 * did (operations, outcomes, error codes, round trips, statements, admission
 * refusals, import rows); operation names bounded; the key rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../src/auth/apiKeys.js';
import { createKeyCypher } from '../src/auth/apiKeys.cypher.js';
import { importDataset } from '../src/import/importDataset.js';
import { createAdmission } from '../src/limits/admission.js';
import { createMetrics, MAX_OPERATION_NAMES } from '../src/observability/metrics.js';
import { NATIONAL_LIST_DIR } from '../src/program/generateNationalList.js';
import { createServer, type GreengraphServer } from '../src/server.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';
import { holdWriteLock, writeWaitingFor } from './support/heldLock.js';
import { parseExposition, valueOf, type Exposition } from './support/prometheusText.js';

const graph = useSeededGraph();
const servers: GreengraphServer[] = [];
let readerKey = '';
let editorKey = '';
let open: { server: GreengraphServer; base: string };

async function start(options: Omit<Parameters<typeof createServer>[0], 'db'>): Promise<{ server: GreengraphServer; base: string }> {
  const server = await createServer({ db: graph.db, logError: () => undefined, ...options });
  servers.push(server);
  return { server, base: `http://127.0.0.1:${await server.listen(0)}` };
}

beforeAll(async () => {
  const { id, key, hash } = generateKey();
  await graph.db.write(createKeyCypher, { id, name: 'test metrics reader', role: 'reader', hash });
  readerKey = key;
  const editor = generateKey();
  await graph.db.write(createKeyCypher, { id: editor.id, name: 'test metrics editor', role: 'editor', hash: editor.hash });
  editorKey = editor.key;
  open = await start({ admission: { maxWaitMs: 120_000 } });
});

afterAll(async () => {
  for (const server of servers) await server.close();
});

const post = (base: string, body: unknown) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function scrape(base: string, authorization?: string): Promise<Exposition> {
  const response = await fetch(`${base}/metrics`, authorization ? { headers: { authorization } } : {});
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parseExposition(await response.text());
}

const companyProfile = { query: contractOperations.CompanyProfile!, variables: { id: 'panasonic' }, operationName: 'CompanyProfile' };

describe('GET /metrics', () => {
  it('exposes every family in the text format, each with its type', async () => {
    const { types } = await scrape(open.base);
    expect(Object.fromEntries([...types].filter(([name]) => !/^greengraph_(process|nodejs)_/.test(name)))).toEqual({
      greengraph_graphql_requests_total: 'counter',
      greengraph_graphql_errors_total: 'counter',
      greengraph_graphql_request_duration_seconds: 'histogram',
      greengraph_graphql_request_round_trips: 'histogram',
      greengraph_cypher_statements_total: 'counter',
      greengraph_cypher_statement_duration_seconds: 'histogram',
      greengraph_neo4j_sessions_open: 'gauge',
      greengraph_admission_active: 'gauge',
      greengraph_admission_queued: 'gauge',
      greengraph_admission_refused_total: 'counter',
      greengraph_import_rows_total: 'counter',
      greengraph_import_batches_total: 'counter',
      greengraph_feed_subscribers: 'gauge',
      greengraph_feed_lag_changes: 'gauge',
    });
    // The default process metrics, prefixed.
    expect(types.get('greengraph_process_cpu_seconds_total')).toBe('counter');
    expect(types.get('greengraph_process_start_time_seconds')).toBe('gauge');
    expect(types.get('greengraph_nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(types.get('greengraph_nodejs_heap_size_used_bytes')).toBe('gauge');
  });

  it('counts 3 requests of an operation as 3, with their duration, round trips and every statement they ran', async () => {
    const { roundTrips: perRequest, errors } = await graph.execute(companyProfile.query, companyProfile.variables, 'CompanyProfile');
    expect(errors).toBeUndefined();
    expect(perRequest).toBeGreaterThan(0);
    const before = await scrape(open.base);
    for (let i = 0; i < 3; i += 1) {
      const response = await post(open.base, companyProfile);
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).errors).toBeUndefined();
    }
    const after = await scrape(open.base);
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('greengraph_graphql_requests_total', { operation: 'CompanyProfile', outcome: 'ok' })).toBe(3);
    expect(delta('greengraph_graphql_requests_total')).toBe(3);
    expect(delta('greengraph_graphql_request_duration_seconds_count', { operation: 'CompanyProfile' })).toBe(3);
    expect(delta('greengraph_graphql_request_duration_seconds_bucket', { operation: 'CompanyProfile', le: '+Inf' })).toBe(3);
    expect(delta('greengraph_graphql_request_duration_seconds_sum', { operation: 'CompanyProfile' })).toBeGreaterThan(0);
    expect(delta('greengraph_graphql_request_round_trips_count')).toBe(3);
    expect(delta('greengraph_graphql_request_round_trips_sum')).toBe(3 * perRequest);
    // Anonymous reads check no key: the statements are exactly the requests' round trips, all reads.
    expect(delta('greengraph_cypher_statements_total', { mode: 'read' })).toBe(3 * perRequest);
    expect(delta('greengraph_cypher_statements_total', { mode: 'write' })).toBe(0);
    expect(delta('greengraph_cypher_statement_duration_seconds_count', { mode: 'read' })).toBe(3 * perRequest);
    // Every session opened was closed again.
    expect(valueOf(after, 'greengraph_neo4j_sessions_open')).toBe(0);
    expect(valueOf(after, 'greengraph_admission_active')).toBe(0);
    expect(valueOf(after, 'greengraph_admission_queued')).toBe(0);
  });

  it('counts a BAD_USER_INPUT as an error of its operation, and a syntax error as an unresolved one', async () => {
    const before = await scrape(open.base);
    const bad = await post(open.base, { ...companyProfile, variables: { id: null } });
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const broken = await post(open.base, { query: 'query Broken { stats {' });
    expect(((await broken.json()) as any).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const after = await scrape(open.base);
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('greengraph_graphql_requests_total', { operation: 'CompanyProfile', outcome: 'error' })).toBe(1);
    expect(delta('greengraph_graphql_requests_total', { operation: 'unresolved', outcome: 'error' })).toBe(1);
    expect(delta('greengraph_graphql_requests_total', { outcome: 'ok' })).toBe(0);
    expect(delta('greengraph_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    expect(delta('greengraph_graphql_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(after.samples.some((sample) => sample.labels.operation === 'Broken')).toBe(false);
  });

  it('keeps at most MAX_OPERATION_NAMES operation names, counting the rest as other', async () => {
    const names = Array.from({ length: MAX_OPERATION_NAMES + 5 }, (_, i) => `Probe${i}`);
    for (const name of names) {
      const response = await post(open.base, { query: `query ${name} { __typename }` });
      expect(response.status).toBe(200);
    }
    // A name that is not valid GraphQL never becomes a label, however it is sent.
    await post(open.base, { query: '{ __typename }', operationName: 'Injected"} 1\nfake_metric 2' });
    const after = await scrape(open.base);
    const operations = new Set(after.samples.filter((s) => s.name === 'greengraph_graphql_requests_total').map((s) => s.labels.operation));
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 3);
    expect(operations.has('other')).toBe(true);
    expect(operations.has(names.at(-1))).toBe(false);
    expect(after.samples.some((s) => s.name === 'fake_metric')).toBe(false);
    expect(valueOf(after, 'greengraph_graphql_requests_total', { operation: 'other', outcome: 'ok' })).toBeGreaterThanOrEqual(5);
  });

  it('counts the rows and batches of an import through its onBatch progress', async () => {
    const before = await scrape(open.base);
    const { rows } = await importDataset(graph.db, NATIONAL_LIST_DIR, 'test', open.server.metrics!.importProgress());
    expect(rows).toBeGreaterThan(0);
    const after = await scrape(open.base);
    const delta = (name: string) => valueOf(after, name) - valueOf(before, name);
    expect(delta('greengraph_import_rows_total')).toBe(rows);
    expect(delta('greengraph_import_batches_total')).toBeGreaterThanOrEqual(1);
  });

  it("shows the change feed's subscribers as they come and go", async () => {
    expect(valueOf(await scrape(open.base), 'greengraph_feed_subscribers')).toBe(0);
    const subscriptions = await Promise.all([open.server.changeFeed.subscribe(null, null), open.server.changeFeed.subscribe(null, ['Company'])]);
    const during = await scrape(open.base);
    expect(valueOf(during, 'greengraph_feed_subscribers')).toBe(2);
    // Subscribed from now, with nothing written since: nothing waits for them.
    expect(valueOf(during, 'greengraph_feed_lag_changes')).toBe(0);
    await Promise.all(subscriptions.map((s) => s.return!()));
    expect(valueOf(await scrape(open.base), 'greengraph_feed_subscribers')).toBe(0);
  });
});

describe('admission in /metrics', () => {
  it('counts each request refused with 503 OVERLOADED as refused', async () => {
    const { base } = await start({ admission: { maxConcurrent: 1, maxQueued: 0, maxWaitMs: 1_000 } });
    // The one turn is taken by a write waiting for a lock this test holds: every read meets a full server.
    const lock = await holdWriteLock(graph.db, 'metrics-held-src');
    try {
      const held = fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${editorKey}` },
        body: JSON.stringify(writeWaitingFor('metrics-held-src')),
      });
      await expect.poll(async () => valueOf(await scrape(base), 'greengraph_admission_active'), { timeout: 20_000, interval: 50 }).toBe(1);
      const answers = await Promise.all(Array.from({ length: 12 }, () => post(base, companyProfile)));
      await lock.release();
      expect((await held).status).toBe(200);
      expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 12 }, () => 503));
      const after = await scrape(base);
      expect(valueOf(after, 'greengraph_graphql_requests_total', { operation: 'unresolved', outcome: 'refused' })).toBe(12);
      expect(valueOf(after, 'greengraph_admission_refused_total', { reason: 'queue_full' })).toBe(12);
      // None of the reads got a turn.
      expect(valueOf(after, 'greengraph_graphql_requests_total', { operation: 'CompanyProfile', outcome: 'ok' })).toBe(0);
    } finally {
      await lock.release();
    }
  });

  it('shows the requests working and waiting at scrape time', async () => {
    const admission = createAdmission({ maxConcurrent: 1, maxQueued: 2, maxWaitMs: 60_000 });
    const metrics = createMetrics({ admissionLoad: admission.load });
    const release = await admission.admit();
    const waiting = admission.admit();
    const values = await metrics.registry.getMetricsAsJSON();
    const gauge = (name: string) => values.find((metric) => metric.name === name)?.values[0]?.value;
    expect(gauge('greengraph_admission_active')).toBe(1);
    expect(gauge('greengraph_admission_queued')).toBe(1);
    release();
    (await waiting)();
  });
});

describe('who may read /metrics', () => {
  it('refuses anonymous callers and wrong keys with 401 UNAUTHENTICATED when set to key', async () => {
    const { base } = await start({ metrics: 'key' });
    const anonymous = await fetch(`${base}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const wrong = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer not-a-key' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as any).errors[0].message).toMatch(/unknown, revoked or malformed/);
    await scrape(base, `Bearer ${readerKey}`);
  });

  it('is closed by default when reads need a key, and open otherwise', async () => {
    const closed = await start({ requireKeyForReads: true });
    expect((await fetch(`${closed.base}/metrics`)).status).toBe(401);
    expect((await fetch(`${open.base}/metrics`)).status).toBe(200);
  });

  it('is not there, and nothing is counted, when off', async () => {
    const { server, base } = await start({ metrics: 'off' });
    expect(server.metrics).toBeNull();
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await post(base, companyProfile)).status).toBe(200);
  });
});
