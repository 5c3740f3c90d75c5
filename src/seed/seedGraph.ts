/**
 * Writes the seed graph: the reference data (countries, provinces, cities
 * from seed/reference/) and every fact of the reports in seed/graph/, through
 * the same write path as the mutations and the import. The records become
 * checked rows (seedPlan.ts), which are checked against the graph under the
 * writers' locks and written with `writeRows`, which keeps the derived data
 * correct, in one checked write transaction (src/write/checkedWrite.ts): it
 * applies whole or not at all. Idempotent: rows are MERGEd by id and stamps
 * move only when a value changes.
 */
import type { Database } from '../neo4j/database.js';
import { checkAgainstGraph } from '../write/references.js';
import { REFERENCE_KINDS, SEED_KINDS, writesOf } from '../domains.js';
import { checkedWrite } from '../write/checkedWrite.js';
import { entityTypesCypher, parentChainsCypher } from '../write/write.cypher.js';
import { readSeed, type SeedGraph } from './seedFiles.js';
import { describeProblems, planSeed } from './seedPlan.js';

/** The createdBy / updatedBy stamp of everything the seed writes. */
export const SEED_STAMP = 'seed';

/** What one kind of the seed amounted to. */
export interface SeedKindSummary {
  kind: string;
  /** Entities (or parent links) in the seed. */
  count: number;
  /** Of those, created and changed by this run (entities only). */
  created: number | null;
  changed: number | null;
  /** Rows written, and the writeRows calls (one per source) they took; null for reference data. */
  rows: number | null;
  writes: number | null;
}

/** The seed's files or graph break a rule; the message lists every problem. */
export class SeedError extends Error {
  override name = 'SeedError';
}

/** How many ids of each kind were created or changed in the current transaction (their stamps are from now). */
const STAMPED_NOW = `
UNWIND $kinds AS k
CALL (k) {
  UNWIND k.ids AS id
  MATCH (n:Entity {id: id})
  RETURN sum(CASE WHEN n.createdAt >= datetime.transaction() THEN 1 ELSE 0 END) AS created,
         sum(CASE WHEN n.createdAt < datetime.transaction() AND n.updatedAt >= datetime.transaction() THEN 1 ELSE 0 END) AS changed
}
RETURN k.kind AS kind, created, changed`;

/** `sources 9 (9 new), …, companies 4 (4 new; 6 rows in 4 writes), …` */
export function describeSeed(summary: readonly SeedKindSummary[]): string {
  return summary
    .map((s) => {
      const parts = [s.created !== null ? `${s.created} new` : null, s.changed ? `${s.changed} changed` : null].filter(Boolean).join(', ');
      const writes = s.rows !== null && s.writes !== null && s.writes > 1 ? `${s.rows} rows in ${s.writes} writes` : null;
      const detail = [parts, writes].filter(Boolean).join('; ');
      return `${s.kind} ${s.count}${detail ? ` (${detail})` : ''}`;
    })
    .join(', ');
}

/**
 * Writes the seed in one write transaction, as the mutations do: takes the
 * locks of its ids, checks its references against the graph, then writes.
 * Throws SeedError (nothing written) when the seed data is unsound.
 */
export async function applySeed(db: Database, seed: SeedGraph = readSeed()): Promise<SeedKindSummary[]> {
  const plan = planSeed(seed);
  if (plan.problems.length) throw new SeedError(`The seed data is unsound:\n- ${describeProblems(plan.problems).join('\n- ')}`);
  const kinds: string[] = ['sources', ...REFERENCE_KINDS, ...SEED_KINDS.flatMap(writesOf)];
  return checkedWrite(db, {
    by: SEED_STAMP,
    lock: (locks) => locks.lockWithParentChains([...plan.ids.sources!, ...REFERENCE_KINDS.flatMap((k) => plan.ids[k]!), ...SEED_KINDS.flatMap((k) => plan.ids[k]!)], plan.parentLinks.map((l) => l.parent)),
    check: {
      problems: (run) => checkAgainstGraph(run, plan.definitions, plan.references, plan.parentLinks, { types: entityTypesCypher, parentChains: parentChainsCypher }),
      refuse: (problems) => new SeedError(`The seed does not fit the graph:\n- ${describeProblems(problems).join('\n- ')}`),
    },
    write: async (w) => {
      await w.rows('sources', plan.sources);
      for (const write of plan.writes) await w.rows(write.kind, write.rows);
      const stamped = new Map((await w.run(STAMPED_NOW, { kinds: kinds.filter((k) => k !== 'parents').map((kind) => ({ kind, ids: plan.ids[kind]! })) })).map((r) => [r.kind as string, r]));
      return kinds.map((kind): SeedKindSummary => {
        const writes = plan.writes.filter((x) => x.kind === kind);
        const rows = kind === 'sources' ? plan.sources.length : writes.reduce((n, x) => n + x.rows.length, 0);
        const counted = kind === 'sources' || writes.length > 0 ? { rows, writes: kind === 'sources' ? 1 : writes.length } : { rows: null, writes: null };
        if (kind === 'parents') return { kind: 'parent links', count: plan.parentLinks.length, created: null, changed: null, ...counted };
        const row = stamped.get(kind);
        return { kind, count: plan.ids[kind]!.length, created: Number(row?.created ?? 0), changed: Number(row?.changed ?? 0), ...counted };
      });
    },
    // An entity already as the seed states it is no change.
    changed: () => kinds.filter((k) => k !== 'parents').flatMap((k) => plan.ids[k] ?? []),
  });
}

/** True when the database holds no entity yet. */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.read('RETURN EXISTS { MATCH (:Entity) } AS any');
  return row?.any !== true;
}
