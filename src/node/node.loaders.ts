import type { Context } from '../context.js';
import { assertInRange } from '../errors.js';
import { load, loadMany } from '../neo4j/batch.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination.js';
import { entityById, type EntityRow, type NodeType } from './node.cypher.js';

/** One entity by id, or null; batched with every other read of the tick. */
export function entity(ctx: Context, id: string | null | undefined): Promise<EntityRow | null> {
  if (!id) return Promise.resolve(null);
  return load(ctx.loader, entityById, id);
}

/** Like `entity`, for an id the graph guarantees (a required relationship). */
export async function requiredEntity(ctx: Context, id: string | null | undefined, what: string): Promise<EntityRow> {
  const row = await entity(ctx, id);
  if (!row) throw new Error(`Graph inconsistency: ${what} ${id ?? '(missing)'} not found`);
  return row;
}

/** Entities by id, in the given order, leaving out any that are gone. */
export async function entities(ctx: Context, ids: readonly string[] | null | undefined): Promise<EntityRow[]> {
  const rows = await loadMany(ctx.loader, entityById, ids ?? []);
  return rows.filter((row): row is EntityRow => row !== null);
}

/** An entity of one type by id: null when there is none or it is of another type. */
export async function entityOfType(ctx: Context, id: string, type: NodeType): Promise<EntityRow | null> {
  const row = await entity(ctx, id);
  return row?.type === type ? row : null;
}

/**
 * The first `first` (0..MAX_PAGE_SIZE, default DEFAULT_PAGE_SIZE) of a list
 * field's ids: the projection reads at most MAX_PAGE_SIZE of them, in the
 * list's order, so only the entities asked for are loaded.
 */
export function firstIds<T>(items: readonly T[] | null | undefined, first: number | null | undefined, argument = 'first'): T[] {
  const count = assertInRange(first ?? DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE, argument);
  return (items ?? []).slice(0, count);
}

/** The entities of a bounded list field, at most `first` of them. */
export function entityList(ctx: Context, ids: readonly string[] | null | undefined, first: number | null | undefined): Promise<EntityRow[]> {
  return entities(ctx, firstIds(ids, first));
}
