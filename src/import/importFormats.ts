/**
 * The import formats: which file holds which kind of record (by its name),
 * which columns each kind has, and how CSV cells become the same values a
 * JSON Lines record or a mutation input carries. Pure.
 */
import { basename } from 'node:path';
import { CsvSyntaxError, parseCsv } from './csv.js';

export const IMPORT_KINDS = ['sources', 'companies', 'parks', 'facilities', 'partnerships', 'pledges'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Columns (CSV) and keys (JSON Lines) of each kind; `source` is the id of a source in the graph or the import. */
export const COLUMNS: Record<ImportKind, readonly string[]> = {
  sources: ['id', 'title', 'publisher', 'language', 'url', 'publishedOn', 'note'],
  companies: ['id', 'name', 'localName', 'aliases', 'sector', 'country', 'parent', 'parentKind', 'parentShare', 'source'],
  parks: ['id', 'name', 'localName', 'aliases', 'status', 'city', 'province', 'source'],
  facilities: ['id', 'name', 'localName', 'kind', 'description', 'products', 'city', 'province', 'park', 'operator', 'source'],
  partnerships: ['id', 'kind', 'title', 'description', 'status', 'startedOn', 'endedOn', 'participants', 'unnamedParticipants', 'parks', 'province', 'pledges', 'source'],
  pledges: ['id', 'pledger', 'kind', 'targetYear', 'status', 'statement', 'source'],
};

/** CSV columns holding lists, separated by `|`. */
const LIST_COLUMNS = new Set(['aliases', 'products', 'parks', 'pledges']);

export interface ImportRecord {
  file: string;
  line: number;
  raw: Record<string, unknown>;
}

export interface ParsedFile {
  file: string;
  kind: ImportKind | null;
  records: ImportRecord[];
  /** `file:line: reason` for what could not even be read. */
  problems: string[];
}

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

/** Reads one file's text into records; problems name the file and line. */
export function parseImportFile(file: string, text: string): ParsedFile {
  const kind = kindOfFile(file);
  const out: ParsedFile = { file, kind, records: [], problems: [] };
  if (!kind) {
    out.problems.push(`${file}:1: cannot tell what the file holds: its name must start with one of ${IMPORT_KINDS.join(', ')} (e.g. companies.csv)`);
    return out;
  }
  const allowed = new Set(COLUMNS[kind]);
  if (/\.csv$/i.test(file)) {
    let records;
    try {
      records = parseCsv(text);
    } catch (error) {
      if (error instanceof CsvSyntaxError) {
        out.problems.push(`${file}:${error.line}: ${error.message}`);
        return out;
      }
      throw error;
    }
    const [header, ...rows] = records;
    if (!header) return out;
    const columns = header.values.map((c) => c.trim());
    const unknown = columns.filter((c) => !allowed.has(c));
    if (unknown.length) {
      out.problems.push(`${file}:${header.line}: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; ${kind} have the columns ${COLUMNS[kind].join(', ')}`);
      return out;
    }
    for (const row of rows) {
      if (row.values.length !== columns.length) {
        out.problems.push(`${file}:${row.line}: has ${row.values.length} fields, but the header has ${columns.length}`);
        continue;
      }
      const raw: Record<string, unknown> = {};
      columns.forEach((column, i) => {
        const value = csvValue(column, row.values[i]!);
        if (value !== undefined) raw[column] = value;
      });
      out.records.push({ file, line: row.line, raw });
    }
  } else if (/\.(jsonl|ndjson)$/i.test(file)) {
    text.split(/\r?\n/).forEach((lineText, i) => {
      if (!lineText.trim()) return;
      const line = i + 1;
      let raw: unknown;
      try {
        raw = JSON.parse(lineText);
      } catch {
        out.problems.push(`${file}:${line}: not valid JSON`);
        return;
      }
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        out.problems.push(`${file}:${line}: must be a JSON object`);
        return;
      }
      const unknown = Object.keys(raw).filter((k) => !allowed.has(k));
      if (unknown.length) {
        out.problems.push(`${file}:${line}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; ${kind} have ${COLUMNS[kind].join(', ')}`);
        return;
      }
      out.records.push({ file, line, raw: raw as Record<string, unknown> });
    });
  } else {
    out.problems.push(`${file}:1: unknown format: use .csv or .jsonl (JSON Lines)`);
  }
  return out;
}
