import type { Context } from '../context.js';
import { load, loadMany } from '../neo4j/batch.js';
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
