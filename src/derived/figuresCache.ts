/**
 * Whole-graph figures (stats, aggregates) are cached by graph version: every
 * write transaction bumps the version node in Neo4j (maintainDerived.ts), so a
 * figure computed at version v is correct until the next write, on every
 * replica. Each replica keeps its own copy; the version it is keyed by lives
 * in the database, so no replica can serve a figure older than the graph it
 * reads the version from. Costs one small read per request.
 */
import type { Database } from '../neo4j/database.js';
import { READ_GRAPH_VERSION } from './derived.cypher.js';

const cache = new Map<string, { version: string; value: Promise<unknown> }>();

/** The graph's version: the epoch of its version node and its count of writes. */
export async function graphVersion(db: Database): Promise<string> {
  const [row] = await db.read(READ_GRAPH_VERSION);
  return `${(row?.epoch as string | null) ?? 'none'}:${(row?.version as number | null) ?? 0}`;
}

/**
 * The figure `name` at the current graph version: cached, or computed by
 * `compute` (which reads the graph after the version was read, so what it
 * returns is never older than the version it is stored under).
 */
export async function cachedByGraphVersion<T>(db: Database, name: string, compute: () => Promise<T>): Promise<T> {
  const version = await graphVersion(db);
  const hit = cache.get(name);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  const value = compute();
  cache.set(name, { version, value });
  value.catch(() => {
    if (cache.get(name)?.value === value) cache.delete(name);
  });
  return value;
}
