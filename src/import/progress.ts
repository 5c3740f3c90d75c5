/**
 * Import progress: a bar with rows/s on a terminal, one plain line per kind
 * and about every tenth of the work otherwise (logs, CI).
 */
import type { ImportProgress } from './importer.js';

const BAR_WIDTH = 30;

export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function rate(rows: number, ms: number): number {
  return ms > 0 ? Math.round((rows * 1000) / ms) : rows;
}

/** A progress reporter for `writeImport`'s onBatch. */
export function progressReporter(out: ProgressOutput, now: () => number = Date.now) {
  const started = now();
  let lastKind = '';
  let lastTenth = -1;
  return {
    onBatch(p: ImportProgress): void {
      const perSecond = rate(p.done, now() - started);
      if (out.isTTY) {
        const filled = Math.round((p.done / p.total) * BAR_WIDTH);
        const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
        out.write(`\r[${bar}] ${Math.floor((p.done / p.total) * 100)}% ${p.done}/${p.total} rows, ${perSecond} rows/s (${p.kind} ${p.kindDone})   `);
        if (p.done === p.total) out.write('\n');
        return;
      }
      const tenth = Math.floor((p.done / p.total) * 10);
      if (p.kind !== lastKind || tenth !== lastTenth || p.done === p.total) {
        out.write(`import: ${p.done}/${p.total} rows (${p.kind} ${p.kindDone}), ${perSecond} rows/s\n`);
        lastKind = p.kind;
        lastTenth = tenth;
      }
    },
    /** The closing line: rows, seconds and throughput. */
    summary(rows: number): string {
      const ms = now() - started;
      return `imported ${rows} rows in ${(ms / 1000).toFixed(1)} s: ${rate(rows, ms)} rows/s`;
    },
  };
}
