/**
 * A designation's status moves one way: LISTED, then ACCEPTED (the park met
 * the program's targets) or WITHDRAWN; an accepted park can still be
 * withdrawn. Nothing goes back: a park listed again after a withdrawal gets
 * a new designation (its own id, batch and sources). Checked in the write
 * transaction, under the locks of the designation ids (src/write/locks.ts),
 * so the stored status cannot change between the check and the write.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { invalidInput } from '../write/validationError.js';

/** The statuses each status may move to (besides staying as it is). */
export const NEXT_STATUSES: Readonly<Record<string, readonly string[]>> = {
  LISTED: ['ACCEPTED', 'WITHDRAWN'],
  ACCEPTED: ['WITHDRAWN'],
  WITHDRAWN: [],
};

/** Whether a designation stored as `stored` may be recorded as `wanted`. */
export const statusMayMove = (stored: string, wanted: string): boolean => stored === wanted || (NEXT_STATUSES[stored] ?? []).includes(wanted);

/** The rule, as a designation that would go backwards breaks it. */
export const backwardStatusMessage = (id: string, stored: string, wanted: string): string =>
  `The designation "${id}" is ${stored}; it can move to ${(NEXT_STATUSES[stored] ?? []).join(' or ') || 'no other status'}, not back to ${wanted} (a status moves one way, LISTED to ACCEPTED or WITHDRAWN; a park listed again gets a new designation).`;

const storedStatusesCypher = `
UNWIND $rows AS s
MATCH (d:Entity {id: s.id}) WHERE d:Designation
RETURN s.id AS id, d.status AS stored, s.props.status AS wanted`;

/** Throws BAD_USER_INPUT, before anything is written, when a row would move a designation's status backwards. */
export async function refuseBackwardStatuses(tx: ManagedTransaction, rows: readonly { id: string; props: { status: string } }[]): Promise<void> {
  const result = await tx.run(storedStatusesCypher, { rows: rows.map((r) => ({ id: r.id, props: { status: r.props.status } })) });
  const problems = result.records
    .map((record) => ({ id: record.get('id') as string, stored: record.get('stored') as string, wanted: record.get('wanted') as string }))
    .filter(({ stored, wanted }) => !statusMayMove(stored, wanted))
    .map(({ id, stored, wanted }) => ({ field: 'status', message: backwardStatusMessage(id, stored, wanted) }));
  if (problems.length) throw invalidInput(problems);
}
