/**
 * The one checked write transaction. Every writer of the graph (the
 * mutations, including retiring and reviving; each import batch; the seed
 * and its reference data; each retraction batch and a source retraction's
 * last step) runs its write through `checkedWrite`, which does, in one write
 * transaction and in this order:
 *
 * 1. takes the write locks the write's rules depend on (src/write/locks.ts),
 * 2. checks the rules against the graph, now that nothing they read can
 *    change, and refuses the write with the writer's own error when one is
 *    broken (nothing is written),
 * 3. runs the writes, each of which keeps the derived data of what it
 *    touches correct (CheckedWriter, src/derived/maintainDerived.ts),
 * 4. appends the changes to the change log, last, counting only stamps from
 *    after its locks were held (src/changes/changeLog.ts),
 *
 * and once the transaction has committed wakes this process's change feed.
 * A writer states only what is its own: what to lock, what to check, what
 * to write and which ids it changed.
 *
 * `bulkWrite`, at the end, is the bulk mode for a fresh synthetic set.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { appendChanges, changesCommitted } from '../changes/changeLog.js';
import { maintainDerived, maintainDerivedAfterRetiring, type Retired } from '../derived/maintainDerived.js';
import { rebuildDerived } from '../derived/rebuildDerived.js';
import type { WriteKind } from '../domains.js';
import type { Database, Row } from '../neo4j/database.js';
import { WriteLocks } from './locks.js';
import type { Problem } from './validate.js';
import { runIn, writePlan, writeRows, type WritePlan } from './write.js';

/** Runs one statement in the write's transaction and returns plain rows. */
export type Run = (cypher: string, params: Row) => Promise<Row[]>;

/**
 * The writes of a checked write transaction. Each method keeps derived data
 * (foreign, ACTIVE_IN, the graph version) correct for what it writes, in the
 * same transaction; `tx` is there for writes that no derived data depends on
 * (reference data, an import's progress).
 */
export class CheckedWriter {
  readonly run: Run;

  constructor(
    readonly tx: ManagedTransaction,
    /** The writer's stamp: createdBy/updatedBy of what it writes. */
    readonly by: string,
  ) {
    this.run = runIn(tx);
  }

  /** Rows of one kind, in one statement (writeRows). */
  rows(kind: WriteKind, rows: readonly unknown[], options: { revive?: boolean } = {}): Promise<void> {
    return writeRows(this.tx, kind, rows, this.by, options);
  }

  /** Every row of a plan, kind by kind in dependency order (writePlan). */
  plan(plan: WritePlan, options: { revive?: boolean } = {}): Promise<void> {
    return writePlan(this.tx, plan, this.by, options);
  }

  /** A statement that changes the entities `touched` (or relationships at either end of them), as maintainDerived runs it. */
  touching<T>(touched: readonly string[], statement: (run: Run) => Promise<T>): Promise<T> {
    return maintainDerived(this.tx, touched, () => statement(this.run));
  }

  /**
   * A statement that only retires, and says what it retired (`retiredOf`):
   * derived data is recomputed for exactly the companies that reaches
   * (maintainDerivedAfterRetiring).
   */
  async retiring<T>(statement: (run: Run) => Promise<T>, retiredOf: (result: T) => Retired): Promise<T> {
    const result = await statement(this.run);
    await maintainDerivedAfterRetiring(this.tx, retiredOf(result));
    return result;
  }
}

