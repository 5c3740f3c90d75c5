/**
 * Migration 13: the change log kept one (:Change) node per change; it now
 * keeps chunks (changeLog.cypher.ts). This moves the changes of a database
 * written before into chunks, oldest first, a transaction per CHUNK
 * changes, each chunk the consecutive changes of one write (same `at`,
 * `by` and `importId`), so that cursors and the feed go on unchanged.
 */
import type { Database } from '../neo4j/database.js';
import { CHUNK, chunkOldChangesCypher, oldChangesCypher } from './changeLog.cypher.js';

interface OldChange {
  seq: number;
  at: string;
  by: string;
  importId: string | null;
}

/** Runs of consecutive seqs written by one write. */
function groups(changes: readonly OldChange[]): number[][] {
  const out: number[][] = [];
  changes.forEach((c, i) => {
    const before = changes[i - 1];
    const same = before && before.seq + 1 === c.seq && before.at === c.at && before.by === c.by && before.importId === c.importId;
    if (same) out[out.length - 1]!.push(c.seq);
    else out.push([c.seq]);
  });
  return out;
}

export async function chunkOldChanges(db: Database): Promise<void> {
  for (;;) {
    const old = (await db.read(oldChangesCypher, { limit: CHUNK })).map((r) => ({ ...r, seq: Number(r.seq) }) as OldChange);
    if (!old.length) return;
    await db.write(chunkOldChangesCypher, { groups: groups(old) });
  }
}
