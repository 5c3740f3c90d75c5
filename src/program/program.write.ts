/**
 * How programs and designations are written. Neither changes a derived
 * fact; a designation's status only moves forward (designationStatus.ts).
 */
import { listCell } from '../import/csvCells.js';
import { WRITE_CYPHER } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';
import { refuseBackwardStatuses } from './designationStatus.js';
import { checkDesignation, checkProgram, type DesignationRow, type ProgramRow } from './program.rows.js';

export const programWrite = {
  check: checkProgram,
  columns: ['id', 'name', 'localName', 'kind', 'issuingBodies', 'issuedOn', 'documentNumber', 'url', 'source', 'quote'],
  cells: { issuingBodies: listCell },
  rows: [{ kind: 'programs', cypher: WRITE_CYPHER.programs }],
} as const satisfies DomainWrite<ProgramRow>;

export const designationWrite = {
  check: checkDesignation,
  columns: ['id', 'park', 'program', 'status', 'batch', 'on', 'source', 'quote'],
  rows: [{ kind: 'designations', cypher: WRITE_CYPHER.designations, before: refuseBackwardStatuses }],
} as const satisfies DomainWrite<DesignationRow>;
