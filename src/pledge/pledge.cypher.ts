import { defineConnection } from '../neo4j/connection.js';

/** Pledges without a target year sort last. */
const NO_TARGET_YEAR = 100000;

/** Pledges filtered by target year range, kind and status; by target year, then id. */
export const pledgesConnection = defineConnection({
  name: 'pledges',
  match: () => `
CALL {
  WITH key
  MATCH (n:Pledge)
  WHERE (key.lte IS NOT NULL OR key.gte IS NOT NULL)
    AND n.targetYear <= coalesce(key.lte, ${NO_TARGET_YEAR}) AND n.targetYear >= coalesce(key.gte, 0)
  RETURN n
  UNION
  WITH key
  MATCH (n:Pledge)
  WHERE key.lte IS NULL AND key.gte IS NULL
  RETURN n
}
WITH n, key
WHERE (key.kind IS NULL OR n.kind = key.kind) AND (key.status IS NULL OR n.status = key.status)`,
  sort: `coalesce(n.targetYear, ${NO_TARGET_YEAR})`,
  sortOf: (row) => (typeof row.targetYear === 'number' ? row.targetYear : NO_TARGET_YEAR),
});
