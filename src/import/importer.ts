/**
 * Writes a validated import plan in batches: one UNWIND statement and one
 * write transaction per batch, kinds in dependency order. Every statement
 * MERGEs by id, so a batch that is written twice changes nothing; when the
 * database fails, the batches already committed stay and re-running the
 * import writes the rest.
 */
import type { Database } from '../neo4j/database.js';
import { WRITE_ORDER, writeRows, type WritePlan } from '../write/write.js';
import type { WriteKind } from '../write/rows.js';

export const DEFAULT_BATCH_SIZE = 2000;

/** Who an import is recorded as, in createdBy/updatedBy. */
export const IMPORT_STAMP = 'import';

export interface ImportProgress {
  kind: WriteKind;
  /** Rows of this kind written so far, and in all. */
  kindDone: number;
  kindTotal: number;
  /** Rows written so far, and in all. */
  done: number;
  total: number;
}

export class ImportInterrupted extends Error {
  override name = 'ImportInterrupted';
  constructor(
    readonly written: number,
    readonly total: number,
    readonly perKind: Record<string, { done: number; total: number }>,
    override readonly cause: unknown,
  ) {
    super(
      `The import stopped after writing ${written} of ${total} rows (${Object.entries(perKind)
        .map(([kind, n]) => `${kind} ${n.done}/${n.total}`)
        .join(', ')}): ${(cause as Error)?.message ?? String(cause)}`,
    );
  }
}

export function planSize(plan: WritePlan): number {
  return WRITE_ORDER.reduce((sum, kind) => sum + (plan[kind]?.length ?? 0), 0);
}

/** Writes the plan batch by batch; calls `onBatch` after each committed batch. */
export async function writeImport(
  db: Database,
  plan: WritePlan,
  options: { batchSize?: number; onBatch?: (progress: ImportProgress) => void | Promise<void> } = {},
): Promise<{ written: number }> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const total = planSize(plan);
  const perKind: Record<string, { done: number; total: number }> = {};
  for (const kind of WRITE_ORDER) if (plan[kind]?.length) perKind[kind] = { done: 0, total: plan[kind]!.length };
  let done = 0;
  for (const kind of WRITE_ORDER) {
    const rows = plan[kind] ?? [];
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      try {
        await db.writeTransaction((tx) => writeRows(tx, kind, batch, IMPORT_STAMP));
      } catch (error) {
        throw new ImportInterrupted(done, total, perKind, error);
      }
      done += batch.length;
      perKind[kind]!.done += batch.length;
      await options.onBatch?.({ kind, kindDone: perKind[kind]!.done, kindTotal: rows.length, done, total });
    }
  }
  return { written: done };
}
