/**
 * The typed SDK against a live server: the package subpath, typed results,
 * typed errors for bad input, HTTP and network failures, and the example
 * program answering the Hubei question.
 */
import { execFile } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, GreengraphError, type GreengraphClient } from '@greengraph/client';
import { useSeededGraph } from './support/graph.js';

const run = promisify(execFile);
const graph = useSeededGraph();
let url: string;
let client: GreengraphClient;

beforeAll(async () => {
  const port = await graph.server.listen(0);
  url = `http://127.0.0.1:${port}/graphql`;
  client = createClient({ url });
});

/** A port with nothing listening: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('@greengraph/client', () => {
  it('is importable from plain Node, without tsx, and answers the Hubei question', async () => {
    const script = `
      const { createClient } = await import('@greengraph/client');
      const { companies } = await createClient({ url: process.env.URL }).foreignCoBuilders({ province: 'CN-HB' });
      console.log(JSON.stringify(companies.nodes.map((c) => c.name)));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, URL: url } });
    expect(JSON.parse(stdout)).toEqual(['Schneider Electric']);
  });

  it('answers the Hubei question with typed data', async () => {
    const { companies } = await client.foreignCoBuilders({ province: 'CN-HB' });
    expect(companies.totalCount).toBe(1);
    expect(companies.nodes).toEqual([
      { id: 'schneider-electric', name: 'Schneider Electric', foreign: true, country: { code: 'FR', name: 'France' } },
    ]);
  });

  it('offers one function per contract operation, variables optional only when none is required', async () => {
    const stats = await client.graphStats();
    expect(stats.stats.parks).toBeGreaterThan(0);
    const path = await client.howConnected({ from: 'schneider-electric', to: 'hubei' });
    expect(path.shortestPath?.nodes[0]?.id).toBe('schneider-electric');
    const hits = await client.search({ text: '湖北' });
    expect(hits.search[0]?.node).toMatchObject({ __typename: 'Province', code: 'CN-HB' });
  });

  it('sends the API key as a bearer token', async () => {
    const seen: string[] = [];
    const recording = createClient({
      url,
      apiKey: 'gg_test_key',
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers).get('authorization') ?? '');
        return fetch(input, init);
      },
    });
    // The server does not know this key, and says so rather than answering as to anyone.
    const error = await recording.graphStats().catch((e: unknown) => e);
    expect(seen).toEqual(['Bearer gg_test_key']);
    expect(error).toBeInstanceOf(GreengraphError);
    expect(error).toMatchObject({ codes: ['UNAUTHENTICATED'] });
  });

  it('throws a GreengraphError carrying BAD_USER_INPUT for bad arguments', async () => {
    const error = await client.neighborhood({ id: 'hubei', depth: 9 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GreengraphError);
    expect(error).toMatchObject({ kind: 'graphql', codes: ['BAD_USER_INPUT'], retryable: false });
    expect((error as GreengraphError).message).toMatch(/^Neighborhood: .*depth.*\[BAD_USER_INPUT\]/);
  });

  it('reports an HTTP failure that is not a GraphQL response', async () => {
    const error = await createClient({ url: url.replace('/graphql', '/nowhere') }).graphStats().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GreengraphError);
    expect(error).toMatchObject({ kind: 'http', status: 404, codes: [] });
  });

  it('reports a network failure as retryable', async () => {
    const error = await createClient({ url: `http://127.0.0.1:${await closedPort()}/graphql` }).graphStats().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GreengraphError);
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect((error as GreengraphError).message).toMatch(/^GraphStats: could not reach/);
  });
});

describe('examples/hubei.ts', () => {
  it('answers the Hubei question through the SDK against the live server', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/hubei.ts'], {
      env: { ...process.env, GREENGRAPH_URL: url },
      timeout: 20_000,
    });
    expect(stdout).toContain('Foreign firms co-building parks in Hubei (1):');
    expect(stdout).toContain('- Schneider Electric (France)');
  });

  it('exits 1 with the error kind when the server is not there', async () => {
    const failure = await run(process.execPath, ['--import', 'tsx', 'examples/hubei.ts'], {
      env: { ...process.env, GREENGRAPH_URL: `http://127.0.0.1:${await closedPort()}/graphql` },
      timeout: 20_000,
    }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/greengraph network error/);
  });
});
