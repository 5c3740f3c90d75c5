/**
 * `npm test` never touches a user's graph. A "user" Neo4j holding a seeded
 * graph, an API key and a node of the user's own runs on the default Bolt
 * port (another free port when that one is taken), where `npm start` keeps
 * it. Beside it, the suite's real global setup and a test file that wipes and
 * seeds its database run as a child vitest: once with NEO4J_BOLT_PORT and
 * NEO4J_DATA_DIR naming the user's server (the old setup reused it), once
 * with NEO4J_URI pointing at it. NEO4J_TEST_URI pointing at it is refused
 * before anything is written. After each, the user's graph, indexes included,
 * is exactly what it was.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../src/auth/apiKeys.js';
import { createKeyCypher } from '../src/auth/apiKeys.cypher.js';
import { createDriver, Database } from '../src/neo4j/database.js';
import { isPortOpen } from '../src/neo4j/boltProbe.js';
import { DEFAULT_BOLT_PORT } from '../src/neo4j/launcherBuild.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/neo4j/localNeo4j.js';
import { migrate } from '../src/neo4j/migrations.js';
import { claimScratchDatabase, NotAScratchDatabaseError, wipeScratchDatabase } from '../src/neo4j/scratchDatabase.js';
import { projectRoot } from '../src/projectRoot.js';
import { applySeed } from '../src/seed/seedGraph.js';
import { setUpTestDatabase } from './support/globalSetup.js';
import { freePort, freshDataDir } from './support/testNeo4j.js';

const run = promisify(execFile);

let user: LocalNeo4j;
let userDataDir: string;
let db: Database;
let before: string;

/** Every node and relationship with every property and its type, and the schema: the whole graph as text. */
async function snapshot(): Promise<string> {
  const nodes = await db.read(
    'MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, [k IN keys(n) | [k, valueType(n[k]), n[k]]] AS props ORDER BY id',
  );
  const relationships = await db.read(
    `MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS type, elementId(a) AS from, elementId(b) AS to,
            [k IN keys(r) | [k, valueType(r[k]), r[k]]] AS props ORDER BY id`,
  );
  const schema = await db.read('SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name');
  return JSON.stringify({ nodes, relationships, schema });
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** The same text as before; on a difference, the parsed graphs are compared to show what changed. */
function expectUnchanged(now: string): void {
  if (digest(now) !== digest(before)) expect(JSON.parse(now)).toEqual(JSON.parse(before));
  expect(digest(now)).toBe(digest(before));
}

/** The suite's global setup and a wiping, seeding test file, as a child vitest with `env`. */
async function runProbe(env: Record<string, string>): Promise<{ uri: string }> {
  const out = join(tmpdir(), `greengraph-probe-${process.pid}-${Date.now()}.json`);
  const probeEnv: NodeJS.ProcessEnv = { ...process.env, ...env, GREENGRAPH_PROBE_OUT: out };
  delete probeEnv.VITEST;
  delete probeEnv.VITEST_WORKER_ID;
  delete probeEnv.VITEST_POOL_ID;
  await run(join(projectRoot(), 'node_modules', '.bin', 'vitest'), ['run', '--config', 'test/support/probe/vitest.config.ts'], {
    cwd: projectRoot(),
    env: probeEnv,
    timeout: 240_000,
  });
  const probed = JSON.parse(readFileSync(out, 'utf8')) as { uri: string };
  rmSync(out, { force: true });
  return probed;
}

beforeAll(async () => {
  const port = (await isPortOpen('127.0.0.1', DEFAULT_BOLT_PORT)) ? await freePort() : DEFAULT_BOLT_PORT;
  userDataDir = freshDataDir('user');
  user = await startLocalNeo4j({ port, dataDir: userDataDir, reuse: false });
  db = new Database(createDriver({ uri: user.uri, user: 'neo4j', password: '', database: null }), null, 60_000);
  // The user's graph as `npm start` leaves it, with a key and a node no seed wrote.
  await migrate(db);
  await applySeed(db);
  const { id, hash } = generateKey();
  await db.write(createKeyCypher, { id, name: 'the user', role: 'editor', hash });
  await db.write("CREATE (:Note {text: 'written by the user', at: datetime('2026-11-30T12:00:00Z')})");
  before = await snapshot();
}, 180_000);

afterAll(async () => {
  await db?.driver.close();
  await user?.stop();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
}, 60_000);

describe('the test setup beside a user graph', () => {
  it('starts a database of its own instead of reusing the one on NEO4J_BOLT_PORT', async () => {
    const port = new URL(user.uri.replace('bolt:', 'http:')).port;
    const probed = await runProbe({ NEO4J_BOLT_PORT: port, NEO4J_DATA_DIR: userDataDir, NEO4J_URI: '' });
    expect(probed.uri).not.toBe(user.uri);
    expectUnchanged(await snapshot());
  }, 300_000);

  it('ignores NEO4J_URI, the user database', async () => {
    const probed = await runProbe({ NEO4J_URI: user.uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: '' });
    expect(probed.uri).not.toBe(user.uri);
    expectUnchanged(await snapshot());
  }, 300_000);

  it('refuses NEO4J_TEST_URI when it names a database holding data no test run wrote, and writes nothing', async () => {
    let provided = false;
    const setUp = setUpTestDatabase(() => (provided = true), { NEO4J_TEST_URI: user.uri }, () => undefined);
    await expect(setUp).rejects.toThrow(NotAScratchDatabaseError);
    await expect(setUp).rejects.toThrow(/holds \d+ nodes that no test or bench run of greengraph wrote.*Nothing was changed/);
    expect(provided).toBe(false);
    expectUnchanged(await snapshot());
  });
});

describe('a scratch database', () => {
  it('is claimed when empty, then accepted again, wiped down to its marker, and never wiped unclaimed', async () => {
    const port = await freePort();
    const dataDir = freshDataDir('scratch');
    const scratch = await startLocalNeo4j({ port, dataDir, reuse: false });
    const scratchDb = new Database(createDriver({ uri: scratch.uri, user: 'neo4j', password: '', database: null }), null, 60_000);
    try {
      await expect(wipeScratchDatabase(scratchDb)).rejects.toThrow(/carries no GreengraphScratch marker/);
      await claimScratchDatabase(scratchDb, { purpose: 'npm test', uri: scratch.uri });
      await scratchDb.write("CREATE (:Entity {id: 'scratch-only'})");
      await claimScratchDatabase(scratchDb, { purpose: 'npm test', uri: scratch.uri });
      await wipeScratchDatabase(scratchDb);
      expect(await scratchDb.read('MATCH (n) RETURN labels(n) AS labels')).toEqual([{ labels: ['GreengraphScratch'] }]);
    } finally {
      await scratchDb.driver.close();
      await scratch.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('is what the user names with --database, and only that one', async () => {
    await expect(claimScratchDatabase(db, { purpose: 'npm run bench', uri: user.uri, confirmedUri: 'bolt://127.0.0.1:1' })).rejects.toThrow(
      /--database names bolt:\/\/127\.0\.0\.1:1, but npm run bench is connected to/,
    );
    await claimScratchDatabase(db, { purpose: 'npm run bench', uri: user.uri, confirmedUri: user.uri });
    // Naming a database allows the command; it does not mark the user's graph as a scratch one.
    expectUnchanged(await snapshot());
  });
});
