/**
 * The whole-file shortcut of a re-import. A committed import may carry a
 * stamp: its files' key (kind and SHA-256 of each file, in order, and the
 * row hash version) and a graph version (epoch:count, src/derived/): "at this
 * graph version every row of these files is in the graph exactly as it is
 * (its stored row hash matches, on a current entity: rowHash.ts) and the
 * files pass the check". That is a fact about one state of the graph, and
 * every write of a fact bumps the graph version (maintainDerived.ts; the
 * figures cache relies on the same), so while the version is the one
 * stamped, importing the same files again would check every row, find
 * every row unchanged and write nothing: `npm run import` then records the
 * run without reading the files (`--full-check` reads them all the same).
 *
 * A stamp is written only when it is known to hold:
 * - a run whose check found every row unchanged stamps the version it read
 *   before the check, if the version is the same after it (no write
 *   committed while the check read the graph);
 * - a run that wrote stamps the version after its last batch, if its batches
 *   are the only writes since the version read before its check: each batch
 *   that writes bumps the version once (writeRows), so every batch must find
 *   it one above the last (or, writing nothing, equal); any other write in
 *   between makes the chain break and the run stamps nothing. Its rows must
 *   also all be current afterwards: a row for a retired entity is written
 *   without reviving it (unless --revive), so such a run stamps nothing.
 *
 * Writes outside greengraph's writers (plain Cypher in the database) bump
 * nothing and are invisible to the stamp, as they are to the figures cache,
 * derived data and the change log. A change to the row checks or to what a
 * row writes must bump rowHash.ts's VERSION, which is part of the key.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { READ_GRAPH_VERSION } from '../derived/derived.cypher.js';
import type { Database } from '../neo4j/database.js';
import type { CheckedImport, ImportFile } from './checkImport.js';
import { stampedImportCypher, stampUnchangedCypher } from './importRecord.cypher.js';
import { ROW_HASH_VERSION } from './rowHash.js';

export interface GraphVersion {
  epoch: string;
  version: number;
}

const versionOf = (row: Record<string, unknown> | undefined): GraphVersion | null =>
  row?.epoch ? { epoch: row.epoch as string, version: Number(row.version) } : null;

/** The graph version now (null before the first write). */
export async function readGraphVersion(db: Database): Promise<GraphVersion | null> {
  return versionOf((await db.read(READ_GRAPH_VERSION))[0]);
}

/** The graph version as `tx` sees it (after its own bumps, which it holds the lock of). */
export async function graphVersionIn(tx: ManagedTransaction): Promise<GraphVersion | null> {
  const result = await tx.run(READ_GRAPH_VERSION);
  return versionOf(result.records[0]?.toObject());
}

export const sameVersion = (a: GraphVersion | null, b: GraphVersion | null): boolean => a !== null && b !== null && a.epoch === b.epoch && a.version === b.version;

/** How a stamp names a graph version. */
export const stampOfVersion = (v: GraphVersion): string => `${v.epoch}:${v.version}`;

/** The key of a list of import files: each file's kind and SHA-256, in order, and the row hash version. */
export const filesKey = (files: readonly ImportFile[], sha256: readonly string[]): string =>
  JSON.stringify([ROW_HASH_VERSION, ...files.map((f, i) => `${f.kind}:${sha256[i]}`)]);

/**
 * Follows the graph version through an import's write pass, from the
 * version read before its check: `batch` is called once per committed batch
 * with the version its transaction saw after its writes and whether it
 * wrote. `stampable` is the version after the last batch when no other
 * write came between (see the top of this file), else null.
 */
export class VersionChain {
  private last: GraphVersion | null;
  private broken: boolean;

  constructor(start: GraphVersion | null) {
    this.last = start;
    this.broken = start === null;
  }

  batch(seen: GraphVersion | null, wrote: boolean): void {
    if (this.broken || seen === null || this.last === null || seen.epoch !== this.last.epoch || seen.version !== this.last.version + (wrote ? 1 : 0)) {
      this.broken = true;
    }
    this.last = seen;
  }

  /** Breaks the chain: the run cannot vouch for every row (a retired entity it did not revive). */
  breakChain(): void {
    this.broken = true;
  }

  get stampable(): GraphVersion | null {
    return this.broken ? null : this.last;
  }
}

/** Stamps the committed import `id`: at version `at` every row of the files with key `key` is in the graph as it is. */
export async function stampUnchanged(db: Database, id: string, key: string, at: GraphVersion): Promise<void> {
  await db.write(stampUnchangedCypher, { id, key, at: stampOfVersion(at) });
}

/**
 * What the check of `files` would find, when a committed import of the same
 * files is stamped at the graph version `now`: every row unchanged and no
 * problem (the records per file are that import's). Null otherwise.
 */
export async function stampedImport(db: Database, files: readonly ImportFile[], key: string, now: GraphVersion | null): Promise<(CheckedImport & { from: string }) | null> {
  if (!now) return null;
  const [row] = await db.read(stampedImportCypher, { key, at: stampOfVersion(now) });
  if (!row) return null;
  const counts = row.records as number[];
  const records = new Map(files.map((f, i) => [f.file, counts[i] ?? 0]));
  const rows = row.rows as number;
  return { files: [...files], records, problems: [], problemCount: 0, rows, unchanged: rows, retired: 0, from: row.id as string };
}
