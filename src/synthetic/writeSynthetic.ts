/**
 * Writes the synthetic graph through the writer's bulk mode
 * (src/write/checkedWrite.ts bulkWrite) and removes it again. Its records
 * are checked into rows by each domain's own check, as an import's are, and
 * written in batches by the same write statements (one write transaction
 * per batch, so that L does not need one huge transaction); the derived
 * data is computed once at the end. So the graph is what the product
 * writes: stamps, sources with recordedBy, cities linked, pledge versions.
 * Its batches append no changes (the synthetic graph is not logged, issue 20).
 */
import { bumpGraphVersion } from '../derived/maintainDerived.js';
import { IMPORT_KINDS, WRITE_ORDER, writesOf, type WriteKind } from '../domains.js';
import { CHECKS } from '../import/checkImport.js';
import type { Database } from '../neo4j/database.js';
import { toParams } from '../neo4j/records.js';
import { bulkWrite } from '../write/checkedWrite.js';
import { Checker } from '../write/validate.js';
import { rowOfKind } from '../write/write.js';
import { COUNT_SYNTHETIC, DELETE_SYNTHETIC_BATCH, DELETE_SYNTHETIC_VERSIONS_BATCH, MARK_SYNTHETIC, PROVINCES_WITH_CITIES } from './synthetic.cypher.js';
import { syntheticRecords, syntheticRows, type SyntheticProvince, type SyntheticRecords } from './syntheticGraph.js';

const BATCH_ROWS = 5_000;
/** The stamp (createdBy, updatedBy, recordedBy) of everything the synthetic writer writes. */
export const SYNTHETIC_STAMP = 'synthetic';
/** Synthetic nodes, and relationships of each, deleted per transaction (DELETE_SYNTHETIC_BATCH): at most 100,000 relationships. */
const DELETE_BATCH = 1_000;
const DELETE_PER_NODE = 100;

/** Runs a deleting statement until it deletes nothing; returns how many nodes it deleted. */
async function deleteInBatches(db: Database, cypher: string): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await db.write(cypher, { batch: DELETE_BATCH, perNode: DELETE_PER_NODE });
    const deleted = Number(row?.deleted ?? 0);
    total += deleted;
    if (deleted === 0 && Number(row?.relationships ?? 0) === 0) return total;
  }
}

/** Removes every synthetic node and its relationships, and the versions of synthetic pledges; returns how many synthetic nodes went. */
export async function wipeSynthetic(db: Database): Promise<number> {
  const versions = await deleteInBatches(db, DELETE_SYNTHETIC_VERSIONS_BATCH);
  const total = await deleteInBatches(db, DELETE_SYNTHETIC_BATCH);
  if (total || versions) await db.writeTransaction((tx) => bumpGraphVersion(tx));
  return total;
}

/**
 * The checked rows of the records, by kind of row, as an import makes them
 * (each domain's check, then the rows its records are written as). The
 * generator makes sound records, so a record that fails its check is a bug
 * in the generator: it throws.
 */
export function checkedSyntheticRows(records: SyntheticRecords): Map<WriteKind, unknown[]> {
  const rows = new Map<WriteKind, unknown[]>(WRITE_ORDER.map((kind) => [kind, []]));
  for (const kind of IMPORT_KINDS) {
    const ofKind = (records as unknown as Partial<Record<string, Record<string, unknown>[]>>)[kind] ?? [];
    ofKind.forEach((record, i) => {
      const c = new Checker(`synthetic ${kind}[${i}]`);
      const checked = (CHECKS[kind] as (c: Checker, raw: Record<string, unknown>) => { row: unknown })(c, record);
      if (c.problems.length || !checked.row) {
        throw new Error(`The synthetic generator made a record its check refuses: ${c.problems.map((p) => `${p.field}: ${p.message}`).join('; ') || JSON.stringify(record)}`);
      }
      for (const rowKind of writesOf(kind)) {
        const row = rowOfKind(rowKind, checked.row);
        if (row) rows.get(rowKind)!.push(row);
      }
    });
  }
  return rows;
}

export interface SyntheticWriteReport {
  nodes: number;
  relationships: number;
  seconds: number;
}

interface Batch {
  kind: WriteKind;
  rows: unknown[];
  /** The ids of the entities the batch creates (none for parent links, which their companies' batches marked). */
  ids: string[];
}

/**
 * Replaces the synthetic data with a graph of `companies` companies from
 * `seed`. Needs the real reference data (provinces, cities, countries) in place.
 */
export async function writeSyntheticGraph(
  db: Database,
  companies: number,
  seed: number,
  log: (line: string) => void = () => undefined,
): Promise<SyntheticWriteReport> {
  const started = Date.now();
  const removed = await wipeSynthetic(db);
  if (removed) log(`removed ${removed} synthetic nodes of an earlier run`);
  const provinces = (await db.read(PROVINCES_WITH_CITIES)).map((row) => ({ code: row.code as string, cities: row.cities as string[] }) satisfies SyntheticProvince);
  if (provinces.length !== 34) {
    throw new Error(`The synthetic graph needs the 34 provinces of the real seed, but found ${provinces.length}: run npm run seed first.`);
  }
  const rows = checkedSyntheticRows(syntheticRecords(syntheticRows(companies, provinces, seed)));
  log(`synthetic rows made and checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  function* batches(): Generator<Batch> {
    for (const kind of WRITE_ORDER) {
      const all = rows.get(kind)!;
      if (!all.length) continue;
      const kindStarted = Date.now();
      for (let i = 0; i < all.length; i += BATCH_ROWS) {
        const slice = all.slice(i, i + BATCH_ROWS);
        yield { kind, rows: slice, ids: kind === 'parents' ? [] : slice.map((row) => (row as { id: string }).id) };
      }
      const seconds = (Date.now() - kindStarted) / 1000;
      log(`${kind}: ${all.length} rows in ${seconds.toFixed(1)} s (${Math.round(all.length / Math.max(seconds, 0.001))} rows/s)`);
    }
  }
  await bulkWrite(
    db,
    {
      by: SYNTHETIC_STAMP,
      batches: batches(),
      write: async (w, batch) => {
        await w.rows(batch.kind, batch.rows);
        if (batch.ids.length) await w.tx.run(MARK_SYNTHETIC, toParams({ ids: batch.ids }) as Record<string, unknown>);
      },
      changed: null,
    },
    log,
  );
  const [count] = await db.read(COUNT_SYNTHETIC);
  const report = {
    nodes: count?.nodes as number,
    relationships: count?.relationships as number,
    seconds: (Date.now() - started) / 1000,
  };
  log(
    `synthetic graph of ${companies} companies (seed ${seed}): ${report.nodes} nodes, ${report.relationships} relationships ` +
      `in ${report.seconds.toFixed(1)} s (${Math.round((report.nodes + report.relationships) / report.seconds)} nodes+relationships/s)`,
  );
  return report;
}
