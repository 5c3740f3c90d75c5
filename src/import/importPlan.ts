/**
 * Validates a whole import before anything is written: every record with
 * the same checks as the mutations, ids unique across the input, and every
 * reference found in the graph or in the input. Problems read
 * `file:line: field: reason`.
 */
import type { Row } from '../neo4j/database.js';
import { checkAgainstGraph, type Definition } from '../write/references.js';
import {
  checkCompany,
  checkFacility,
  checkPark,
  checkPartnership,
  checkPledge,
  checkSource,
  type Checked,
  type ParentRow,
  type Reference,
} from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { entityTypesCypher, parentChainsCypher } from '../write/write.cypher.js';
import type { WritePlan } from '../write/write.js';
import type { ImportKind, ParsedFile } from './importFormats.js';

type Check = (c: Checker, raw: Record<string, unknown>) => Checked<unknown>;

const CHECKS: Record<ImportKind, Check> = {
  sources: checkSource,
  companies: checkCompany,
  parks: checkPark,
  facilities: checkFacility,
  partnerships: checkPartnership,
  pledges: checkPledge,
};

export interface ImportPlan {
  plan: WritePlan;
  /** Records read, per file. */
  records: number;
  /** `file:line: reason`, in file and line order; empty when the input is sound. */
  problems: string[];
}

/** Checks every record of every file, then the references against the graph. */
export async function planImport(files: readonly ParsedFile[], read: (cypher: string, params: Row) => Promise<Row[]>): Promise<ImportPlan> {
  const problems: { file: string; line: number; text: string }[] = [];
  const plan: Required<WritePlan> = { sources: [], companies: [], parents: [], parks: [], facilities: [], pledges: [], partnerships: [] };
  const definitions: Definition[] = [];
  const references: Reference[] = [];
  const parentLinks: (ParentRow & { field: string })[] = [];
  const firstSeen = new Map<string, string>();
  let records = 0;

  for (const file of files) {
    for (const text of file.problems) problems.push({ file: file.file, line: Number(/:(\d+):/.exec(text)?.[1] ?? 0), text });
    if (!file.kind) continue;
    for (const record of file.records) {
      records += 1;
      const at = `${record.file}:${record.line}`;
      const c = new Checker('');
      const checked = CHECKS[file.kind](c, record.raw);
      for (const p of c.problems) problems.push({ file: record.file, line: record.line, text: `${at}: ${p.field}: ${p.message}` });
      if (checked.defines) {
        const earlier = firstSeen.get(checked.defines.id);
        if (earlier) {
          problems.push({ file: record.file, line: record.line, text: `${at}: id: "${checked.defines.id}" is already defined at ${earlier}` });
          continue;
        }
        firstSeen.set(checked.defines.id, at);
        definitions.push({ ...checked.defines, field: `${at}: ${checked.defines.field}` });
      }
      references.push(...checked.references.map((r) => ({ ...r, field: `${at}: ${r.field}` })));
      if (c.problems.length || !checked.row) continue;
      if (file.kind === 'companies') {
        const { parent, ...company } = checked.row as { parent: ParentRow | null };
        plan.companies.push(company);
        if (parent) {
          plan.parents.push(parent);
          parentLinks.push({ ...parent, field: `${at}: parent` });
        }
      } else {
        plan[file.kind].push(checked.row);
      }
    }
  }

  for (const p of await checkAgainstGraph(read, definitions, references, parentLinks, { types: entityTypesCypher, parentChains: parentChainsCypher })) {
    const [, file = '', line = '0'] = /^(.*):(\d+): /.exec(p.field) ?? [];
    problems.push({ file, line: Number(line), text: `${p.field}: ${p.message}` });
  }
  problems.sort((a, b) => (a.file === b.file ? a.line - b.line : files.findIndex((f) => f.file === a.file) - files.findIndex((f) => f.file === b.file)));
  return { plan, records, problems: problems.map((p) => p.text) };
}
