/** What GET /ready answers: whether this process can serve, and why not. */
import type { Database } from './neo4j/database.js';
import { appliedVersion, LATEST_MIGRATION } from './neo4j/migrations.js';

/**
 * Ready when Neo4j answers, its migrations are the latest this code knows,
 * and `isPrepared` says the rest of the preparation (seed, warmed query
 * plans) is done; `detail` says which of these holds.
 */
export async function readiness(db: Database, isPrepared: () => boolean): Promise<{ ok: boolean; detail: Record<string, unknown> }> {
  try {
    const version = await appliedVersion(db);
    const prepared = isPrepared();
    const ok = version >= LATEST_MIGRATION && prepared;
    return { ok, detail: { neo4j: 'up', migrations: { applied: version, expected: LATEST_MIGRATION }, prepared } };
  } catch {
    return { ok: false, detail: { neo4j: 'unavailable' } };
  }
}
