/**
 * The rows of programs (national or provincial schemes and lists of parks)
 * and of designations (a park's place on a program's list), checked from a
 * mutation's input or an import record; shared by both, as rows.ts is.
 */
import { sourceId, type Checked, type Reference } from '../write/rows.js';
import { Checker } from '../write/validate.js';

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

export function checkProgram(c: Checker, raw: Raw): Checked<ProgramRow> {
  const references: Reference[] = [];
  const id = c.id(raw, 'id');
  const props = Checker.given(raw, {
    name: c.text(raw, 'name', { required: true }),
    localName: c.text(raw, 'localName'),
    kind: c.enumValue(raw, 'kind', 'ProgramKind', true),
    issuingBodies: c.texts(raw, 'issuingBodies'),
    issuedOn: c.partialDate(raw, 'issuedOn'),
    documentNumber: c.text(raw, 'documentNumber'),
    url: c.url(raw, 'url'),
  });
  const source = sourceId(c, raw, references);
  return {
    row: id && props.name && props.kind && source ? { id, props, source } : null,
    defines: id ? { field: c.path('id'), id, type: 'Program' } : null,
    references,
  };
}

/** Batches are numbered from 1; a program rarely runs to more than a few dozen. */
const MAX_BATCH = 1000;

export function checkDesignation(c: Checker, raw: Raw): Checked<DesignationRow> {
  const references: Reference[] = [];
  const id = c.id(raw, 'id');
  const park = c.id(raw, 'park');
  const program = c.id(raw, 'program');
  if (park) references.push({ field: c.path('park'), id: park, types: ['Park'] });
  if (program) references.push({ field: c.path('program'), id: program, types: ['Program'] });
  const status = c.enumValue(raw, 'status', 'DesignationStatus', true);
  const on = c.partialDate(raw, 'on', true);
  const batch = checkBatch(c, raw.batch);
  const source = sourceId(c, raw, references);
  return {
    row: id && park && program && status && on && batch !== undefined && source ? { id, props: { status, batch, on }, park, program, source } : null,
    defines: id ? { field: c.path('id'), id, type: 'Designation' } : null,
    references,
  };
}

/** `batch`: a whole number 1..MAX_BATCH (a CSV cell arrives as a string), or not given (null); undefined when invalid. */
function checkBatch(c: Checker, value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  const batch = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof batch === 'number' && Number.isInteger(batch) && batch >= 1 && batch <= MAX_BATCH) return batch;
  c.fail('batch', `"batch" must be a whole number from 1 to ${MAX_BATCH}, got ${JSON.stringify(value)}.`);
  return undefined;
}
