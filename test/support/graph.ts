/**
 * Per-file test graph: a clean database with migrations and the seed graph,
 * and helpers to run GraphQL against it the way a client would.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import type { GraphQLFormattedError } from 'graphql';
import { createContext } from '../../src/context.js';
import { createDriver, Database } from '../../src/neo4j/database.js';
import { migrate } from '../../src/neo4j/migrations.js';
import { wipeScratchDatabase } from '../../src/neo4j/scratchDatabase.js';
import { applySeed } from '../../src/seed/seedGraph.js';
import { createServer, type GreengraphServer } from '../../src/server.js';

export interface TestGraph {
  db: Database;
  server: GreengraphServer;
  /** Runs an operation in-process; reports the Cypher round trips it took. */
  execute<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    operationName?: string,
  ): Promise<{ data: T | null | undefined; errors: readonly GraphQLFormattedError[] | undefined; roundTrips: number }>;
}

/**
 * Deletes everything but the scratch marker and the migration records, in
 * batches; refuses a database that the test setup did not claim
 * (src/neo4j/scratchDatabase.ts). Keeping the records keeps Neo4j's plans
 * from one test file to the next: the seed alone plans about 50 statements.
 */
export const wipe = (db: Database): Promise<void> => wipeScratchDatabase(db, { keepMigrations: true });

/**
 * The test databases' query time limit (GREENGRAPH_TEST_QUERY_TIMEOUT_MS to
 * change it): a seed statement on a fresh Neo4j outlasted 30 s on a 2-core
 * machine at a load of 7 to 10, failing a whole file in beforeAll. A hung
 * statement is still cut off, and test/timeout.test.ts tests the limit itself.
 */
export const TEST_QUERY_TIMEOUT_MS = Number(process.env.GREENGRAPH_TEST_QUERY_TIMEOUT_MS ?? 120_000);

/** A fresh database for this test file: wiped, migrated and seeded in beforeAll. */
export function useSeededGraph(): TestGraph {
  const connection = inject('neo4j');
  const driver = createDriver(connection);
  const db = new Database(driver, connection.database, TEST_QUERY_TIMEOUT_MS);
  const graph = { db } as TestGraph;

  beforeAll(async () => {
    await wipe(db);
    await migrate(db);
    await applySeed(db);
    // Tests of what the API answers must not be refused because a loaded test
    // machine is slow: the queue waits long here (test/admission.test.ts tests refusals).
    graph.server = await createServer({ db, logError: () => undefined, admission: { maxWaitMs: 120_000 } });
    graph.execute = async (query, variables, operationName) => {
      const context = createContext(db);
      const response = await graph.server.apollo.executeOperation(
        { query, variables, operationName },
        { contextValue: context },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const { data, errors } = response.body.singleResult;
      return { data: data as never, errors, roundTrips: context.stats.roundTrips };
    };
  });

  afterAll(async () => {
    await graph.server?.close();
    await driver.close();
  });

  return graph;
}
