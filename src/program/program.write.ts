/**
 * How programs and designations are written. Neither changes a derived
 * fact; a designation's status only moves forward (designationStatus.ts).
 */
import { listCell } from '../import/csvCells.js';
import { singleLink, upsert, versionedUpsert } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';
import { refuseBackwardStatuses } from './designationStatus.js';
import { checkDesignation, checkProgram, type DesignationRow, type ProgramRow } from './program.rows.js';

export const programWrite = {
  check: checkProgram,
  columns: ['id', 'name', 'localName', 'kind', 'issuingBodies', 'issuedOn', 'documentNumber', 'url', 'source', 'quote'],
  cells: { issuingBodies: listCell },
  rows: [{ kind: 'programs', cypher: upsert('Program') }],
} as const satisfies DomainWrite<ProgramRow>;

export const designationWrite = {
  check: checkDesignation,
  columns: ['id', 'park', 'program', 'status', 'batch', 'on', 'source', 'quote'],
  rows: [
    {
      kind: 'designations',
      // A designation's terms (status, batch, date) are kept with their history
      // as a pledge's are.
      cypher: `
${versionedUpsert({
  label: 'Designation',
  versionLabel: 'DesignationVersion',
  versionKey: 'designationId',
  terms: ['status', 'batch', 'on'],
  changed: 'old.status <> s.props.status OR coalesce(old.batch, -1) <> coalesce(s.props.batch, -1) OR old.on <> s.props.on',
})}
${singleLink('true', '(t:Entity {id: s.park}) WHERE t:Park', '(n)-[r:DESIGNATES]->(t)', '(n)-[gone:DESIGNATES]->(other)')}
${singleLink('true', '(t:Entity {id: s.program}) WHERE t:Program', '(n)-[r:UNDER]->(t)', '(n)-[gone:UNDER]->(other)')}`,
      before: refuseBackwardStatuses,
    },
  ],
} as const satisfies DomainWrite<DesignationRow>;
