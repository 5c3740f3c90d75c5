/**
 * Write locks for the rules a write checks (an id's type, one current
 * parent, no parent cycle, a pledge's current version). A write takes the
 * locks of the ids its rules depend on at the start of its transaction and
 * only then reads the facts and checks them, so two writes that depend on
 * the same id run one after the other and the second sees what the first
 * committed: concurrent writes end as some sequential order would have.
 *
 * A lock is a `(:WriteLock {id})` node, unique by id (migration 5), MERGEd
 * and deleted again by the same statement. MERGE on a unique key takes the
 * key's index-entry lock, which Neo4j holds until the transaction ends
 * whether or not the node is still there, so a second transaction MERGEing
 * the same id waits for the first to commit or roll back; because the node
 * is deleted at once, nothing of it is ever stored and no statement at the
 * end has to delete it (that was one statement per write, and 5–10% of an
 * import batch's time). This locks ids that do not exist yet as well as
 * existing ones (two creators of one id serialize too), and needs no change
 * to the entities themselves.
 *
 * Ids are locked in sorted order so that two writes locking overlapping sets
 * do not deadlock; when one does happen (a parent chain that grew between
 * reading and locking it), Neo4j reports a transient DeadlockDetected error
 * and the driver's managed transaction runs the whole write again.
 */
import type { DateTime, ManagedTransaction } from 'neo4j-driver';
import { parentChainsCypher } from './write.cypher.js';

const lockCypher = `
UNWIND $ids AS id
MERGE (l:WriteLock {id: id})
DELETE l`;

/** The clock once every lock of the statement is held (the aggregation waits for all of them). */
const lockedAtCypher = `${lockCypher}
WITH count(*) AS locked
RETURN datetime.realtime() AS lockedAt`;

/** The locks one write transaction holds. Create one per transaction; the locks hold until it ends. */
export class WriteLocks {
  private readonly held = new Set<string>();
  private firstLockedAt: DateTime | null = null;

  constructor(private readonly tx: ManagedTransaction) {}

  /**
   * When this transaction first held its locks (null before it took any).
   * Whatever another write committed to these ids is stamped before it, and
   * whatever this one writes after, which is how the change log tells this
   * write's changes from those of a write it waited for (appendChanges `since`).
   */
  get lockedAt(): DateTime | null {
    return this.firstLockedAt;
  }

  /**
   * Notes the first lockedAt, then lets a millisecond pass before the
   * transaction's next statement. Stamps are `datetime()`, the statement
   * clock, which counts whole milliseconds, while lockedAt (the real-time
   * clock) counts nanoseconds: a statement started within the millisecond of
   * lockedAt would stamp before it, and appendChanges would miss the change
   * (test/changeLogClock.test.ts). A millisecond after the answer arrived, the
   * server's clock is past lockedAt's millisecond too, since it read lockedAt
   * before answering. Another write's stamps stay before lockedAt: they were
   * taken before it committed, and so before this write held its locks.
   */
  private async noteLockedAt(value: unknown, answeredAt: number): Promise<void> {
    if (this.firstLockedAt !== null || !value) return;
    this.firstLockedAt = value as DateTime;
    while (performance.now() - answeredAt < 1) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  /** Takes the locks of `ids` not held yet, in sorted order; resolves once all are held. */
  async lock(ids: Iterable<string>): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.held.has(id)).sort();
    if (!wanted.length) return;
    const result = await this.tx.run(lockedAtCypher, { ids: wanted });
    await this.noteLockedAt(result.records[0]?.get('lockedAt'), performance.now());
    for (const id of wanted) this.held.add(id);
  }

  /**
   * Takes the locks of `ids` (sorted) and then, in the same statement once
   * all of them are held, runs `read`: Cypher over the list `ids` (e.g.
   * `storedRowsOf('ids')`). One statement instead of a lock and a read, for
   * a write whose rules depend only on the ids it writes (an import batch).
   * `read` may return `datetime.realtime() AS lockedAt` (storedRowsOf does):
   * evaluated after the collect, it is a time when every lock was held.
   */
  async lockThenRead(ids: Iterable<string>, read: string) {
    const wanted = [...new Set(ids)].sort();
    const result = await this.tx.run(`${lockCypher}\nWITH collect(id) AS ids\n${read}`, { ids: wanted });
    const answeredAt = performance.now();
    const first = result.records[0];
    if (first?.has('lockedAt')) await this.noteLockedAt(first.get('lockedAt'), answeredAt);
    for (const id of wanted) this.held.add(id);
    return result.records;
  }

  /**
   * Locks `ids`, `parents` and every company on the current parent chains
   * above the parents, which is what "no parent cycle" depends on: with
   * those locked, no other write can add or retire a link on the chains
   * until this one ends. The chains are read first and everything is locked
   * in one sorted batch (so two links racing in opposite directions wait
   * for each other instead of deadlocking); the chains are then read again
   * under the locks until they hold no unlocked company.
   */
  async lockWithParentChains(ids: Iterable<string>, parents: Iterable<string>): Promise<void> {
    const wanted = new Set<string>(ids);
    const above = [...new Set(parents)];
    if (!above.length) return this.lock(wanted);
    for (const id of above) wanted.add(id);
    for (;;) {
      const chains = await this.tx.run(parentChainsCypher, { ids: above });
      for (const record of chains.records) {
        wanted.add(record.get('child') as string);
        wanted.add(record.get('parent') as string);
      }
      if ([...wanted].every((id) => this.held.has(id))) return;
      await this.lock(wanted);
    }
  }
}
