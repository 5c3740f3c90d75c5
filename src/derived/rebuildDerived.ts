/**
 * Recomputes every company's derived facts from the graph: the migration
 * that introduced them, `npm run derived:rebuild`, and the synthetic graph
 * writer (which writes in bulk, without the write paths) use it. Pages of
 * companies, one write transaction each, so that L needs no huge transaction.
 */
import type { Database } from '../neo4j/database.js';
import { bumpGraphVersion } from './maintainDerived.js';
import { COMPANY_ID_PAGE, DERIVED_MISMATCHES, REBUILD_FOREIGN, RECOMPUTE_ACTIVE_IN, REMOVE_STRAY_ACTIVE_IN } from './derived.cypher.js';
import { toParams } from '../neo4j/records.js';

const PAGE = 2_000;

export interface RebuildReport {
  companies: number;
  foreignChanged: number;
  strayRemoved: number;
  seconds: number;
}

export async function rebuildDerived(db: Database, log: (line: string) => void = () => undefined): Promise<RebuildReport> {
  const started = Date.now();
  let after: string | null = null;
  let companies = 0;
  let foreignChanged = 0;
  for (;;) {
    const [page] = await db.read(COMPANY_ID_PAGE, { after, limit: PAGE });
    const ids = (page?.ids as string[] | undefined) ?? [];
    if (!ids.length) break;
    foreignChanged += await db.writeTransaction(async (tx) => {
      const result = await tx.run(REBUILD_FOREIGN, toParams({ ids }) as Record<string, unknown>);
      await tx.run(RECOMPUTE_ACTIVE_IN, toParams({ active: ids }) as Record<string, unknown>);
      await bumpGraphVersion(tx);
      return Number(result.records[0]?.get('changed') ?? 0);
    });
    companies += ids.length;
    after = ids[ids.length - 1]!;
    if (companies % 20_000 === 0) log(`derived facts: ${companies} companies so far`);
  }
  const [stray] = await db.write(REMOVE_STRAY_ACTIVE_IN);
  const report = {
    companies,
    foreignChanged,
    strayRemoved: (stray?.removed as number | undefined) ?? 0,
    seconds: (Date.now() - started) / 1000,
  };
  log(`derived facts rebuilt for ${companies} companies in ${report.seconds.toFixed(1)} s (${foreignChanged} foreign flags changed)`);
  return report;
}

/** Companies whose stored facts differ from a full recomputation (at most 20), with both versions. */
export async function derivedMismatches(db: Database): Promise<Record<string, unknown>[]> {
  return db.read(DERIVED_MISMATCHES);
}
