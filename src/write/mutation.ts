/**
 * The one path every mutation takes: check the caller's role, validate the
 * input (all problems, with their paths), then in one checked write
 * transaction (checkedWrite.ts) take the locks the rules depend on, check the
 * references against the graph and write. Any problem aborts the
 * transaction before anything is written.
 */
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { ErrorCode } from '../errors.js';
import { isTimeout, isUnavailable } from '../neo4j/database.js';
import { requireRole } from '../auth/authenticate.js';
import { stampOf, type Role } from '../auth/apiKeys.js';
import { checkedWrite, type Run } from './checkedWrite.js';
import { checkAgainstGraph, type Definition } from './references.js';
import { checkSource } from '../source/source.write.js';
import type { ParentRow, Reference } from './rows.js';
import { Checker } from './validate.js';
import { retiredProblems } from '../provenance/revive.js';
import { readById } from '../read/read.js';
import { checkQuote } from '../source/quotes.js';
import { invalidInput } from './validationError.js';
import { entityTypesCypher, parentChainsCypher } from './write.cypher.js';
import { idsOfPlan, type WritePlan } from './write.js';

type Raw = Record<string, unknown>;

export interface Planned {
  plan: WritePlan;
  definitions: Definition[];
  references: Reference[];
  parentLinks?: (ParentRow & { field: string })[];
  /** Ids to lock besides the ids the plan defines (e.g. the entity being retired). */
  locks?: string[];
  /** Further writes in the same transaction, after the plan (e.g. retiring). */
  after?: (run: Run, by: string) => Promise<void>;
  /** Ids of the entities `after` changes (either end of a relationship), for derived data. */
  touches?: string[];
}

/** A single checked row as a plan of one kind. */
export function planOf(kind: keyof WritePlan, checked: { row: unknown; defines: Definition | null; references: Reference[] }): Planned {
  return {
    plan: checked.row ? { [kind]: [checked.row] } : {},
    definitions: checked.defines ? [checked.defines] : [],
    references: checked.references,
  };
}

/**
 * Reads `input.source`: the id of an existing source, or a new source to
 * write first. Replaces it in `raw` by the source id that rows cite.
 */
function resolveSourceRef(c: Checker, raw: Raw): Planned {
  const ref = raw.source as Raw | null | undefined;
  const hasId = ref?.id != null;
  const hasNew = ref?.new != null;
  if (hasId === hasNew) {
    c.fail('source', 'Every write names its source: give "source.id" (an existing Source) or "source.new" (a new one), exactly one of them.');
    raw.source = null;
    return { plan: {}, definitions: [], references: [] };
  }
  // The citation's quote travels with the row (src/source/quotes.ts).
  if (ref?.quote != null) raw.quote = ref.quote;
  if (hasId) {
    raw.source = c.idValue('source.id', ref!.id);
    return { plan: {}, definitions: [], references: [] };
  }
  const inner = new Checker(c.path('source.new'));
  const checked = checkSource(inner, { ...(ref!.new as Raw) });
  c.problems.push(...inner.problems);
  raw.source = checked.row?.id ?? null;
  return planOf('sources', checked);
}

/**
 * Runs a mutation: `build` validates the input (with `input.source` already
 * turned into a source id) and says what to write.
 */
export async function writeMutation(
  ctx: Context,
  options: { role: Role; action: string; input: unknown; citesSource?: boolean },
  build: (c: Checker, raw: Raw) => Planned,
): Promise<void> {
  const credential = requireRole(ctx.auth, options.role, options.action);
  const c = new Checker('input');
  const raw: Raw = { ...(options.input as Raw) };
  const source = options.citesSource === false ? null : resolveSourceRef(c, raw);
  const built = build(c, raw);
  const quoteChecker = new Checker(c.path('source'));
  const quote = source ? checkQuote(quoteChecker, raw, typeof raw.source === 'string' ? raw.source : null) : null;
  c.problems.push(...quoteChecker.problems);
  if (c.problems.length) throw invalidInput(c.problems);
  if (quote !== null) for (const [kind, rows] of Object.entries(built.plan)) if (kind !== 'sources') for (const row of rows ?? []) (row as Raw).quote = quote;
  const plan: WritePlan = { ...built.plan, sources: [...(source?.plan.sources ?? []), ...(built.plan.sources ?? [])] };
  const definitions = [...(source?.definitions ?? []), ...built.definitions];
  const parentLinks = built.parentLinks ?? [];
  // Explicit revive (src/provenance/revive.ts): the input's `revive: true`.
  const revive = raw.revive === true;
  const by = stampOf(credential);
  const after = built.after;
  await checkedWrite(ctx.db, {
    by,
    // Locks first, then the facts: what is checked below cannot change until this transaction ends.
    lock: (locks) =>
      locks.lockWithParentChains(
        [...definitions.map((d) => d.id), ...parentLinks.map((l) => l.company), ...(built.locks ?? [])],
        parentLinks.map((l) => l.parent),
      ),
    check: {
      problems: async (run) => {
        const problems = await checkAgainstGraph(run, definitions, built.references, parentLinks, { types: entityTypesCypher, parentChains: parentChainsCypher });
        if (!revive) problems.push(...(await retiredProblems(run, definitions, parentLinks)));
        return problems;
      },
      refuse: invalidInput,
    },
    write: async (w) => {
      await w.plan(plan, { revive });
      if (after) await w.touching(built.touches ?? [], (run) => after(run, by));
    },
    changed: () => [...idsOfPlan(plan), ...definitions.map((d) => d.id), ...parentLinks.map((l) => l.company), ...(built.locks ?? []), ...(built.touches ?? [])],
  });
  ctx.loader.clearAll();
}

/**
 * Reads back what a committed mutation wrote, for its answer. The write is
 * in the graph whatever happens here, so when the read fails (the database
 * went away, the read timed out) the error says so with
 * `extensions.committed: true` instead of letting the client believe the
 * write failed; repeating the write is safe too, every write is idempotent.
 */
export async function readCommitted<T>(what: string, read: () => Promise<T | null>): Promise<T> {
  let row: T | null;
  try {
    row = await read();
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions.code : isUnavailable(error) ? ErrorCode.DATABASE_UNAVAILABLE : isTimeout(error) ? ErrorCode.QUERY_TIMEOUT : null;
    if (code !== ErrorCode.DATABASE_UNAVAILABLE && code !== ErrorCode.QUERY_TIMEOUT) throw error;
    throw new GraphQLError(`The write was committed, but reading ${what} back failed; read it again by id later.`, {
      extensions: { code, committed: true, retryable: true },
    });
  }
  if (row === null) throw new Error(`Graph inconsistency: ${what} is missing right after it was written`);
  return row;
}

/**
 * The resolver of a mutation that writes one entity of `type` from its
 * `input` (rows of `kind`, checked by `check`) and answers with that entity
 * as committed.
 */
export function entityMutation(options: {
  action: string;
  kind: keyof WritePlan;
  type: string;
  check: (c: Checker, raw: Raw) => { row: unknown; defines: Definition | null; references: Reference[] };
  citesSource?: boolean;
}) {
  const { action, kind, type, check, citesSource } = options;
  return async (_parent: unknown, { input }: { input: { id: string } }, ctx: Context, info: GraphQLResolveInfo) => {
    await writeMutation(ctx, { role: 'editor', action, input, ...(citesSource === false && { citesSource }) }, (c, raw) => planOf(kind, check(c, raw)));
    return readCommitted(`the ${type.toLowerCase()}`, () => readById(ctx, info, input.id, type));
  };
}
