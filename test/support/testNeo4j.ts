/**
 * Neo4j servers that tests own: each started by the test run itself on a free
 * port, with a data directory of its own under .data/test/ (new at every
 * start, removed at stop), and claimed as a scratch database before any test
 * deletes anything in it. Tests never reuse a server they find listening and
 * never read NEO4J_URI, NEO4J_BOLT_PORT or NEO4J_DATA_DIR: those name the
 * user's database.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Neo4jConnectionConfig } from '../../src/config.js';
import { createDriver, Database } from '../../src/neo4j/database.js';
import { freePort } from '../../src/neo4j/freePort.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/neo4j/localNeo4j.js';
import { claimScratchDatabase } from '../../src/neo4j/scratchDatabase.js';
import { projectRoot } from '../../src/projectRoot.js';

export { freePort };

/** Where test servers keep their stores: one folder per server, named after the process and its purpose. */
export const TEST_DATA_ROOT = join(projectRoot(), '.data', 'test');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes the data folders of test runs that are gone (killed before they could clean up). */
function removeAbandonedDataDirs(): void {
  if (!existsSync(TEST_DATA_ROOT)) return;
  for (const entry of readdirSync(TEST_DATA_ROOT)) {
    const pid = Number(/^(\d+)-/.exec(entry)?.[1]);
    if (pid && !isRunning(pid)) rmSync(join(TEST_DATA_ROOT, entry), { recursive: true, force: true });
  }
}

/** A fresh, empty data directory for a test server, wiped if it existed. */
export function freshDataDir(purpose: string): string {
  removeAbandonedDataDirs();
  const dir = join(TEST_DATA_ROOT, `${process.pid}-${purpose}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface TestNeo4j {
  local: LocalNeo4j;
  connection: Neo4jConnectionConfig;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts a Neo4j of the test run's own (never reusing one) and claims it as a
 * scratch database, so that wipes are allowed there and nowhere else.
 */
export async function startTestNeo4j(purpose: string, options: { log?: (line: string) => void; port?: number } = {}): Promise<TestNeo4j> {
  const dataDir = freshDataDir(purpose);
  const local = await startLocalNeo4j({
    port: options.port ?? (await freePort()),
    dataDir,
    reuse: false,
    // Every test file wipes and seeds the same small graph again: keep the plans (see LocalNeo4jOptions).
    cypherMinReplanInterval: '1h',
    ...(options.log ? { log: options.log } : {}),
  });
  const connection: Neo4jConnectionConfig = { uri: local.uri, user: 'neo4j', password: '', database: null };
  const driver = createDriver(connection);
  try {
    await claimScratchDatabase(new Database(driver, null, 60_000), { purpose: 'npm test', uri: local.uri });
  } finally {
    await driver.close();
  }
  return {
    local,
    connection,
    dataDir,
    stop: async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
