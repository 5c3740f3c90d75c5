/** The current graph as numbers, for what must leave it as it found it (bench:retract, profileRetract, test/retractBatches.test.ts). */
import type { Database } from '../src/neo4j/database.js';
import { ALONE } from '../src/neo4j/batch.js';
import { graphStats } from '../src/stats/stats.cypher.js';

/** What a reader of the current graph sees, as numbers. */
export async function currentGraph(db: Database) {
  const [counts] = await db.read(`
CALL { MATCH (n:Entity) WHERE n.retiredOn IS NULL
  WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS type, count(*) AS n ORDER BY type RETURN collect([type, n]) AS entities }
CALL { MATCH (a:Entity)-[r]->(b:Entity) WHERE r.retiredOn IS NULL AND a.retiredOn IS NULL AND b.retiredOn IS NULL
  WITH type(r) AS type, count(*) AS n ORDER BY type RETURN collect([type, n]) AS relationships }
CALL { MATCH (c:Company) WHERE c.retiredOn IS NULL AND c.foreign RETURN count(c) AS foreign }
CALL { MATCH (:Company)-[a:ACTIVE_IN]->(:Province) RETURN count(a) AS activeIn, sum(size(a.kinds)) AS activeKinds }
RETURN entities, relationships, foreign, activeIn, activeKinds`);
  const [stats] = await db.read(graphStats.statement(ALONE).cypher);
  return { ...counts, stats: stats!.result };
}
