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
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../neo4j/database.js';
import type { ParentRow, WriteKind } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { WRITE_ORDER, writeRows } from '../write/write.js';
import { CHECKS, type ImportFile } from './checkImport.js';
import { readImportFile } from './readImportFile.js';

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

interface Batch {
  kind: WriteKind;
  rows: unknown[];
}

/** The checked rows of the files, in write order, in batches of at most `batchSize`. */
async function* batches(files: readonly ImportFile[], batchSize: number): AsyncGenerator<Batch> {
  for (const kind of WRITE_ORDER) {
    const source = kind === 'parents' ? 'companies' : kind;
    let rows: unknown[] = [];
    for (const { file } of files.filter((f) => f.kind === source)) {
      for await (const item of readImportFile(file, source)) {
        if (!item.raw) continue;
        const row = CHECKS[source](new Checker(''), item.raw).row as Record<string, unknown> | null;
        if (!row) continue;
        if (source === 'companies') {
          const { parent, ...company } = row as { parent: ParentRow | null };
          if (kind === 'companies') rows.push(company);
          else if (parent) rows.push(parent);
        } else {
          rows.push(row);
        }
        if (rows.length >= batchSize) {
          yield { kind, rows };
          rows = [];
        }
      }
    }
    if (rows.length) yield { kind, rows };
  }
}

export interface WriteImportOptions {
  batchSize?: number;
  /** The stamp written into createdBy/updatedBy. */
  by: string;
  /** Rows already committed by an earlier run of the same files (resume). */
  skipRows?: number;
  /** In each batch's transaction, after its rows: e.g. the import's progress. */
  afterBatch?: (tx: ManagedTransaction, progress: ImportProgress, rows: readonly unknown[]) => Promise<void>;
  /** After each committed batch. */
  onBatch?: (progress: ImportProgress) => void | Promise<void>;
}

/** Writes every row of the checked files; `total` is the number of rows they hold (for progress). */
export async function writeImport(db: Database, files: readonly ImportFile[], total: number, options: WriteImportOptions): Promise<{ written: number }> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const perKind: Record<string, number> = {};
  let done = 0;
  let toSkip = options.skipRows ?? 0;
  let writing: Promise<void> = Promise.resolve();
  const write = async (batch: Batch): Promise<void> => {
    const progress = { kind: batch.kind, kindDone: (perKind[batch.kind] ?? 0) + batch.rows.length, done: done + batch.rows.length, total };
    try {
      await db.writeTransaction(async (tx) => {
        await writeRows(tx, batch.kind, batch.rows, options.by);
        await options.afterBatch?.(tx, progress, batch.rows);
      });
    } catch (error) {
      throw new ImportInterrupted(done, total, perKind, error);
    }
    done = progress.done;
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
      if (!batch.rows.length) continue;
    }
    await writing;
    writing = write(batch);
    // A failed write is reported when the next batch waits for it, or below.
    writing.catch(() => undefined);
  }
  await writing;
  return { written: done };
}
