/**
 * The import formats: which file holds which kind of record (by its name),
 * which columns each kind has, and how CSV cells become the same values a
 * JSON Lines record or a mutation input carries (each domain's write
 * description says both, src/<domain>/<domain>.write.ts). Pure.
 */
import { basename } from 'node:path';
import { IMPORT_KINDS, writeOf, type ImportKind } from '../domains.js';

/** Columns (CSV) and keys (JSON Lines) of each kind; `source` is the id of a source in the graph or the import, `quote` its words that state the record. */
export const columnsOf = (kind: ImportKind): readonly string[] => writeOf(kind).columns;

/** The kind a file holds, from its name: `companies.csv`, `parks.example.jsonl`, `pledges-2025.csv`, … */
export function kindOfFile(file: string): ImportKind | null {
  const name = basename(file).toLowerCase();
  return IMPORT_KINDS.find((kind) => name.startsWith(kind) && /^[.\-_]/.test(name.slice(kind.length))) ?? null;
}

/** One CSV cell of a `kind` file as the value the checks expect; an empty cell is "not given". */
export function csvValue(kind: ImportKind, column: string, cell: string): unknown {
  const value = cell.trim();
  if (value === '') return undefined;
  const parse = writeOf(kind).cells?.[column];
  return parse ? parse(value) : value;
}
