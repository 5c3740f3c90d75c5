/**
 * The change log tells a write's own changes by their stamps: a stamp at or
 * after the instant the write held its locks (WriteLocks.lockedAt) is the
 * write's own. Stamps are `datetime()`, Neo4j's statement clock, which counts
 * milliseconds; lockedAt is read from the real-time clock, which counts
 * nanoseconds. A statement that started within the millisecond in which the
 * locks were taken stamped before lockedAt, and its change was missing from
 * the log. Before the fix, each of these tests failed in most runs on this
 * machine (from 0 to 49 of 300 short writes stamped early, and 1 to 3 of the
 * 200 writes that also append), never in all: how often a next statement
 * starts within the same millisecond depends on the machine's load.
 */
import { describe, expect, it } from 'vitest';
import { appendChanges } from '../src/changes/changeLog.js';
import { WriteLocks } from '../src/write/locks.js';
import { storedRowsOf } from '../src/write/write.cypher.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const BY = 'clock-test';

/**
 * One write as every writer makes it (src/write/checkedWrite.ts): its locks,
 * then its statement at once, then the change log. Resolves to whether the
 * stamp is at or after lockedAt.
 */
const stampRightAfterLocking = (id: string, title: string) =>
  graph.db.writeTransaction(async (tx) => {
    const locks = new WriteLocks(tx);
    await locks.lock([id]);
    const stamped = await tx.run(
      `MERGE (n:Entity:Source {id: $id})
       ON CREATE SET n.createdAt = datetime(), n.createdBy = $by, n.title = $title
       ON MATCH SET n.updatedAt = datetime(), n.updatedBy = $by, n.title = $title
       RETURN coalesce(n.updatedAt, n.createdAt) >= $lockedAt AS afterLocks`,
      { id, title, by: BY, lockedAt: locks.lockedAt },
    );
    await appendChanges(tx, [id], { by: BY, since: locks.lockedAt });
    return stamped.records[0]!.get('afterLocks') as boolean;
  });

describe('a write that stamps right after taking its locks', () => {
  it('runs its next statement at or after lockedAt on the statement clock, every time', async () => {
    const before: string[] = [];
    for (let i = 0; i < 300; i++) {
      await graph.db.writeTransaction(async (tx) => {
        const locks = new WriteLocks(tx);
        await locks.lock([`clock-short-${i % 10}`]);
        const next = await tx.run('RETURN datetime() >= $lockedAt AS after, toString(datetime()) AS at', { lockedAt: locks.lockedAt });
        if (!next.records[0]!.get('after')) before.push(`${next.records[0]!.get('at')} < ${locks.lockedAt!.toString()}`);
      });
    }
    expect(before).toEqual([]);
  });

  it('runs its next statement at or after lockedAt also when the locks came with a read (an import batch)', async () => {
    const before: string[] = [];
    for (let i = 0; i < 300; i++) {
      await graph.db.writeTransaction(async (tx) => {
        const locks = new WriteLocks(tx);
        await locks.lockThenRead([`clock-read-${i % 10}`], storedRowsOf('ids'));
        const next = await tx.run('RETURN datetime() >= $lockedAt AS after, toString(datetime()) AS at', { lockedAt: locks.lockedAt });
        if (!next.records[0]!.get('after')) before.push(`${next.records[0]!.get('at')} < ${locks.lockedAt!.toString()}`);
      });
    }
    expect(before).toEqual([]);
  });

  it('finds each of its changes in the change log, once', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `clock-${i}`);
    const afterLocks: boolean[] = [];
    for (const id of ids) afterLocks.push(await stampRightAfterLocking(id, `Clock test ${id} (fictional)`));
    for (const id of ids) afterLocks.push(await stampRightAfterLocking(id, `Clock test ${id} again (fictional)`));
    expect(afterLocks.filter((after) => !after)).toHaveLength(0);
    const logged = await graph.db.read(
      `MATCH (b:ChangeBatch) UNWIND range(0, size(b.ops) - 1) AS i
       WITH b.entityIds[i] AS id, b.ops[i] AS op WHERE id IN $ids
       RETURN op, count(*) AS changes, count(DISTINCT id) AS entities ORDER BY op`,
      { ids },
    );
    expect(logged).toEqual([
      { op: 'CREATED', changes: 100, entities: 100 },
      { op: 'UPDATED', changes: 100, entities: 100 },
    ]);
  });
});
