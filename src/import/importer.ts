/**
 * The second pass of an import: reads the checked files again as streams
 * and writes them in batches, one UNWIND statement per kind and one write
 * transaction per batch, through the same write Cypher as the mutations
 * (src/write/). Kinds go in dependency order (sources, companies, parent
 * links, parks, facilities, pledges, partnerships), so whatever a row
 * references is written before it. Every statement MERGEs by id: a batch
 * written twice changes nothing, and a run that stopped can resume after
 * its last committed batch. The next batch is read while the database
 * writes the current one.
 *
 * Each batch's transaction, like a mutation (src/write/locks.ts), takes the
 * write locks of the ids its rules depend on, in one sorted batch, and only
 * then reads the facts those rules need and checks them again (an id's type,
 * one current parent, no parent cycle: a concurrent write may have changed
 * them since the check pass); rows an earlier import already wrote exactly
 * as they are (their stored row hash matches, rowHash.ts) are dropped. For
 * entities the locks, the types and the stored hashes are one statement;
 * parent links read their hashes first and lock only the changed links'
 * companies and parent chains.
 */
import type { ManagedTransaction, Record as NeoRecord } from 'neo4j-driver';
import type { Database } from '../neo4j/database.js';
import { checkedWrite, type Run } from '../write/checkedWrite.js';
import type { WriteLocks } from '../write/locks.js';
import { checkAgainstGraph, findReferenceProblems, type Definition } from '../write/references.js';
import { importKindOf, typeOfWrite, WRITE_ORDER, type WriteKind } from '../domains.js';
import type { ParentRow } from '../write/rows.js';
import { Checker, type Problem } from '../write/validate.js';
import { entityTypesCypher, parentChainsCypher, storedRowsCypher, storedRowsOf } from '../write/write.cypher.js';
import { idsOfRows, rowOfKind } from '../write/write.js';
import { CHECKS, type ImportFile } from './checkImport.js';
import { readImportFile } from './readImportFile.js';
import { rowHash } from './rowHash.js';

export const DEFAULT_BATCH_SIZE = 5000;

export interface ImportProgress {
  kind: WriteKind;
  /** Rows of this kind written so far. */
  kindDone: number;
  /** Rows written so far, and in all. */
  done: number;
  total: number;
}

export class ImportInterrupted extends Error {
  override name = 'ImportInterrupted';
  constructor(
    readonly written: number,
    readonly total: number,
    readonly perKind: Record<string, number>,
    override readonly cause: unknown,
  ) {
    super(
      `The import stopped after writing ${written} of ${total} rows (${Object.entries(perKind)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')}): ${(cause as Error)?.message ?? String(cause)}`,
    );
  }
}

/** A row as the write Cypher takes it, with the hash it stores. */
type HashedRow = Record<string, unknown> & { hash: string };

interface Batch {
  kind: WriteKind;
  rows: HashedRow[];
  /** `file:line` of each row, for problems found under the locks. */
  at: string[];
}

export class ImportConflict extends Error {
  override name = 'ImportConflict';
}

/** The checked rows of the files, in write order, in batches of at most `batchSize`. */
async function* batches(files: readonly ImportFile[], batchSize: number): AsyncGenerator<Batch> {
  for (const kind of WRITE_ORDER) {
    const source = importKindOf(kind);
    let batch: Batch = { kind, rows: [], at: [] };
    for (const { file } of files.filter((f) => f.kind === source)) {
      for await (const item of readImportFile(file, source)) {
        if (!item.raw) continue;
        const row = CHECKS[source](new Checker(''), item.raw).row as Record<string, unknown> | null;
        if (!row) continue;
        const written = rowOfKind(kind, row) as Record<string, unknown> | null;
        if (!written) continue;
        batch.rows.push({ ...written, hash: rowHash(source, row) });
        batch.at.push(`${file}:${item.line}`);
        if (batch.rows.length >= batchSize) {
          yield batch;
          batch = { kind, rows: [], at: [] };
        }
      }
    }
    if (batch.rows.length) yield batch;
  }
}

export interface WriteImportOptions {
  batchSize?: number;
  /** The stamp written into createdBy/updatedBy. */
  by: string;
  /** Rows already committed by an earlier run of the same files (resume). */
  skipRows?: number;
  /** `--revive`: retired entities and relationships the rows state become current again (write.cypher.ts). */
  revive?: boolean;
  /** In each batch's transaction, after its rows: e.g. the import's progress; `rows` are those written (not the unchanged ones). */
  afterBatch?: (tx: ManagedTransaction, progress: ImportProgress, rows: readonly unknown[]) => Promise<void>;
  /** After each committed batch. */
  onBatch?: (progress: ImportProgress) => void | Promise<void>;
}

/** The id a row's rules and stored hash belong to (a parent link's: its company). */
const rowId = (kind: WriteKind, row: HashedRow) => (kind === 'parents' ? row.company : row.id) as string;

/** What the graph holds for a batch's ids: their type and stored row hash (storedRowsOf). */
interface Stored {
  types: Map<string, string>;
  hashes: Map<string, string | null>;
}

function storedOf(kind: WriteKind, records: readonly NeoRecord[]): Stored {
  const stored: Stored = { types: new Map(), hashes: new Map() };
  for (const record of records) {
    const id = record.get('id') as string;
    const type = record.get('type') as string | null;
    if (type) stored.types.set(id, type);
    stored.hashes.set(id, record.get(kind === 'parents' ? 'parentHash' : 'hash') as string | null);
  }
  return stored;
}

