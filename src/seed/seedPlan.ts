/**
 * The seed as checked rows: each record of seed/graph/ is turned into rows
 * by its domain's check (src/<domain>/<domain>.write.ts, the import's
 * CHECKS), one row per record and source it cites, together with what the
 * rows depend on (definitions, references, parent links) and the problems
 * found without the graph. A row cites one source, so a record citing
 * several sources becomes one write per source: kind by kind in dependency
 * order, one `writeRows` per kind and source (seedGraph.ts writes them).
 */
import { CHECKS } from '../import/checkImport.js';
import { columnsOf } from '../import/importFormats.js';
import { findReferenceProblems, type Definition } from '../write/references.js';
import { REFERENCE_KINDS, SEED_KINDS, WRITE_ORDER, writesOf, type ImportKind, type SeedKind, type WriteKind } from '../domains.js';
import type { Checked, ParentRow, Reference } from '../write/rows.js';
import { Checker, type Problem } from '../write/validate.js';
import { rowOfKind } from '../write/write.js';
import { REFERENCE_SOURCES } from './referenceData.js';
import type { Ids, SeedCompany, SeedGraph, SeedPartnership, SeedPledge } from './seedFiles.js';

type Raw = Record<string, unknown>;

/** The input fields a record states (the import's columns), without its sources. */
const fields = (record: object, keys: readonly string[]): Raw =>
  Object.fromEntries(keys.filter((k) => (record as Raw)[k] !== undefined).map((k) => [k, (record as Raw)[k]]));

/**
 * The import's columns of `kind` that a seed record states as they are: all
 * but its source and quote (which each write of it sets) and the columns
 * `shapedHere` (which the seed's files state in a shape of their own, with
 * their own sources: a company's country and parent, a pledge's pledger, a
 * partnership's participants). A new column of a domain reaches the seed
 * without a change here.
 */
const statedColumns = (kind: ImportKind, ...shapedHere: string[]): readonly string[] =>
  columnsOf(kind).filter((c) => c !== 'source' && c !== 'quote' && !shapedHere.includes(c));

const sourcesOfParent = (c: SeedCompany): Ids => c.parent?.sources ?? c.sources;
const sourcesOfCountry = (c: SeedCompany): Ids => c.countrySources ?? c.sources;
const sourcesOfParticipant = (p: SeedPartnership, x: SeedPartnership['participants'][number]): Ids => x.sources ?? p.sources;

/**
 * How each kind of record becomes the input of one write citing `source`
 * (the shape a mutation or an import line has), and the source lists the
 * written relationships keep (in `r.sources`, in the order the seed lists them).
 */
const RECORDS: { [K in SeedKind]: { input: (record: SeedGraph[K][number], source: string | undefined) => Raw; lists: (record: SeedGraph[K][number]) => Ids[] } } = {
  companies: {
    input: (c, source) => ({
      ...fields(c, statedColumns('companies', 'country', 'parent', 'parentKind', 'parentShare')),
      ...(c.country && (source === undefined || sourcesOfCountry(c).includes(source)) ? { country: c.country } : {}),
      ...(c.parent && (source === undefined || sourcesOfParent(c).includes(source))
        ? { parent: c.parent.id, parentKind: c.parent.kind, parentShare: c.parent.sharePercent ?? null }
        : {}),
      source,
    }),
    lists: (c) => (c.country ? [sourcesOfCountry(c)] : []),
  },
  parks: {
    input: (p, source) => ({ ...fields(p, statedColumns('parks')), source }),
    lists: (p) => [p.sources],
  },
  facilities: {
    input: (f, source) => ({ ...fields(f, statedColumns('facilities')), source }),
    lists: (f) => [f.sources],
  },
  pledges: {
    input: (p, source) => ({ ...fields(p, statedColumns('pledges', 'pledger')), pledger: p.pledger.id, source }),
    lists: (p) => [p.sources],
  },
  partnerships: {
    input: (p, source) => ({
      ...fields(p, statedColumns('partnerships', 'participants')),
      participants: p.participants
        .filter((x) => source === undefined || sourcesOfParticipant(p, x).includes(source))
        .map((x) => ({ company: x.company, role: x.role })),
      source,
    }),
    lists: (p) => [p.sources, ...p.participants.map((x) => sourcesOfParticipant(p, x))],
  },
};

