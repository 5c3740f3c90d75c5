/**
 * The database every test file works on, set up once for the run.
 *
 * By default the run starts a Neo4j of its own on a free port with a new data
 * directory under .data/test/ (test/support/testNeo4j.ts), whatever listens
 * elsewhere: NEO4J_URI, NEO4J_BOLT_PORT and NEO4J_DATA_DIR name the user's
 * database and are ignored here. Only NEO4J_TEST_URI (with NEO4J_TEST_USER,
 * NEO4J_TEST_PASSWORD, NEO4J_TEST_DATABASE) points the tests at another
 * server, and only when its database is empty or carries the marker a
 * previous test run left; otherwise the run stops before touching anything.
 */
import type { TestProject } from 'vitest/node';
import type { Neo4jConnectionConfig } from '../../src/config.js';
import { createDriver, Database } from '../../src/neo4j/database.js';
import { claimScratchDatabase } from '../../src/neo4j/scratchDatabase.js';
import { startTestNeo4j } from './testNeo4j.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnectionConfig;
  }
}

/** The test database NEO4J_TEST_URI names, or null to start one. */
export function testDatabaseFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jConnectionConfig | null {
  const uri = env.NEO4J_TEST_URI?.trim();
  if (!uri) return null;
  return {
    uri,
    user: env.NEO4J_TEST_USER?.trim() || 'neo4j',
    password: env.NEO4J_TEST_PASSWORD ?? '',
    database: env.NEO4J_TEST_DATABASE?.trim() || null,
  };
}

/** Sets up the run's database and returns what tears it down. */
export async function setUpTestDatabase(
  provide: (connection: Neo4jConnectionConfig) => void,
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (line) => console.log(`neo4j: ${line}`),
): Promise<() => Promise<void>> {
  const named = testDatabaseFromEnv(env);
  if (named) {
    const driver = createDriver(named);
    try {
      await claimScratchDatabase(new Database(driver, named.database, 60_000), { purpose: 'npm test (NEO4J_TEST_URI)', uri: named.uri });
    } finally {
      await driver.close();
    }
    log(`testing against ${named.uri} (NEO4J_TEST_URI; a scratch database)`);
    provide(named);
    return async () => undefined;
  }
  const started = Date.now();
  const own = await startTestNeo4j('neo4j', { log });
  log(`started ${own.connection.uri} for this run in ${Date.now() - started} ms (data in ${own.dataDir})`);
  provide(own.connection);
  return () => own.stop();
}

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return setUpTestDatabase((connection) => project.provide('neo4j', connection));
}