/** The rows of `batch` whose stored hash differs from theirs (new or changed since an earlier import). */
function changedRows(batch: Batch, stored: Stored): { rows: HashedRow[]; at: string[] } {
  const changed: { rows: HashedRow[]; at: string[] } = { rows: [], at: [] };
  batch.rows.forEach((row, i) => {
    if (stored.hashes.get(rowId(batch.kind, row)) === row.hash) return;
    changed.rows.push(row);
    changed.at.push(batch.at[i]!);
  });
  return changed;
}

const conflict = (problems: readonly Problem[]) =>
  new ImportConflict(
    `the graph changed after the check, so this batch was not written: ${problems
      .slice(0, 5)
      .map((p) => `${p.field}: ${p.message}`)
      .join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
  );

/** A batch's rows that need writing (new or changed since an earlier import), what the graph holds for their ids, and their parent links. */
interface Locked {
  rows: HashedRow[];
  at: string[];
  types: Map<string, string>;
  parentLinks: (ParentRow & { field: string })[];
}

/**
 * Takes the locks of a batch of entities and reads what it needs under them,
 * in one statement: the locks of every id in the batch and, once all are
 * held, each id's type and stored row hash. The unchanged rows are dropped;
 * the type of the others is checked again (checkEntities).
 */
async function lockEntities(locks: WriteLocks, batch: Batch): Promise<Locked> {
  const stored = storedOf(batch.kind, await locks.lockThenRead(batch.rows.map((row) => row.id as string), storedRowsOf('ids')));
  return { ...changedRows(batch, stored), types: stored.types, parentLinks: [] };
}

/**
 * A concurrent write may have used an id of the batch for another type
 * since the check pass: problems name the lines.
 */
async function checkEntities(kind: WriteKind, locked: Locked): Promise<Problem[]> {
  const definitions: Definition[] = locked.rows.map((row, i) => ({ field: locked.at[i]!, id: row.id as string, type: typeOfWrite(kind) }));
  return findReferenceProblems(definitions, [], [], { types: locked.types, parents: new Map() });
}

/**
 * Reads the stored hashes of a batch of parent links and drops the
 * unchanged links, then takes the locks of the changed links' companies and
 * of the chains above their parents; one current parent and no cycle are
 * checked again under them (checkParents).
 */
async function lockParents(tx: ManagedTransaction, locks: WriteLocks, batch: Batch): Promise<Locked> {
  const result = await tx.run(storedRowsCypher, { ids: batch.rows.map((row) => rowId(batch.kind, row)) });
  const changed = changedRows(batch, storedOf(batch.kind, result.records));
  const parentLinks = changed.rows.map((row, i) => ({ ...(row as unknown as ParentRow), field: changed.at[i]! }));
  if (parentLinks.length) {
    await locks.lockWithParentChains(
      parentLinks.map((link) => link.company),
      parentLinks.map((link) => link.parent),
    );
  }
  return { ...changed, types: new Map(), parentLinks };
}

async function checkParents(run: Run, locked: Locked): Promise<Problem[]> {
  if (!locked.parentLinks.length) return [];
  return checkAgainstGraph(run, [], [], locked.parentLinks, { types: entityTypesCypher, parentChains: parentChainsCypher });
}

export async function writeImport(db: Database, files: readonly ImportFile[], total: number, options: WriteImportOptions): Promise<{ written: number; unchanged: number }> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const perKind: Record<string, number> = {};
  let done = 0;
  let unchanged = 0;
  let toSkip = options.skipRows ?? 0;
  let writing: Promise<void> = Promise.resolve();
  const write = async (batch: Batch): Promise<void> => {
    const progress = { kind: batch.kind, kindDone: (perKind[batch.kind] ?? 0) + batch.rows.length, done: done + batch.rows.length, total };
    let skipped = 0;
    try {
      const written = await checkedWrite(db, {
        by: options.by,
        // An import's stamp is its id.
        importId: options.by,
        lock: (locks, tx) => (batch.kind === 'parents' ? lockParents(tx, locks, batch) : lockEntities(locks, batch)),
        check: {
          problems: (run, locked) => (batch.kind === 'parents' ? checkParents(run, locked) : checkEntities(batch.kind, locked)),
          refuse: conflict,
        },
        write: async (w, changed) => {
          if (changed.rows.length) await w.rows(batch.kind, changed.rows, { revive: options.revive === true });
          await options.afterBatch?.(w.tx, progress, changed.rows);
          return changed.rows;
        },
        // The batch's changes; rows skipped as unchanged are none.
        changed: (_, rows) => idsOfRows(batch.kind, rows),
      });
      skipped = batch.rows.length - written.length;
    } catch (error) {
      throw new ImportInterrupted(done, total, perKind, error);
    }
    done = progress.done;
    unchanged += skipped;
    perKind[batch.kind] = progress.kindDone;
    await options.onBatch?.(progress);
  };
  for await (const batch of batches(files, batchSize)) {
    if (toSkip > 0) {
      const skipped = Math.min(toSkip, batch.rows.length);
      toSkip -= skipped;
      done += skipped;
      perKind[batch.kind] = (perKind[batch.kind] ?? 0) + skipped;
      batch.rows = batch.rows.slice(skipped);
      batch.at = batch.at.slice(skipped);
      if (!batch.rows.length) continue;
    }
    await writing;
    writing = write(batch);
    // A failed write is reported when the next batch waits for it, or below.
    writing.catch(() => undefined);
  }
  await writing;
  return { written: done, unchanged };
}
