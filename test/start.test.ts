/**
 * `npm start` as a person or a log collector sees it: the program (src/main.ts)
 * against the test Neo4j, its stdout a pipe as under a process manager. It
 * ends with one block of addresses, each of which answers; its log is JSON
 * lines unless GREENGRAPH_LOG_FORMAT asks for readable ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureWebBuilt } from '../web/build.js';
import { useSeededGraph } from './support/graph.js';

useSeededGraph();
beforeAll(() => ensureWebBuilt({ log: () => undefined }), 120_000);
const running: ChildProcess[] = [];

afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

/** Starts src/main.ts on a free port and resolves with its stdout once it says it is ready. */
async function start(env: Record<string, string>): Promise<string> {
  const neo4j = inject('neo4j');
  const { VITEST: _vitest, VITEST_WORKER_ID: _worker, VITEST_POOL_ID: _pool, GREENGRAPH_LOG_FORMAT: _format, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...inherited,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      PORT: '0',
      GREENGRAPH_SEED_ON_START: 'false',
      GREENGRAPH_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const deadline = Date.now() + 60_000;
  while (!/Ready +http/.test(stdout)) {
    if (child.exitCode !== null) throw new Error(`src/main.ts exited with ${child.exitCode}: ${stdout}${stderr}`);
    if (Date.now() > deadline) throw new Error(`src/main.ts did not say it was ready: ${stdout}${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return stdout;
}

describe('npm start', () => {
  it('logs JSON lines when stdout is not a terminal, and ends with the addresses, each of which answers', async () => {
    const stdout = await start({});
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    const ready = lines.at(-1)!;
    expect(ready.msg.split('\n')[0]).toBe('greengraph is ready');
    const { urls } = ready;
    expect(Object.keys(urls)).toEqual(['graphql', 'playground', 'explorer', 'export', 'ready']);
    for (const label of ['GraphQL', 'Playground', 'Explorer', 'Export', 'Ready']) expect(ready.msg).toMatch(new RegExp(`^  ${label} +http`, 'm'));

    const graphql = await fetch(urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ province(code: "CN-HB") { name } }' }),
    });
    expect(await graphql.json()).toEqual({ data: { province: { name: 'Hubei' } } });
    for (const url of [urls.playground, urls.explorer, urls.export, urls.ready]) {
      expect((await fetch(url)).status, url).toBe(200);
    }
  });

  it('logs readable lines without colour codes with GREENGRAPH_LOG_FORMAT=pretty', async () => {
    const stdout = await start({ GREENGRAPH_LOG_FORMAT: 'pretty' });
    expect(stdout).not.toContain('\u001b');
    expect(stdout).not.toMatch(/^\{/m);
    expect(stdout).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: listening on http:\/\/localhost:\d+; preparing the database$/m);
    const block = stdout.slice(stdout.lastIndexOf('greengraph is ready')).trimEnd().split('\n');
    expect(block.map((line) => line.trim().split(/ +/)[0])).toEqual(['greengraph', 'GraphQL', 'Playground', 'Explorer', 'Export', 'Ready']);
  });

  it('refuses an unknown GREENGRAPH_LOG_FORMAT, saying what is allowed', async () => {
    await expect(start({ GREENGRAPH_LOG_FORMAT: 'xml' })).rejects.toThrow(/GREENGRAPH_LOG_FORMAT must be pretty or json, but got: xml/);
  });
});
