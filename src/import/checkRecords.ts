/**
 * The part of an import's check that looks at one record alone: reads a
 * file and runs each record through the mutations' row check, hashing the
 * rows that pass (rowHash.ts). What comes out is small (the id a record
 * defines, its references, its problems), so it can be made in a worker
 * thread (checkWorker.ts) while the main thread settles ids across files
 * (checkImport.ts) in file order.
 */
import type { Row } from '../neo4j/database.js';
import type { Checked, ParentRow } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import type { DesignationRow } from '../program/program.write.js';
import { withQuote } from '../source/quotes.js';
import { IMPORT_KINDS, NODE_TYPES, writeOf, type ImportKind } from '../domains.js';
import { readImportBatches } from './readImportFile.js';
import { rowHash } from './rowHash.js';

type Check = (c: Checker, raw: Record<string, unknown>) => Checked<unknown>;

/** Each kind's row check; a row of a kind with a `quote` column (every one but a source's) may carry its citation's quote (src/source/quotes.ts). */
export const CHECKS = Object.fromEntries(
  IMPORT_KINDS.map((kind) => {
    const { check, columns } = writeOf(kind);
    return [kind, columns.includes('quote') ? withQuote(check) : check];
  }),
) as Record<ImportKind, Check>;

/** Types an import can define or reference; a definition's type travels as its index (at most 16: checkImport packs it in four bits). */
export const TYPES: readonly string[] = NODE_TYPES;

/** What one line of a file gave: a record that was read (and checked), or a problem where none could be read. */
export interface CheckedRecord {
  line: number;
  /** Set when no record could be read at this line (`reason`); nothing else is then. */
  unread?: string;
  /** The check's problems as `field: reason`. */
  problems?: string[];
  /** The id this record defines, the index of its type in TYPES, and its row hash when the row is valid. */
  defines?: { id: string; type: number; hash: string | null; hasParent: boolean };
  references?: { id: string; types: readonly string[]; field: string }[];
  /** A company's parent link: [child, parent]. */
  parent?: [string, string];
  /** A valid designation's status, checked against the stored one (one-way, designationStatus.ts). */
  status?: string;
}

/** Checks one record that was read. */
export function checkRecord(kind: ImportKind, line: number, raw: Row): CheckedRecord {
  const c = new Checker('');
  const checked = CHECKS[kind](c, raw);
  const out: CheckedRecord = { line };
  if (c.problems.length) out.problems = c.problems.map((p) => `${p.field}: ${p.message}`);
  const parent = (checked.row as { parent?: ParentRow | null } | null)?.parent;
  if (checked.defines) {
    out.defines = {
      id: checked.defines.id,
      type: TYPES.indexOf(checked.defines.type),
      hash: checked.row && !c.problems.length ? rowHash(kind, checked.row) : null,
      hasParent: Boolean(parent),
    };
  }
  if (checked.references.length) out.references = checked.references;
  if (parent) out.parent = [parent.company, parent.parent];
  if (kind === 'designations' && checked.row) out.status = (checked.row as DesignationRow).props.status;
  return out;
}

/** The checked records of one file, in file order, in batches as they are read. */
export async function* checkRecords(file: string, kind: ImportKind): AsyncGenerator<CheckedRecord[]> {
  for await (const items of readImportBatches(file, kind)) {
    yield items.map((item) => (item.problem !== undefined ? { line: item.line, unread: item.problem } : checkRecord(kind, item.line, item.raw)));
  }
}

/**
 * A batch of checked records as a worker posts it: one string for what
 * every record has (ids, hash, references: validated ids, and field names
 * through a per-batch table) and the rare problems beside it. Structured
 * cloning the records as objects cost more than checking them (~20 µs per
 * partnership on the two threads); a string is copied in one go.
 */
export interface PackedBatch {
  lines: number[];
  /** One line per record: id, type, hash, hasParent, child, parent, references (id and table index), status. */
  text: string;
  /** Reference fields and types: `field\u0001Type,Type`. */
  table: string[];
  /** Index in the batch → what could not be read, or the check's problems. */
  rare: [number, string | null, string[] | null][];
}

const SEP = '\u0001';
const REF_SEP = '\u0002';
const REF_INNER = '\u0003';

export function packBatch(items: readonly CheckedRecord[]): PackedBatch {
  const table: string[] = [];
  const tableIndex = new Map<string, number>();
  const rare: PackedBatch['rare'] = [];
  const lines: number[] = [];
  const out: string[] = [];
  items.forEach((item, i) => {
    lines.push(item.line);
    if (item.unread !== undefined || item.problems) rare.push([i, item.unread ?? null, item.problems ?? null]);
    const d = item.defines;
    let refs = '';
    for (const ref of item.references ?? []) {
      const key = `${ref.field}${SEP}${ref.types.join(',')}`;
      let k = tableIndex.get(key);
      if (k === undefined) {
        k = table.push(key) - 1;
        tableIndex.set(key, k);
      }
      refs += `${refs ? REF_SEP : ''}${ref.id}${REF_INNER}${k}`;
    }
    out.push(`${d ? d.id : ''}${SEP}${d ? d.type : -1}${SEP}${d?.hash ?? ''}${SEP}${d?.hasParent ? 1 : 0}${SEP}${item.parent?.[0] ?? ''}${SEP}${item.parent?.[1] ?? ''}${SEP}${refs}${SEP}${item.status ?? ''}`);
  });
  return { lines, text: out.join('\n'), table, rare };
}

export function unpackBatch(batch: PackedBatch): CheckedRecord[] {
  if (!batch.lines.length) return [];
  const table = batch.table.map((key) => {
    const [field, types] = key.split(SEP) as [string, string];
    return { field, types: types.split(',') };
  });
  const items: CheckedRecord[] = batch.text.split('\n').map((text, i) => {
    const [id, type, hash, hasParent, child, parent, refs, status] = text.split(SEP) as [string, string, string, string, string, string, string, string];
    const item: CheckedRecord = { line: batch.lines[i]! };
    if (id) item.defines = { id, type: Number(type), hash: hash || null, hasParent: hasParent === '1' };
    if (refs) {
      item.references = refs.split(REF_SEP).map((ref) => {
        const at = ref.indexOf(REF_INNER);
        const { field, types } = table[Number(ref.slice(at + 1))]!;
        return { id: ref.slice(0, at), types, field };
      });
    }
    if (child) item.parent = [child, parent];
    if (status) item.status = status;
    return item;
  });
  for (const [i, unread, problems] of batch.rare) {
    if (unread !== null) items[i] = { line: items[i]!.line, unread };
    else if (problems) items[i]!.problems = problems;
  }
  return items;
}
