/**
 * Retention of the change log: changes older than `maxAgeMs` and all but the
 * newest `maxCount` are deleted, a batch at a time, by a timer in every API
 * process. Safe with several replicas: a batch deletes changes below a
 * threshold, which is idempotent, and the pruned-up-to seq on the sequence
 * node only grows; a cursor below it is refused as expired.
 */
import type { Database } from '../neo4j/database.js';
import { CHUNK, pruneBatchCypher, pruneThresholdCypher } from './changeLog.cypher.js';

export interface RetentionOptions {
  /** Changes older than this go; null keeps them whatever their age (GREENGRAPH_CHANGE_RETENTION_HOURS). */
  maxAgeMs: number | null;
  /** All but the newest this many go; null keeps them however many (GREENGRAPH_CHANGE_RETENTION_COUNT). */
  maxCount: number | null;
  /** How often the pruner runs (GREENGRAPH_CHANGE_PRUNE_INTERVAL_MS). */
  intervalMs: number;
  /** About how many changes are deleted per transaction (whole chunks of the log, changeLog.cypher.ts CHUNK). */
  batchSize?: number;
}

export const DEFAULT_RETENTION: RetentionOptions = {
  maxAgeMs: 7 * 24 * 3600 * 1000,
  maxCount: 1_000_000,
  intervalMs: 60_000,
  batchSize: 5_000,
};

/** Prunes the log once, in batches, and returns how many changes were deleted. */
export async function pruneChanges(db: Database, options: Pick<RetentionOptions, 'maxAgeMs' | 'maxCount' | 'batchSize'>, now = Date.now()): Promise<number> {
  const before = options.maxAgeMs === null ? null : new Date(now - options.maxAgeMs).toISOString();
  const [state] = await db.read(pruneThresholdCypher, { before, keep: options.maxCount });
  if (!state) return 0;
  const threshold = Number(state.threshold);
  if (threshold <= Number(state.prunedBelow)) return 0;
  const limit = Math.max(1, Math.floor((options.batchSize ?? DEFAULT_RETENTION.batchSize!) / CHUNK));
  let deleted = 0;
  for (;;) {
    const [row] = await db.write(pruneBatchCypher, { threshold, limit });
    const count = Number(row?.deleted ?? 0);
    if (count === 0) return deleted;
    deleted += count;
  }
}

/** Starts pruning every `intervalMs`; returns a stop function that waits for a running pass. */
export function startPruning(db: Database, options: RetentionOptions, logError: (message: string, error: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => pruneChanges(db, options)).catch((error: unknown) => logError('change log: pruning failed', error));
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