/** The facts of a record that must cite sources of the record itself (a source stating a fact about it is one of its sources). */
function ownSourceProblems(kind: SeedKind, index: number, record: SeedGraph[SeedKind][number]): Problem[] {
  const at = `${kind}[${index}]`;
  const problems: Problem[] = [];
  const within = (field: string, ids: Ids) => {
    for (const id of ids.filter((s) => !record.sources.includes(s))) {
      problems.push({ field: `${at}.${field}`, message: `"${id}" is not one of the ${kind.replace(/ies$/, 'y').replace(/s$/, '')}'s sources; a source that states one of its facts is one of its sources.` });
    }
  };
  if (!record.sources?.length) return [{ field: `${at}.sources`, message: 'cites no source: every fact cites the source it comes from.' }];
  if (kind === 'companies') {
    const c = record as SeedCompany;
    if (c.countrySources) within('countrySources', c.countrySources);
    if (c.parent?.sources) within('parent.sources', c.parent.sources);
  }
  if (kind === 'partnerships') (record as SeedPartnership).participants.forEach((x, i) => x.sources && within(`participants[${i}].sources`, x.sources));
  return problems;
}

/**
 * The order in which a kind's writes cite sources, so that every
 * relationship keeps its sources in the order the seed lists them (a write
 * appends its source to `r.sources`): each list says its sources come in
 * that order; otherwise the order of seed/reference and seed/graph sources.
 * Should two lists disagree, the earlier source in that order goes first.
 */
export function orderSources(all: readonly string[], lists: readonly Ids[]): string[] {
  const after = new Map<string, Set<string>>(all.map((s) => [s, new Set()]));
  for (const list of lists) for (let i = 1; i < list.length; i += 1) if (list[i - 1] !== list[i]) after.get(list[i - 1]!)?.add(list[i]!);
  const waiting = new Map<string, number>(all.map((s) => [s, 0]));
  for (const followers of after.values()) for (const s of followers) waiting.set(s, (waiting.get(s) ?? 0) + 1);
  const order: string[] = [];
  const left = [...all];
  while (left.length) {
    const next = left.find((s) => waiting.get(s) === 0) ?? left[0]!;
    left.splice(left.indexOf(next), 1);
    order.push(next);
    for (const s of after.get(next) ?? []) waiting.set(s, waiting.get(s)! - 1);
  }
  return order;
}

/** One `writeRows` call: rows of one kind, all citing one source. */
export interface SeedWrite {
  kind: WriteKind;
  source: string;
  rows: unknown[];
}

export interface SeedPlan {
  /** Source rows, written first (a source cites none). */
  sources: unknown[];
  /** The writes after the sources (reference data, then the graph files' records), in order. */
  writes: SeedWrite[];
  definitions: Definition[];
  references: Reference[];
  parentLinks: (ParentRow & { field: string })[];
  /** Problems found without the graph: the form of every value, unsourced facts, ids used twice. */
  problems: Problem[];
  /** Ids per kind, for the summary. */
  ids: Record<string, string[]>;
}

