/**
 * Runs a plan of rows through the write statements in dependency order
 * (sources first, partnerships last), in the transaction it is given.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Row } from '../neo4j/database.js';
import { toParams, toPlain } from '../neo4j/records.js';
import { maintainDerived } from '../derived/maintainDerived.js';
import { WRITE_ORDER, type WriteKind } from '../domains.js';
import { WRITE_CYPHER } from './write.cypher.js';
import { refuseBackwardStatuses } from '../program/designationStatus.js';
import type { DesignationRow } from '../program/program.rows.js';

export type WritePlan = Partial<Record<WriteKind, unknown[]>>;

/** The entities a row of `kind` touches, whose derived facts may change (src/derived/). */
function touchedIds(kind: WriteKind, rows: readonly unknown[]): string[] {
  // Programs and designations change no derived fact (foreign, ACTIVE_IN).
  if (kind === 'sources' || kind === 'pledges' || kind === 'programs' || kind === 'designations') return [];
  if (kind === 'parents') return rows.map((row) => (row as { company: string }).company);
  return rows.map((row) => (row as { id: string }).id);
}

/**
 * Writes `rows` of one kind in one statement (one UNWIND), keeping derived
 * data (foreign, ACTIVE_IN, the graph version) correct in the same transaction.
 * Only a facility row can remove a link to a company (its operator); every
 * other kind only adds them (see maintainDerived's `linksOnlyGrow`), unless
 * `revive` makes retired entities current again (a retired company was
 * active nowhere, so its ACTIVE_IN is recomputed from before the write). A
 * company or parent-link row touches that company alone (`companiesOnly`),
 * unless it revives it.
 */
export async function writeRows(tx: ManagedTransaction, kind: WriteKind, rows: readonly unknown[], by: string, options: { revive?: boolean } = {}): Promise<void> {
  const revive = options.revive === true;
  if (kind === 'designations') await refuseBackwardStatuses(tx, rows as DesignationRow[]);
  await maintainDerived(tx, touchedIds(kind, rows), () => tx.run(WRITE_CYPHER[kind], toParams({ rows, by, revive }) as Row), {
    linksOnlyGrow: kind !== 'facilities' && !revive,
    companiesOnly: (kind === 'companies' || kind === 'parents') && !revive,
  });
}

/** Writes every row of a plan, kind by kind in dependency order. */
export async function writePlan(tx: ManagedTransaction, plan: WritePlan, by: string, options: { revive?: boolean } = {}): Promise<void> {
  for (const kind of WRITE_ORDER) {
    const rows = plan[kind];
    if (rows?.length) await writeRows(tx, kind, rows, by, options);
  }
}

/** The ids of the entities a plan's rows write (both companies of a parent link), for the change log. */
export function idsOfPlan(plan: WritePlan): string[] {
  const ids: string[] = [];
  for (const [kind, rows] of Object.entries(plan)) {
    for (const row of (rows ?? []) as Record<string, unknown>[]) {
      if (kind === 'parents') ids.push(row.company as string, row.parent as string);
      else ids.push(row.id as string);
    }
  }
  return ids;
}

/** Runs one statement in `tx` and returns plain rows. */
export function runIn(tx: ManagedTransaction) {
  return async (cypher: string, params: Row): Promise<Row[]> => {
    const result = await tx.run(cypher, toParams(params) as Row);
    return result.records.map((record) => toPlain(record.toObject()) as Row);
  };
}
