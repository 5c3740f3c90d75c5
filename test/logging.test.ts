/**
 * Request logs: one JSON line per request, with a request id that the client
 * also gets back, the operation name, duration, round trips and error codes;
 * never a header, never variable values unless asked for.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type GreengraphServer } from '../src/server.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const lines: Record<string, any>[] = [];
const servers: GreengraphServer[] = [];

/** A server whose logger writes JSON lines into `lines`. */
async function loggedServer(logVariables: boolean): Promise<string> {
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const server = await createServer({ db: graph.db, logger, logVariables });
  servers.push(server);
  return `http://127.0.0.1:${await server.listen(0)}`;
}

let base: string;
let verbose: string;

beforeAll(async () => {
  base = await loggedServer(false);
  verbose = await loggedServer(true);
});

afterAll(async () => {
  for (const server of servers) await server.close();
});

beforeEach(() => {
  lines.length = 0;
});

const ask = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The log line of a request, once the response has been written. */
async function lineFor(requestId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 50; i += 1) {
    const found = lines.filter((line) => line.reqId === requestId);
    if (found.length > 0) {
      expect(found).toHaveLength(1);
      return found[0]!;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no log line for request ${requestId}`);
}

describe('request logs', () => {
  it('log one line per request with its id, operation, duration and round trips, and return the id', async () => {
    const response = await ask(base, {
      query: contractOperations.ForeignCoBuilders,
      variables: { province: 'CN-HB' },
      operationName: 'ForeignCoBuilders',
    });
    expect(response.status).toBe(200);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = await lineFor(id!);
    expect(line).toMatchObject({
      level: 30,
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'ForeignCoBuilders',
      variables: ['province'],
    });
    expect(line.durationMs).toBeGreaterThan(0);
    expect(line.roundTrips).toBeGreaterThanOrEqual(1);
    expect(line.errorCodes).toBeUndefined();
    // A wrong key is refused (401) and neither it nor the variables reach the log.
    const refused = await ask(
      base,
      { query: contractOperations.ForeignCoBuilders, variables: { province: 'CN-HB' }, operationName: 'ForeignCoBuilders' },
      { authorization: 'Bearer secret-key-that-must-not-be-logged' },
    );
    expect(refused.status).toBe(401);
    expect(await lineFor(refused.headers.get('x-request-id')!)).toMatchObject({ status: 401, errorCodes: ['UNAUTHENTICATED'] });
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/secret-key|authorization|CN-HB|Bearer/i);
  });

  it("keep the client's own request id", async () => {
    const response = await ask(base, { query: '{ stats { companies } }' }, { 'x-request-id': 'client-abc.123' });
    expect(response.headers.get('x-request-id')).toBe('client-abc.123');
    expect(await lineFor('client-abc.123')).toMatchObject({ status: 200 });
  });

  it('replace a request id that is not a plain token', async () => {
    const response = await ask(base, { query: '{ stats { companies } }' }, { 'x-request-id': 'bad id\twith "quotes"' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('log the error codes of a failed request', async () => {
    const response = await ask(base, { query: 'query Broken { companies(first: 1000) { totalCount } }' });
    const line = await lineFor(response.headers.get('x-request-id')!);
    expect(line).toMatchObject({ operationName: 'Broken', errorCodes: ['BAD_USER_INPUT'] });
  });

  it('log variable values only when asked to', async () => {
    const response = await ask(verbose, { query: contractOperations.CompanyProfile, variables: { id: 'schneider-electric' } });
    const line = await lineFor(response.headers.get('x-request-id')!);
    expect(line.variables).toEqual({ id: 'schneider-electric' });
  });

  it('log health probes at debug level only', async () => {
    const response = await fetch(`${base}/health`);
    expect((await lineFor(response.headers.get('x-request-id')!)).level).toBe(20);
  });
});