/** What one writer states about its write; checkedWrite does the rest. */
export interface CheckedWrite<Locked, Result> {
  /** The writer's stamp (src/auth/apiKeys.ts stampOf, an import id, `seed`): on what it writes and on its changes. */
  by: string;
  /** The import the changes belong to (an import batch, an import's retraction). */
  importId?: string | null;
  /**
   * Takes the locks of the ids the write's rules depend on (WriteLocks, which
   * may read what the write needs in the same statement, lockThenRead), and
   * returns what the check and the write go on.
   */
  lock: (locks: WriteLocks, tx: ManagedTransaction) => Promise<Locked>;
  /** The rules checked under the locks; any problem refuses the write with `refuse(problems)`, before anything is written. */
  check?: {
    problems: (run: Run, locked: Locked) => Promise<Problem[]>;
    refuse: (problems: Problem[]) => Error;
  };
  /** The writes. */
  write: (w: CheckedWriter, locked: Locked) => Promise<Result>;
  /** The ids of the entities the write created, changed, retired or revived (either end of a relationship it wrote), for the change log. */
  changed: (locked: Locked, result: Result) => Iterable<string | null | undefined>;
}

/**
 * Runs one checked write transaction (see the top of this file) and returns
 * what `spec.write` returned. When the driver runs the transaction again (a
 * deadlock, a transient error), every step runs again, from fresh locks.
 */
export async function checkedWrite<Locked, Result>(db: Database, spec: CheckedWrite<Locked, Result>): Promise<Result> {
  const result = await db.writeTransaction(async (tx) => {
    const locks = new WriteLocks(tx);
    const locked = await spec.lock(locks, tx);
    if (spec.check) {
      const problems = await spec.check.problems(runIn(tx), locked);
      if (problems.length) throw spec.check.refuse(problems);
    }
    const written = await spec.write(new CheckedWriter(tx, spec.by), locked);
    // Last: the change log's sequence lock is held from here to the commit.
    await appendChanges(tx, spec.changed(locked, written), { by: spec.by, importId: spec.importId ?? null, since: locks.lockedAt });
    return written;
  });
  changesCommitted();
  return result;
}

/** The writes of bulk mode: rows of one kind, without derived data (bulkWrite recomputes it once at the end). */
export class BulkWriter {
  constructor(
    readonly tx: ManagedTransaction,
    readonly by: string,
  ) {}

  rows(kind: WriteKind, rows: readonly unknown[]): Promise<void> {
    return writeRows(this.tx, kind, rows, this.by, { derived: false });
  }
}

/** What a bulk writer states: its stamp, its batches, how to write one and which ids it changed. */
export interface BulkWrite<Batch> {
  by: string;
  batches: Iterable<Batch> | AsyncIterable<Batch>;
  write: (w: BulkWriter, batch: Batch) => Promise<void>;
  /**
   * The ids of the entities a batch wrote, for the change log; null when the
   * set is not logged (the synthetic graph, issue 20: its batches append no
   * changes, and removing it leaves no change behind).
   */
  changed: ((batch: Batch) => Iterable<string | null | undefined>) | null;
}

/**
 * Bulk mode, for a fresh synthetic set alone: a set whose ids no other writer
 * uses and whose rows were made sound by construction (src/synthetic/), so
 * that there is nothing to lock and nothing to check against the graph.
 * Each batch is one write transaction that writes its rows with the same
 * write statements as checkedWrite, without locks, checks or derived data,
 * and appends its changes (stamped since the transaction began: no other
 * writer touches these ids), unless `changed` is null. After the last batch the derived data of the
 * whole graph is computed once (rebuildDerived), which is what makes the
 * graph right again: until then `foreign` and ACTIVE_IN of the new companies
 * are missing, so a bulk write must not run beside readers that need them.
 * The synthetic writer (src/synthetic/writeSynthetic.ts) writes through it.
 */
export async function bulkWrite<Batch>(db: Database, spec: BulkWrite<Batch>, log: (line: string) => void = () => undefined): Promise<{ batches: number }> {
  let batches = 0;
  for await (const batch of spec.batches) {
    await db.writeTransaction(async (tx) => {
      await spec.write(new BulkWriter(tx, spec.by), batch);
      if (spec.changed) await appendChanges(tx, spec.changed(batch), { by: spec.by });
    });
    if (spec.changed) changesCommitted();
    batches += 1;
  }
  await rebuildDerived(db, log);
  return { batches };
}
