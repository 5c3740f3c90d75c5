/**
 * A Cypher transaction that runs past GREENGRAPH_QUERY_TIMEOUT_MS is cancelled
 * by Neo4j and reaches clients as QUERY_TIMEOUT, not as an internal error.
 */
import { afterAll, describe, expect, it, inject } from 'vitest';
import { createDriver, Database } from '../src/neo4j/database.js';
import { formatError } from '../src/errors.js';

const connection = inject('neo4j');
const db = new Database(createDriver(connection), connection.database, 1000);

afterAll(() => db.driver.close());

describe('query timeout', () => {
  it('cancels a slow read and says so with QUERY_TIMEOUT', async () => {
    const error = await db.read('UNWIND range(1, 500000000) AS x RETURN sum(x) AS total').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ extensions: { code: 'QUERY_TIMEOUT', timeoutMs: 1000, retryable: true } });
    const shown = formatError({ message: (error as Error).message, extensions: (error as { extensions: Record<string, unknown> }).extensions }, error, () => undefined);
    expect(shown.extensions?.code).toBe('QUERY_TIMEOUT');
    expect(shown.message).toMatch(/longer than 1000 ms/);
  });

  it('still answers quick reads with the same limit', async () => {
    expect(await db.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);
  });
});
