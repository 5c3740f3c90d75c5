/**
 * The one place derived data is maintained. Every write transaction (a
 * mutation, an import batch, retiring, the seed) runs its writes through
 * `maintainDerived` with the ids of the entities it touches (a retraction
 * batch, which only retires, through `maintainDerivedAfterRetiring`): in the same
 * transaction, the companies those ids can affect are collected before and
 * after the write, their `foreign` flag (and their subsidiaries') and their
 * ACTIVE_IN relationships are recomputed, and the graph version is bumped.
 * Nothing else sets `foreign` or ACTIVE_IN.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { toParams, toPlain } from '../neo4j/records.js';
import { AFFECTED_COMPANIES, BUMP_GRAPH_VERSION, RECOMPUTE_ACTIVE_IN, RECOMPUTE_FOREIGN, RECOMPUTE_RETIRED_ACTIVE_IN, RETIREMENT_AFFECTS } from './derived.cypher.js';

interface Affected {
  roots: string[];
  active: string[];
}

async function run(tx: ManagedTransaction, cypher: string, params: Record<string, unknown>) {
  const result = await tx.run(cypher, toParams(params) as Record<string, unknown>);
  return result.records.map((record) => toPlain(record.toObject()) as Record<string, unknown>);
}

async function affectedBy(tx: ManagedTransaction, ids: readonly string[]): Promise<Affected> {
  if (!ids.length) return { roots: [], active: [] };
  const [row] = await run(tx, AFFECTED_COMPANIES, { ids: [...new Set(ids)] });
  return { roots: (row?.roots as string[] | undefined) ?? [], active: (row?.active as string[] | undefined) ?? [] };
}

/** Recomputes the derived facts of the given companies (foreign also for their subsidiaries). */
export async function recomputeDerived(tx: ManagedTransaction, companies: Affected): Promise<void> {
  if (companies.roots.length) await run(tx, RECOMPUTE_FOREIGN, { roots: companies.roots });
  if (companies.active.length) await run(tx, RECOMPUTE_ACTIVE_IN, { active: companies.active });
}

/** Bumps the graph version (BUMP_GRAPH_VERSION; figuresCache.ts keys figures by it); every write transaction does, once or more. */
export async function bumpGraphVersion(tx: ManagedTransaction): Promise<void> {
  await run(tx, BUMP_GRAPH_VERSION, {});
}

/**
 * Runs `write` in `tx` and keeps the derived data of everything it touched
 * correct, in the same transaction. `touched` are the ids of the entities the
 * write creates, changes or retires (either end of a relationship).
 * `linksOnlyGrow`: the write removes no link between the touched entities and
 * companies, so the companies affected after it include those before, and
 * reading them before (a statement per import batch) is skipped.
 * `companiesOnly`: every touched id is a company's (its own row, its parent
 * link), so the affected companies are known without reading them
 * (AFFECTED_COMPANIES): the touched ones are the roots of `foreign`, and only
 * a retired one has its ACTIVE_IN recomputed. That is a statement fewer for
 * each import batch of companies or parent links.
 */
export async function maintainDerived<T>(
  tx: ManagedTransaction,
  touched: readonly string[],
  write: () => Promise<T>,
  options: { linksOnlyGrow?: boolean; companiesOnly?: boolean } = {},
): Promise<T> {
  if (options.companiesOnly) {
    const result = await write();
    const companies = [...new Set(touched)];
    if (companies.length) {
      await run(tx, RECOMPUTE_FOREIGN, { roots: companies });
      await run(tx, RECOMPUTE_RETIRED_ACTIVE_IN, { active: companies });
    }
    await bumpGraphVersion(tx);
    return result;
  }
  const before = options.linksOnlyGrow ? { roots: [], active: [] } : await affectedBy(tx, touched);
  const result = await write();
  const after = await affectedBy(tx, touched);
  await recomputeDerived(tx, {
    roots: [...new Set([...before.roots, ...after.roots])],
    active: [...new Set([...before.active, ...after.active])],
  });
  await bumpGraphVersion(tx);
  return result;
}

/** What a write that only retires retired: the relationships derived data follows (retiredDerivedLinks) and the entities' ids. */
export interface Retired {
  rels: unknown[];
  retired: string[];
}

/**
 * Keeps derived data correct after a write that only retires (a retraction
 * batch): recomputes exactly the companies what it retired reaches
 * (RETIREMENT_AFFECTS), then bumps the graph version.
 */
export async function maintainDerivedAfterRetiring(tx: ManagedTransaction, retired: Retired): Promise<void> {
  if (retired.rels.length || retired.retired.length) {
    const [affected] = await run(tx, RETIREMENT_AFFECTS, { rels: retired.rels, retired: retired.retired });
    await recomputeDerived(tx, { roots: affected!.roots as string[], active: affected!.active as string[] });
  }
  await bumpGraphVersion(tx);
}
