/**
 * The import formats: which file holds which kind of record (by its name),
 * which columns each kind has, and how CSV cells become the same values a
 * JSON Lines record or a mutation input carries. Pure.
 */
import { basename } from 'node:path';
import { IMPORT_KINDS, type ImportKind } from '../domains.js';

/** Columns (CSV) and keys (JSON Lines) of each kind; `source` is the id of a source in the graph or the import, `quote` its words that state the record. */
export const COLUMNS: Record<ImportKind, readonly string[]> = {
  sources: ['id', 'title', 'publisher', 'language', 'url', 'publishedOn', 'note'],
  companies: ['id', 'name', 'localName', 'aliases', 'sector', 'country', 'parent', 'parentKind', 'parentShare', 'source', 'quote'],
  parks: ['id', 'name', 'localName', 'aliases', 'status', 'city', 'province', 'source', 'quote'],
  facilities: ['id', 'name', 'localName', 'kind', 'description', 'products', 'city', 'province', 'park', 'operator', 'source', 'quote'],
  partnerships: ['id', 'kind', 'title', 'description', 'status', 'startedOn', 'endedOn', 'participants', 'unnamedParticipants', 'parks', 'province', 'pledges', 'source', 'quote'],
  pledges: ['id', 'pledger', 'kind', 'targetYear', 'status', 'statement', 'source', 'quote'],
  programs: ['id', 'name', 'localName', 'kind', 'issuingBodies', 'issuedOn', 'documentNumber', 'url', 'source', 'quote'],
  designations: ['id', 'park', 'program', 'status', 'batch', 'on', 'source', 'quote'],
};

/** CSV columns holding lists, separated by `|`. */
const LIST_COLUMNS = new Set(['aliases', 'products', 'parks', 'pledges', 'issuingBodies']);

/** The kind a file holds, from its name: `companies.csv`, `parks.example.jsonl`, `pledges-2025.csv`, … */
export function kindOfFile(file: string): ImportKind | null {
  const name = basename(file).toLowerCase();
  return IMPORT_KINDS.find((kind) => name.startsWith(kind) && /^[.\-_]/.test(name.slice(kind.length))) ?? null;
}

/** `company:ROLE|company:ROLE` → [{company, role}]. */
function pairs(cell: string, left: string, right: string): Record<string, string>[] {
  return cell.split('|').map((item) => {
    const at = item.indexOf(':');
    return at < 0 ? { [left]: item.trim() } : { [left]: item.slice(0, at).trim(), [right]: item.slice(at + 1).trim() };
  });
}

/** One CSV cell as the value the checks expect; an empty cell is "not given". */
export function csvValue(column: string, cell: string): unknown {
  const value = cell.trim();
  if (value === '') return undefined;
  if (LIST_COLUMNS.has(column)) return value.split('|').map((x) => x.trim());
  if (column === 'participants') return pairs(value, 'company', 'role');
  if (column === 'unnamedParticipants') return pairs(value, 'role', 'description');
  return value;
}
