/**
 * Writes the synthetic graph in UNWIND batches (one write transaction per
 * batch, so that L does not need one huge transaction) and removes it again.
 */
import { bumpGraphVersion } from '../derived/maintainDerived.js';
import { rebuildDerived } from '../derived/rebuildDerived.js';
import type { Database } from '../neo4j/database.js';
import { COUNT_SYNTHETIC, DELETE_SYNTHETIC_BATCH, PROVINCE_CODES, WRITE_STATEMENTS } from './synthetic.cypher.js';
import { syntheticRows } from './syntheticGraph.js';

const BATCH_ROWS = 5_000;
const DELETE_BATCH = 10_000;

/** Removes every synthetic node and its relationships; returns how many nodes went. */
export async function wipeSynthetic(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await db.write(DELETE_SYNTHETIC_BATCH, { batch: DELETE_BATCH });
    const deleted = (row?.deleted as number | undefined) ?? 0;
    total += deleted;
    if (deleted === 0) {
      if (total) await db.writeTransaction((tx) => bumpGraphVersion(tx));
      return total;
    }
  }
}

export interface SyntheticWriteReport {
  nodes: number;
  relationships: number;
  seconds: number;
}

/**
 * Replaces the synthetic data with a graph of `companies` companies from
 * `seed`. Needs the real reference data (provinces, countries) in place.
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
  const provinceCodes = (await db.read(PROVINCE_CODES)).map((row) => row.code as string);
  if (provinceCodes.length !== 34) {
    throw new Error(`The synthetic graph needs the 34 provinces of the real seed, but found ${provinceCodes.length}: run npm run seed first.`);
  }
  const rows = syntheticRows(companies, provinceCodes, seed);
  for (const { rows: kind, cypher } of WRITE_STATEMENTS) {
    const all = rows[kind] as unknown[];
    const kindStarted = Date.now();
    for (let i = 0; i < all.length; i += BATCH_ROWS) {
      await db.write(cypher, { rows: all.slice(i, i + BATCH_ROWS) });
    }
    const seconds = (Date.now() - kindStarted) / 1000;
    log(`${kind}: ${all.length} rows in ${seconds.toFixed(1)} s (${Math.round(all.length / Math.max(seconds, 0.001))} rows/s)`);
  }
  // Written in bulk, around the write paths: the derived facts are computed once, at the end.
  await rebuildDerived(db, log);
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
