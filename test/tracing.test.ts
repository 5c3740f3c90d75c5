/**
 * Traces against the real Neo4j, collected by an in-memory exporter: a span
 * per GraphQL request with its operation, cost, round trips and outcome, a
 * child span per Cypher statement, and no parameter value anywhere.
 */
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKey } from '../src/auth/apiKeys.js';
import { createKeyCypher } from '../src/auth/apiKeys.cypher.js';
import { startTracing } from '../src/observability/tracing.js';
import { createServer, type GreengraphServer } from '../src/server.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let server: GreengraphServer;
let base: string;
let editorKey = '';

/** Values sent as variables; none may appear in any span. */
const SECRET_ID = 'panasonic';
const SECRET_TITLE = 'Tracing probe source 7f3a (fictional)';

beforeAll(async () => {
  provider.register();
  const { id, key, hash } = generateKey();
  await graph.db.write(createKeyCypher, { id, name: 'test tracing editor', role: 'editor', hash });
  editorKey = key;
  server = await createServer({ db: graph.db, logError: () => undefined });
  base = `http://127.0.0.1:${await server.listen(0)}`;
});

afterAll(async () => {
  await server?.close();
  await provider.shutdown();
});

beforeEach(() => exporter.reset());

async function post(body: unknown, authorization?: string): Promise<any> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return response.json();
}

const requestSpans = () => exporter.getFinishedSpans().filter((span) => span.attributes['greengraph.outcome'] !== undefined);
const childrenOf = (parent: ReadableSpan) =>
  exporter.getFinishedSpans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

/** Every string a span carries: its name, attribute values and status message. */
const textsOf = (span: ReadableSpan): string[] => [
  span.name,
  span.status.message ?? '',
  ...Object.values(span.attributes).map((value) => String(value)),
];

describe('traces', () => {
  it('spans a query and each of its statements, with operation, cost, round trips and outcome', async () => {
    const body = await post({ query: contractOperations.CompanyProfile, variables: { id: SECRET_ID }, operationName: 'CompanyProfile' });
    expect(body.errors).toBeUndefined();
    const { roundTrips } = await graph.execute(contractOperations.CompanyProfile!, { id: SECRET_ID }, 'CompanyProfile');
    exporter.reset();
    await post({ query: contractOperations.CompanyProfile, variables: { id: SECRET_ID }, operationName: 'CompanyProfile' });

    const [request, ...others] = requestSpans();
    expect(others).toEqual([]);
    expect(request!.name).toBe('graphql query CompanyProfile');
    expect(request!.attributes).toMatchObject({
      'graphql.operation.name': 'CompanyProfile',
      'graphql.operation.type': 'query',
      'greengraph.outcome': 'ok',
      'greengraph.round_trips': roundTrips,
    });
    expect(request!.attributes['greengraph.cost']).toBeGreaterThan(0);

    const statements = childrenOf(request!);
    expect(statements).toHaveLength(roundTrips);
    for (const statement of statements) {
      expect(statement.attributes).toMatchObject({ 'db.system': 'neo4j', 'db.system.name': 'neo4j', 'db.operation': 'read' });
      expect(statement.attributes['db.operation.name']).toMatch(/^[A-Z]+$/);
      expect(statement.name).toBe(`neo4j read ${String(statement.attributes['db.operation.name'])}`);
      expect(statement.attributes['db.query.text']).toBeUndefined();
      expect(statement.endTime).toBeDefined();
    }
    for (const span of exporter.getFinishedSpans()) {
      for (const text of textsOf(span)) expect(text).not.toContain(SECRET_ID);
    }
  });

  it('spans a mutation with its write statements and no value of its input', async () => {
    const body = await post(
      {
        query: 'mutation Probe($input: SourceInput!) { upsertSource(input: $input) { id } }',
        variables: { input: { id: 'tracing-probe-source', title: SECRET_TITLE, publisher: SECRET_TITLE } },
      },
      `Bearer ${editorKey}`,
    );
    expect(body.errors).toBeUndefined();
    const [request] = requestSpans();
    expect(request!.attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'greengraph.outcome': 'ok' });
    const writes = childrenOf(request!).filter((span) => span.attributes['db.operation'] === 'write');
    expect(writes.length).toBeGreaterThan(0);
    // The mutation's statements, and the key check: it runs in the request's span, before its round trips are counted.
    expect(childrenOf(request!)).toHaveLength(Number(request!.attributes['greengraph.round_trips']) + 1);
    for (const span of exporter.getFinishedSpans()) {
      for (const text of textsOf(span)) {
        expect(text).not.toContain(SECRET_TITLE);
        expect(text).not.toContain('tracing-probe-source');
        expect(text).not.toContain(editorKey);
      }
    }
  });

  it('marks a request whose input was bad with outcome error and its code', async () => {
    await post({ query: contractOperations.CompanyProfile, variables: { id: null }, operationName: 'CompanyProfile' });
    const [request] = requestSpans();
    expect(request!.attributes).toMatchObject({ 'greengraph.outcome': 'error', 'error.type': 'BAD_USER_INPUT' });
    expect(childrenOf(request!)).toEqual([]);
  });
});

describe('tracing setup', () => {
  it('loads no SDK and exports nothing without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    expect(await startTracing({})).toBeNull();
  });
});
