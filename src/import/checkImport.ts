/**
 * The first pass of an import: reads every file as a stream and checks every
 * record with the same checks as the mutations (checkRecords.ts; in a worker
 * thread for a large input, checkWorkers.ts), keeping only ids in memory
 * (id → type and where it was defined), never whole records. References to
 * ids neither defined earlier in the input nor yet seen are kept once per
 * id (with a few of the lines that use it) and settled at the end, against
 * the rest of the input and then the graph. The ids a file defines are
 * looked up in the graph 10,000 at a time while reading, which also tells
 * how many rows an earlier import already wrote exactly as they are now
 * (their stored row hash matches, see rowHash.ts). A designation's status
 * is compared with the stored one at the end (it moves one way). Problems
 * read `file:line: field: reason`.
 */
import { existsSync } from 'node:fs';
import type { Row } from '../neo4j/database.js';
import { backwardStatusMessage, statusMayMove } from '../program/designationStatus.js';
import { closesCycle } from '../write/validate.js';
import { entityTypesCypher, parentChainsCypher } from '../write/write.cypher.js';
import { definedIdsCypher, storedDesignationStatusesCypher } from './check.cypher.js';
import { CHECKS, TYPES, type CheckedRecord } from './checkRecords.js';
import { IMPORT_KINDS, type ImportKind } from '../domains.js';
import { kindOfFile } from './importFormats.js';
import { checkedBatches, type CheckOptions } from './checkWorkers.js';

export { CHECKS };

/** Problems kept for printing; the rest are only counted. */
const MAX_PROBLEMS_KEPT = 1000;
/** Lines kept per unknown id (every line that uses it is counted). */
const MAX_LINES_PER_ID = 5;
const LOOKUP_BATCH = 10_000;
const LOOKUPS_AT_ONCE = 2;

export interface ImportFile {
  file: string;
  kind: ImportKind;
}

export interface CheckedImport {
  files: ImportFile[];
  /** Records read per file. */
  records: Map<string, number>;
  /** Problems in file and line order (at most 1000); `problemCount` counts them all. */
  problems: string[];
  problemCount: number;
  /** Rows to write: every record, and a parent link for each company that names a parent. */
  rows: number;
  /** Rows an earlier import already wrote exactly as they are (the write skips them). */
  unchanged: number;
  /** Records that define an id of a retired entity (written without reviving it, unless --revive). */
  retired: number;
}

type Read = (cypher: string, params: Row) => Promise<Row[]>;

/** Reads a file list: every name must say its kind and have a known format. */
export function importFiles(names: readonly string[]): { files: ImportFile[]; problems: string[] } {
  const files: ImportFile[] = [];
  const problems: string[] = [];
  for (const file of names) {
    const kind = kindOfFile(file);
    if (!existsSync(file)) problems.push(`${file}: cannot read: no such file`);
    else if (!kind) problems.push(`${file}:1: cannot tell what the file holds: its name must start with one of ${IMPORT_KINDS.join(', ')} (e.g. companies.csv)`);
    else if (!/\.(csv|jsonl|ndjson)$/i.test(file)) problems.push(`${file}:1: unknown format: use .csv or .jsonl (JSON Lines)`);
    else files.push({ file, kind });
  }
  return { files, problems };
}

/** Where a definition was made, packed into one number: line, file index, type index. */
const pack = (line: number, fileIndex: number, type: number) => line * 1024 + fileIndex * 16 + type;
const unpack = (n: number) => ({ line: Math.floor(n / 1024), fileIndex: Math.floor(n / 16) % 64, type: n % 16 });

const sameTypes = (a: readonly string[], b: readonly string[]) => a === b || (a.length === b.length && a.every((t, i) => t === b[i]));

