/**
 * A request that stays in flight until the test lets it go, however fast the
 * machine answers: a write of a source whose id holds a WriteLock taken by
 * the test in a transaction of its own (src/write/locks.ts). Tests of
 * admission and shutdown use it to meet a busy server by construction
 * instead of by timing.
 */
import type { Database } from '../../src/neo4j/database.js';

export interface HeldLock {
  /** Ends the test's transaction: the writes waiting for the lock go on. */
  release(): Promise<void>;
}

/** Takes the WriteLock of `id` in a transaction of the test's own, until `release`. */
export async function holdWriteLock(db: Database, id: string): Promise<HeldLock> {
  const session = db.driver.session();
  const holder = await session.beginTransaction();
  try {
    await holder.run('MERGE (l:WriteLock {id: $id}) DELETE l', { id });
  } catch (error) {
    await session.close();
    throw error;
  }
  return {
    async release() {
      try {
        if (holder.isOpen()) await holder.rollback();
      } finally {
        await session.close();
      }
    },
  };
}

/** The body of a write that waits while `id` is held (an editor's upsertSource). */
export const writeWaitingFor = (id: string) => ({
  query: 'mutation($input: SourceInput!) { upsertSource(input: $input) { id } }',
  variables: { input: { id, title: `Held-lock test source ${id} (fictional)` } },
});