/** Turns the seed into checked rows, one row per record and source it cites, and what the rows depend on. */
export function planSeed(seed: SeedGraph): SeedPlan {
  const problems: Problem[] = [];
  const definitions: Definition[] = [];
  const references = new Map<string, Reference>();
  const parentLinks: SeedPlan['parentLinks'] = [];
  const rows = new Map<WriteKind, Map<string, unknown[]>>();
  const lists = new Map<WriteKind, Ids[]>();
  const seen = new Set<string>();
  const keep = (c: Checker, checked: Checked<unknown>) => {
    for (const p of c.problems) {
      const key = `${p.field}\n${p.message}`;
      if (!seen.has(key)) problems.push(p);
      seen.add(key);
    }
    for (const r of checked.references) references.set(`${r.field}\n${r.id}`, r);
  };
  const add = (kind: WriteKind, source: string, row: unknown) => {
    const byKind = rows.get(kind) ?? rows.set(kind, new Map()).get(kind)!;
    (byKind.get(source) ?? byKind.set(source, []).get(source)!).push(row);
  };

  const sources = seed.sources.flatMap((s, i) => {
    const c = new Checker(`sources[${i}]`);
    const checked = CHECKS.sources(c, { ...s });
    keep(c, checked);
    if (checked.defines) definitions.push(checked.defines);
    return checked.row ? [checked.row] : [];
  });
  // Reference data: each entry of a list, once per source the list cites.
  for (const kind of REFERENCE_KINDS) {
    lists.set(kind, [[...REFERENCE_SOURCES[kind]]]);
    seed[kind].forEach((record, i) => {
      REFERENCE_SOURCES[kind].forEach((source, n) => {
        const c = new Checker(`${kind}[${i}]`);
        const checked = CHECKS[kind](c, { ...fields(record, statedColumns(kind)), source });
        keep(c, checked);
        if (n === 0 && checked.defines) definitions.push(checked.defines);
        if (checked.row) add(kind, source, checked.row);
      });
    });
  }

  for (const kind of SEED_KINDS) {
    const spec = RECORDS[kind] as { input: (record: unknown, source: string | undefined) => Raw; lists: (record: unknown) => Ids[] };
    const writeKind: WriteKind = kind;
    (seed[kind] as SeedGraph[SeedKind][number][]).forEach((record, i) => {
      const at = `${kind}[${i}]`;
      problems.push(...ownSourceProblems(kind, i, record));
      lists.set(writeKind, [...(lists.get(writeKind) ?? []), ...spec.lists(record)]);
      // An unsourced record is still checked (without a source), so that what refers to it finds it.
      const cited: (string | undefined)[] = record.sources?.length ? record.sources : [undefined];
      cited.forEach((source, n) => {
        const c = new Checker(at);
        // A record's quotes, by source: each write of it carries the words of the source it cites.
        const quote = source === undefined ? undefined : (record as { quotes?: Record<string, string> }).quotes?.[source];
        const checked = CHECKS[kind](c, quote === undefined ? spec.input(record, source) : { ...spec.input(record, source), quote });
        if (source === undefined) c.problems.splice(0, c.problems.length, ...c.problems.filter((p) => p.field !== `${at}.source`));
        keep(c, checked);
        if (n === 0 && checked.defines) definitions.push(checked.defines);
        if (!checked.row || source === undefined) return;
        for (const rowKind of writesOf(kind)) {
          const row = rowOfKind(rowKind, checked.row);
          if (row) add(rowKind, source, row);
        }
        const { parent } = checked.row as { parent?: ParentRow | null };
        if (parent && !parentLinks.some((l) => l.company === parent.company)) parentLinks.push({ ...parent, field: `${at}.parent` });
      });
      if (kind === 'pledges') {
        // The seed also says what the pledger is: it must be that (the row's own reference allows any pledger type).
        const { pledger } = record as SeedPledge;
        references.set(`${at}.pledger\n${pledger.id}`, { field: `${at}.pledger`, id: pledger.id, types: [pledger.type] });
      }
    });
  }
  lists.set('parents', seed.companies.filter((c) => c.parent).map(sourcesOfParent));

  // An id defines one thing in the whole seed (findReferenceProblems only catches one id given two types).
  const firstAt = new Map<string, string>();
  for (const d of definitions) {
    const earlier = firstAt.get(d.id);
    if (earlier) problems.push({ field: d.field, message: `"${d.id}" is already defined at ${earlier}.` });
    else firstAt.set(d.id, d.field);
  }

  const order = [...new Set([...seed.sources.map((s) => s.id), ...[...rows.values()].flatMap((bySource) => [...bySource.keys()])])];
  const writes: SeedWrite[] = [];
  for (const kind of WRITE_ORDER) {
    const bySource = rows.get(kind);
    if (!bySource) continue;
    for (const source of orderSources(order, lists.get(kind) ?? [])) {
      const kindRows = bySource.get(source);
      if (kindRows?.length) writes.push({ kind, source, rows: kindRows });
    }
  }
  const ids = Object.fromEntries(
    SEED_KINDS.map((kind) => [kind, (seed[kind] as { id: string }[]).map((r) => r.id)]),
  );
  Object.assign(ids, { sources: seed.sources.map((s) => s.id), countries: seed.countries.map((c) => c.code), provinces: seed.provinces.map((p) => p.id), cities: seed.cities.map((c) => c.id) });
  return { sources, writes, definitions, references: [...references.values()], parentLinks, problems, ids };
}

export const describeProblems = (problems: readonly Problem[]) => problems.map((p) => `${p.field}: ${p.message}`);

/**
 * Checks the seed on its own: the form of every value (the mutations'
 * checks), that every fact cites a source, that ids are unique and that every
 * reference points at something in the seed with the right type. Returns
 * the problems found, as `field: reason`; an empty list means the seed is sound.
 */
export function checkSeed(seed: SeedGraph): string[] {
  const plan = planSeed(seed);
  const inSeed = findReferenceProblems(plan.definitions, plan.references, plan.parentLinks, { types: new Map(), parents: new Map() });
  return describeProblems([...plan.problems, ...inSeed]);
}