/** Checks every record of every file, then the references against the input and the graph. */
export async function checkImport(files: readonly ImportFile[], read: Read, options: CheckOptions = {}): Promise<CheckedImport> {
  if (files.length > 64) throw new Error('An import takes at most 64 files.');
  const problems: { fileIndex: number; line: number; text: string }[] = [];
  let problemCount = 0;
  const problem = (fileIndex: number, line: number, text: string) => {
    problemCount += 1;
    if (problems.length < MAX_PROBLEMS_KEPT * 4) problems.push({ fileIndex, line, text: `${files[fileIndex]!.file}:${line}: ${text}` });
  };
  const defined = new Map<string, number>();
  /** References not settled when read: id → wanted types, the lines using it, how many. */
  const pending = new Map<string, { types: readonly string[]; at: { fileIndex: number; line: number; field: string }[]; count: number }[]>();
  /** Parent links in input order: child → parent; the child's definition names its line. */
  const parentOf = new Map<string, string>();
  /** Designations' statuses with where they are stated: a status moves one way (designationStatus.ts). */
  const statuses: { id: string; status: string; fileIndex: number; line: number }[] = [];
  const records = new Map<string, number>();
  const article = (type: string) => (/^[AEIOU]/.test(type) ? 'an' : 'a');

  // Defined ids wait here until 10,000 are looked up together: an id that
  // already belongs to another type is a problem, a row whose hash the graph
  // already holds is unchanged. Reading goes on while the database answers,
  // up to LOOKUPS_AT_ONCE lookups at a time: they were most of a re-import's
  // wall time, and Neo4j answers two on two threads.
  let unchanged = 0;
  let retired = 0;
  let toLookUp: { id: string; packed: number; hash: string | null; hasParent: boolean }[] = [];
  const lookingUp: Promise<void>[] = [];
  const lookUpDefined = async () => {
    const batch = toLookUp;
    toLookUp = [];
    while (lookingUp.length >= LOOKUPS_AT_ONCE) await lookingUp.shift();
    if (!batch.length) return;
    const lookup = lookUp(batch);
    // A failed lookup is reported where it is awaited (a later batch or the end), not as an unhandled rejection.
    lookup.catch(() => undefined);
    lookingUp.push(lookup);
  };
  const lookUp = async (batch: typeof toLookUp) => {
    const [row] = await read(definedIdsCypher, {
      ids: batch.map((d) => d.id),
      types: batch.map((d) => TYPES[d.packed % 16]),
      hashes: batch.map((d) => d.hash),
      parents: batch.map((d) => d.hasParent),
    });
    unchanged += row!.unchanged as number;
    retired += row!.retired as number;
    for (const [i, storedType] of (row!.conflicts as [number, string][]).sort((a, b) => a[0] - b[0])) {
      const d = batch[i]!;
      const { line, fileIndex, type } = unpack(d.packed);
      problem(fileIndex, line, `id: The id "${d.id}" already belongs to ${article(storedType)} ${storedType}; ${article(TYPES[type]!)} ${TYPES[type]} needs an id of its own.`);
    }
  };

  /** Settles one checked record; records come in file order. */
  const settle = (fileIndex: number, item: CheckedRecord) => {
    if (item.problems) for (const p of item.problems) problem(fileIndex, item.line, p);
    if (item.defines) {
      const { id, type, hash, hasParent } = item.defines;
      const earlier = defined.get(id);
      if (earlier !== undefined) {
        const at = unpack(earlier);
        problem(fileIndex, item.line, `id: "${id}" is already defined at ${files[at.fileIndex]!.file}:${at.line}`);
        return;
      }
      const packed = pack(item.line, fileIndex, type);
      defined.set(id, packed);
      toLookUp.push({ id, packed, hash, hasParent });
    }
    if (item.references) {
      for (const ref of item.references) {
        const known = defined.get(ref.id);
        if (known !== undefined && ref.types.includes(TYPES[known % 16]!)) continue;
        const groups = pending.get(ref.id) ?? [];
        let group = groups.find((g) => sameTypes(g.types, ref.types));
        if (!group) groups.push((group = { types: ref.types, at: [], count: 0 }));
        group.count += 1;
        if (group.at.length < MAX_LINES_PER_ID) group.at.push({ fileIndex, line: item.line, field: ref.field });
        pending.set(ref.id, groups);
      }
    }
    if (item.parent) parentOf.set(item.parent[0], item.parent[1]);
    if (item.status && item.defines) statuses.push({ id: item.defines.id, status: item.status, fileIndex, line: item.line });
  };

  const counts = files.map(() => 0);
  for await (const { fileIndex, items } of checkedBatches(files, options)) {
    for (const item of items) {
      if (item.unread !== undefined) {
        problem(fileIndex, item.line, item.unread);
        continue;
      }
      counts[fileIndex] = counts[fileIndex]! + 1;
      settle(fileIndex, item);
      if (toLookUp.length >= LOOKUP_BATCH) await lookUpDefined();
    }
  }
  for (const [fileIndex, { file }] of files.entries()) records.set(file, counts[fileIndex]!);

  await lookUpDefined();
  while (lookingUp.length) await lookingUp.shift();
  // What the graph holds for the ids the input references without defining,
  // and the current parents on the chains involved.
  const inGraph = new Map<string, string>();
  const lookup = [...pending.keys()].filter((id) => !defined.has(id));
  for (let i = 0; i < lookup.length; i += LOOKUP_BATCH) {
    for (const row of await read(entityTypesCypher, { ids: lookup.slice(i, i + LOOKUP_BATCH) })) {
      if (row.type) inGraph.set(row.id as string, row.type as string);
    }
  }
  for (const [id, groups] of pending) {
    const known = defined.get(id);
    const type = known !== undefined ? TYPES[unpack(known).type]! : inGraph.get(id);
    for (const group of groups) {
      if (type && group.types.includes(type)) continue;
      const wanted = group.types.join(' or ');
      const message = type
        ? `"${id}" is ${article(type)} ${type}, but ${article(group.types[0]!)} ${wanted} is needed here.`
        : `There is no ${wanted} with id "${id}" in the graph or in this input.`;
      for (const at of group.at) problem(at.fileIndex, at.line, `${at.field}: ${message}`);
      if (group.count > group.at.length) problem(group.at[0]!.fileIndex, group.at[0]!.line, `(and ${group.count - group.at.length} more lines use "${id}")`);
    }
  }

  if (parentOf.size) {
    const parents = new Map<string, string>();
    const companies = [...new Set([...parentOf.keys(), ...parentOf.values()])];
    for (let i = 0; i < companies.length; i += LOOKUP_BATCH) {
      for (const row of await read(parentChainsCypher, { ids: companies.slice(i, i + LOOKUP_BATCH) })) parents.set(row.child as string, row.parent as string);
    }
    for (const [company, parent] of parentOf) {
      const { line, fileIndex } = unpack(defined.get(company)!);
      const current = parents.get(company);
      if (current && current !== parent) {
        problem(fileIndex, line, `parent: "${company}" already has the parent "${current}"; retire that SUBSIDIARY_OF link before linking another parent.`);
      } else if (closesCycle(parents, company, parent)) {
        problem(fileIndex, line, `parent: Linking "${company}" to the parent "${parent}" would make a company its own ancestor.`);
      } else {
        parents.set(company, parent);
      }
    }
  }

  // Checked here, so that a status going backwards is refused with its line
  // before anything is written; the write checks it again under the locks.
  for (let i = 0; i < statuses.length; i += LOOKUP_BATCH) {
    const batch = statuses.slice(i, i + LOOKUP_BATCH);
    const stored = new Map((await read(storedDesignationStatusesCypher, { ids: batch.map((s) => s.id) })).map((row) => [row.id as string, row.status as string]));
    for (const { id, status, fileIndex, line } of batch) {
      const was = stored.get(id);
      if (was !== undefined && !statusMayMove(was, status)) problem(fileIndex, line, `status: ${backwardStatusMessage(id, was, status)}`);
    }
  }

  problems.sort((a, b) => a.fileIndex - b.fileIndex || a.line - b.line);
  const rows = [...records.values()].reduce((a, b) => a + b, 0) + parentOf.size;
  return { files: [...files], records, rows, unchanged, retired, problems: problems.slice(0, MAX_PROBLEMS_KEPT).map((p) => p.text), problemCount };
}
