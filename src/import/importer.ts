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
 * Each batch's transaction first drops the rows an earlier import already
 * wrote exactly as they are (their stored row hash matches, rowHash.ts: one
 * index lookup per row, no write), then, like a mutation (src/write/locks.ts),
 * takes the write locks of the ids the rules of the remaining rows depend on,
 * in one sorted batch, checks those rules again under the locks (an id's
 * type, one current parent, no parent cycle: a concurrent write may have
 * changed them since the check pass) and only then writes.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../neo4j/database.js';
import { WriteLocks } from '../write/locks.js';
import { checkAgainstGraph, type Definition } from '../write/references.js';
import type { ParentRow, WriteKind } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { entityTypesCypher, parentChainsCypher, storedRowsCypher } from '../write/write.cypher.js';
import { runIn, WRITE_ORDER, writeRows } from '../write/write.js';
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

const TYPE_OF: Record<WriteKind, string> = {
  sources: 'Source',
  companies: 'Company',
  parents: 'Company',
  parks: 'Park',
  facilities: 'Facility',
  pledges: 'Pledge',
  partnerships: 'Partnership',
};

export class ImportConflict extends Error {
  override name = 'ImportConflict';
}

/** The checked rows of the files, in write order, in batches of at most `batchSize`. */
async function* batches(files: readonly ImportFile[], batchSize: number): AsyncGenerator<Batch> {
  for (const kind of WRITE_ORDER) {
    const source = kind === 'parents' ? 'companies' : kind;
    let batch: Batch = { kind, rows: [], at: [] };
    for (const { file } of files.filter((f) => f.kind === source)) {
      for await (const item of readImportFile(file, source)) {
        if (!item.raw) continue;
        const row = CHECKS[source](new Checker(''), item.raw).row as Record<string, unknown> | null;
        if (!row) continue;
        const hash = rowHash(source, row);
        if (source === 'companies') {
          const { parent, ...company } = row as { parent: ParentRow | null };
          if (kind === 'companies') batch.rows.push({ ...company, hash });
          else if (parent) batch.rows.push({ ...parent, hash });
          else continue;
        } else {
          batch.rows.push({ ...row, hash });
        }
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

/** Writes every row of the checked files; `total` is the number of rows they hold (for progress). */
/** The id a row's rules and stored hash belong to (a parent link's: its company). */
const rowId = (kind: WriteKind, row: HashedRow) => (kind === 'parents' ? row.company : row.id) as string;

/** The rows of `batch` whose stored hash differs from theirs (new or changed since an earlier import). */
async function changedRows(tx: ManagedTransaction, batch: Batch): Promise<{ rows: HashedRow[]; at: string[] }> {
  const stored = new Map<string, string | null>();
  const result = await tx.run(storedRowsCypher, { ids: batch.rows.map((row) => rowId(batch.kind, row)) });
  for (const record of result.records) stored.set(record.get('id') as string, record.get(batch.kind === 'parents' ? 'parentHash' : 'hash') as string | null);
  const changed: { rows: HashedRow[]; at: string[] } = { rows: [], at: [] };
  batch.rows.forEach((row, i) => {
    if (stored.get(rowId(batch.kind, row)) === row.hash) return;
    changed.rows.push(row);
    changed.at.push(batch.at[i]!);
  });
  return changed;
}

/**
 * Takes the write locks the rules of `rows` depend on (their ids; for parent
 * links also the chains above the parents) and checks the rules again under
 * them; throws ImportConflict, naming the lines, when a concurrent write broke one.
 */
async function lockAndRecheck(tx: ManagedTransaction, locks: WriteLocks, kind: WriteKind, rows: HashedRow[], at: string[]): Promise<void> {
  const parentLinks = kind === 'parents' ? rows.map((row, i) => ({ ...(row as unknown as ParentRow), field: at[i]! })) : [];
  const definitions: Definition[] = kind === 'parents' ? [] : rows.map((row, i) => ({ field: at[i]!, id: row.id as string, type: TYPE_OF[kind] }));
  await locks.lockWithParentChains(
    rows.map((row) => rowId(kind, row)),
    parentLinks.map((link) => link.parent),
  );
  const problems = await checkAgainstGraph(runIn(tx), definitions, [], parentLinks, { types: entityTypesCypher, parentChains: parentChainsCypher });
  if (problems.length) {
    throw new ImportConflict(
      `the graph changed after the check, so this batch was not written: ${problems
        .slice(0, 5)
        .map((p) => `${p.field}: ${p.message}`)
        .join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    );
  }
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
      await db.writeTransaction(async (tx) => {
        const changed = await changedRows(tx, batch);
        skipped = batch.rows.length - changed.rows.length;
        if (changed.rows.length) {
          const locks = new WriteLocks(tx);
          await lockAndRecheck(tx, locks, batch.kind, changed.rows, changed.at);
          await writeRows(tx, batch.kind, changed.rows, options.by, { revive: options.revive === true });
          await locks.release();
        }
        await options.afterBatch?.(tx, progress, changed.rows);
      });
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
