/**
 * A local Neo4j that looks after itself: `npm start`'s process (src/main.ts,
 * run for real as a child process on a free port with a data directory of
 * this file's own under .data/test/, so the suite's Neo4j is untouched) has its Neo4j killed
 * with SIGKILL under reads and writes. It logs the exit, restarts Neo4j, and
 * /ready says 200 again with no one's help; every acknowledged write is there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../src/auth/apiKeys.js';
import { createKeyCypher } from '../src/auth/apiKeys.cypher.js';
import { createDriver, Database } from '../src/neo4j/database.js';
import { projectRoot } from '../src/projectRoot.js';
import { freePort, freshDataDir } from './support/testNeo4j.js';

let boltPort: number;
let dataDir: string;
/** No single request may take longer than this, whatever state Neo4j is in. */
const ANSWER_WITHIN_MS = 60_000;

let main: ChildProcess;
const lines: { msg?: string; [key: string]: unknown }[] = [];
let base: string;

/** Resolves with the first log line that matches, or rejects after `timeoutMs`. */
function logLine(match: (msg: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const found = lines.find((line) => typeof line.msg === 'string' && match(line.msg));
      if (found) return resolve(found.msg!);
      if (main.exitCode !== null) return reject(new Error(`main exited (${main.exitCode}): ${JSON.stringify(lines.slice(-5))}`));
      if (Date.now() > deadline) return reject(new Error(`no such log line within ${timeoutMs} ms: ${JSON.stringify(lines.slice(-5))}`));
      setTimeout(poll, 100);
    };
    poll();
  });
}

beforeAll(async () => {
  boltPort = await freePort();
  dataDir = freshDataDir('supervised');
  main = spawn(join(projectRoot(), 'node_modules', '.bin', 'tsx'), ['src/main.ts'], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      VITEST: '',
      NEO4J_URI: '',
      PORT: '0',
      NEO4J_BOLT_PORT: String(boltPort),
      NEO4J_DATA_DIR: dataDir,
      GREENGRAPH_LOG_LEVEL: 'info',
      // A shared, busy machine: a cold store's first statements are slow.
      GREENGRAPH_QUERY_TIMEOUT_MS: '60000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  main.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      try {
        lines.push(JSON.parse(line));
      } catch {
        lines.push({ msg: line });
      }
    }
  });
  const listening = await logLine((msg) => msg.startsWith('listening on '), 240_000);
  base = `http://127.0.0.1:${/:(\d+);/.exec(listening)![1]}`;
  await logLine((msg) => msg.startsWith('greengraph is ready'), 600_000);
}, 900_000);

afterAll(async () => {
  if (main && main.exitCode === null) {
    const exited = new Promise((resolve) => main.once('exit', resolve));
    main.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** POSTs an operation; a request with no answer within ANSWER_WITHIN_MS comes back as HUNG (the test then fails). */
async function post(query: string, key?: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
  try {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    return { status: response.status, body: await response.json() };
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    return { status: 0, body: { errors: [{ extensions: { code: 'HUNG' } }] } };
  }
}

const readyStatus = async () => (await fetch(`${base}/ready`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) })).status;

describe('the local Neo4j, killed under load', () => {
  it('is restarted by the process that started it, and /ready comes back by itself', async () => {
    // Ready means the seed is in place: the first write can rely on it.
    expect(await readyStatus()).toBe(200);
    expect((await post('{ countries { code } }')).body.data.countries).toHaveLength(17);
    const sourcesBefore = (await post('{ stats { sources } }')).body.data.stats.sources as number;

    const db = new Database(createDriver({ uri: `bolt://127.0.0.1:${boltPort}`, user: 'neo4j', password: '', database: null }), null, 60_000);
    const { id, key: editorKey, hash } = generateKey();
    await db.write(createKeyCypher, { id, name: 'supervision editor', role: 'editor', hash });
    await db.driver.close();

    const pid = Number(/pid (\d+)/.exec(await logLine((msg) => msg.startsWith('local Neo4j started'), 1_000))![1]);
    let loading = true;
    const outcomes: string[] = [];
    const readers = Array.from({ length: 4 }, async () => {
      while (loading) {
        const { body } = await post('{ company(id: "panasonic") { name facilities { id } } }', editorKey);
        outcomes.push(body.errors ? String(body.errors[0].extensions.code) : 'answered');
      }
    });
    let attempted = 0;
    let acknowledged = 0;
    const writer = (async () => {
      while (loading) {
        attempted += 1;
        const { body } = await post(
          'mutation ($input: SourceInput!) { upsertSource(input: $input) { id } }',
          editorKey,
          { input: { id: `supervised-${attempted}`, title: `Supervision test source ${attempted}` } },
        );
        if (body.data?.upsertSource?.id) acknowledged += 1;
        else outcomes.push(String(body.errors?.[0]?.extensions?.code));
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    await logLine((msg) => msg.includes('exited unexpectedly'), 30_000);
    const deadline = killedAt + 600_000;
    let sawUnready = false;
    for (;;) {
      const status = await readyStatus();
      if (status !== 200) sawUnready = true;
      else if (sawUnready) break;
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const recoveredMs = Date.now() - killedAt;
    loading = false;
    await Promise.all([...readers, writer]);

    const sourcesAfter = (await post('{ stats { sources } }')).body.data.stats.sources as number;
    console.log(
      `supervision: /ready back ${recoveredMs} ms after SIGKILL; ${outcomes.length} failed or answered reads/writes ` +
        `(${[...new Set(outcomes)].join(', ')}); writes acknowledged ${acknowledged} of ${attempted}; sources ${sourcesBefore} → ${sourcesAfter}`,
    );
    expect(lines.some((line) => line.level === 50 && line.msg === 'the local Neo4j exited; restarting it')).toBe(true);
    // Every failure during the outage is the clean one, never a 500.
    expect(outcomes.filter((o) => !['answered', 'DATABASE_UNAVAILABLE', 'QUERY_TIMEOUT'].includes(o))).toEqual([]);
    // Every acknowledged write survived; at most the one in flight at the kill may have committed unacknowledged.
    expect(sourcesAfter).toBeGreaterThanOrEqual(sourcesBefore + acknowledged);
    expect(sourcesAfter).toBeLessThanOrEqual(sourcesBefore + attempted);
    expect((await post('{ company(id: "panasonic") { name } }')).body.data.company.name).toBe('Panasonic');
  }, 900_000);
});
