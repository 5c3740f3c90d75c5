/**
 * Runs a plan of rows through the write statements in dependency order
 * (sources first, partnerships last), in the transaction it is given.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Row } from '../neo4j/database.js';
import { toParams, toPlain } from '../neo4j/records.js';
import { maintainDerived } from '../derived/maintainDerived.js';
import { rowWriteOf, WRITE_ORDER, type WriteKind } from '../domains.js';

export type WritePlan = Partial<Record<WriteKind, unknown[]>>;

/**
 * Writes `rows` of one kind in one statement (one UNWIND), keeping derived
 * data (foreign, ACTIVE_IN, the graph version) correct in the same transaction.
 * Rows only add links to companies unless their kind says it removes them
 * (a facility's operator: maintainDerived's `linksOnlyGrow`) or `revive`
 * makes retired entities current again (a retired company was active
 * nowhere, so its ACTIVE_IN is recomputed from before the write). A company
 * or parent-link row touches that company alone (`companiesOnly`), unless it
 * revives it. `derived: false` is for bulk mode alone.
 */
export async function writeRows(
  tx: ManagedTransaction,
  kind: WriteKind,
  rows: readonly unknown[],
  by: string,
  options: { revive?: boolean; derived?: boolean } = {},
): Promise<void> {
  const revive = options.revive === true;
  const write = rowWriteOf(kind);
  await write.before?.(tx, rows as never[]);
  const statements = async () => {
    for (const part of idsOnce(rows)) await tx.run(write.cypher, toParams({ rows: part, by, revive }) as Row);
  };
  // Bulk mode (checkedWrite.ts bulkWrite) recomputes derived data once, after its last batch.
  if (options.derived === false) return statements();
  const touched = write.touches ? rows.map((row) => write.touches!(row as never)) : [];
  await maintainDerived(tx, touched, statements, {
    linksOnlyGrow: !write.removesCompanyLinks && !revive,
    companiesOnly: write.companiesOnly === true && !revive,
  });
}

/**
 * `rows` in consecutive parts in which no entity id repeats, each written by
 * a statement of its own (one part when no id repeats, as in an import,
 * which refuses a repeated id): upsert (write.cypher.ts) tells the rows that
 * created their entity by this statement's clock, which a second row of the
 * same id in the same statement would share.
 */
function idsOnce(rows: readonly unknown[]): unknown[][] {
  const parts: unknown[][] = [[]];
  let ids = new Set<unknown>();
  for (const row of rows) {
    const id = (row as { id?: unknown } | null)?.id;
    if (id !== undefined && ids.has(id)) {
      parts.push([]);
      ids = new Set();
    }
    if (id !== undefined) ids.add(id);
    parts[parts.length - 1]!.push(row);
  }
  return parts;
}

/** Writes every row of a plan, kind by kind in dependency order. */
export async function writePlan(tx: ManagedTransaction, plan: WritePlan, by: string, options: { revive?: boolean } = {}): Promise<void> {
  for (const kind of WRITE_ORDER) {
    const rows = plan[kind];
    if (rows?.length) await writeRows(tx, kind, rows, by, options);
  }
}

/** The ids of the entities rows of `kind` write (both companies of a parent link), for the change log. */
export function idsOfRows(kind: WriteKind, rows: readonly unknown[]): string[] {
  const { ids } = rowWriteOf(kind);
  return rows.flatMap((row) => (ids ? ids(row as never) : [(row as { id: string }).id]));
}

/** The ids of the entities a plan's rows write, for the change log. */
export function idsOfPlan(plan: WritePlan): string[] {
  return (Object.entries(plan) as [WriteKind, unknown[] | undefined][]).flatMap(([kind, rows]) => idsOfRows(kind, rows ?? []));
}

/** The row of `kind` in a record's checked row (rowWrite's `take`). */
export function rowOfKind(kind: WriteKind, checked: unknown): unknown {
  const { take } = rowWriteOf(kind);
  return take ? take(checked as never) : checked;
}

/** Runs one statement in `tx` and returns plain rows. */
export function runIn(tx: ManagedTransaction) {
  return async (cypher: string, params: Row): Promise<Row[]> => {
    const result = await tx.run(cypher, toParams(params) as Row);
    return result.records.map((record) => toPlain(record.toObject()) as Row);
  };
}
