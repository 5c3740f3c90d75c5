/**
 * How programs (national or provincial schemes and lists of parks) and
 * designations (a park's place on a program's list) are written: checked
 * from a mutation's input or an import record, and their write Cypher.
 * Neither changes a derived fact; a designation's status only moves forward
 * (designationStatus.ts).
 */
import { listCell } from '../import/csvCells.js';
import { entityCheck, sourceId } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { singleLink, upsert, versionedUpsert } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';
import { refuseBackwardStatuses } from './designationStatus.js';

type Raw = Record<string, unknown>;

export interface ProgramRow {
  id: string;
  props: Raw;
  source: string;
}

export interface DesignationRow {
  id: string;
  props: { status: string; batch: number | null; on: string };
  park: string;
  program: string;
  source: string;
}

export const checkProgram = entityCheck<ProgramRow>('Program', (c, raw, id, references) => {
  const props = Checker.given(raw, {
    ...c.namedKind(raw, 'ProgramKind'),
    issuingBodies: c.texts(raw, 'issuingBodies'),
    issuedOn: c.partialDate(raw, 'issuedOn'),
    documentNumber: c.text(raw, 'documentNumber'),
    url: c.url(raw, 'url'),
  });
  const source = sourceId(c, raw, references);
  return id && props.name && props.kind && source ? { id, props, source } : null;
});

/** Batches are numbered from 1; a program rarely runs to more than a few dozen. */
const MAX_BATCH = 1000;

export const checkDesignation = entityCheck<DesignationRow>('Designation', (c, raw, id, references) => {
  const park = c.id(raw, 'park');
  const program = c.id(raw, 'program');
  if (park) references.push({ field: c.path('park'), id: park, types: ['Park'] });
  if (program) references.push({ field: c.path('program'), id: program, types: ['Program'] });
  const status = c.enumValue(raw, 'status', 'DesignationStatus', true);
  const on = c.partialDate(raw, 'on', true);
  const batch = checkBatch(c, raw.batch);
  const source = sourceId(c, raw, references);
  return id && park && program && status && on && batch !== undefined && source ? { id, props: { status, batch, on }, park, program, source } : null;
});

/** `batch`: a whole number 1..MAX_BATCH (a CSV cell arrives as a string), or not given (null); undefined when invalid. */
function checkBatch(c: Checker, value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  const batch = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof batch === 'number' && Number.isInteger(batch) && batch >= 1 && batch <= MAX_BATCH) return batch;
  c.fail('batch', `"batch" must be a whole number from 1 to ${MAX_BATCH}, got ${JSON.stringify(value)}.`);
  return undefined;
}

export const programWrite = {
  check: checkProgram,
  columns: ['id', 'name', 'localName', 'kind', 'issuingBodies', 'issuedOn', 'documentNumber', 'url', 'source', 'quote'],
  cells: { issuingBodies: listCell },
  rows: [{ kind: 'programs', cypher: upsert('Program') }],
} as const satisfies DomainWrite<ProgramRow>;

/** A designation's terms (status, batch, date) are kept with their history as a pledge's are. */
const writeDesignations = `
${versionedUpsert({ label: 'Designation', versionLabel: 'DesignationVersion', versionKey: 'designationId', terms: ['status', 'batch', 'on'] })}
${singleLink('true', '(t:Entity {id: s.park}) WHERE t:Park', '(n)-[r:DESIGNATES]->(t)', '(n)-[gone:DESIGNATES]->(other)')}
${singleLink('true', '(t:Entity {id: s.program}) WHERE t:Program', '(n)-[r:UNDER]->(t)', '(n)-[gone:UNDER]->(other)')}`;

export const designationWrite = {
  check: checkDesignation,
  columns: ['id', 'park', 'program', 'status', 'batch', 'on', 'source', 'quote'],
  rows: [{ kind: 'designations', cypher: writeDesignations, before: refuseBackwardStatuses }],
} as const satisfies DomainWrite<DesignationRow>;
