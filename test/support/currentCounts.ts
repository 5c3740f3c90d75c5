import type { Database } from '../../src/neo4j/database.js';

/**
 * Current entities by label and current relationships by type: the graph as
 * its readers see it, to compare before and after a retraction.
 */
export async function currentCounts(db: Database): Promise<Record<string, number>> {
  const rows = await db.read(`
    CALL () {
      MATCH (n:Entity) WHERE n.retiredOn IS NULL
      RETURN 'node ' + [l IN labels(n) WHERE l <> 'Entity'][0] AS key, count(*) AS n
      UNION ALL
      MATCH (a:Entity)-[r]->(b:Entity)
      WHERE r.retiredOn IS NULL AND a.retiredOn IS NULL AND b.retiredOn IS NULL AND NOT type(r) IN ['RECORDED_IN', 'RETRACTED_SOURCE']
      RETURN 'rel ' + type(r) AS key, count(*) AS n
    }
    RETURN key, sum(n) AS n ORDER BY key`);
  return Object.fromEntries(rows.map((row) => [row.key as string, Number(row.n)]));
}
