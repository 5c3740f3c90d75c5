import { defineConnection } from '../neo4j/connection.js';

/** Partnerships, optionally of one kind, by title. */
export const partnershipsConnection = defineConnection({
  name: 'partnerships',
  match: () => `
CALL {
  WITH key
  MATCH (n:Partnership {kind: key.kind})
  RETURN n
  UNION
  WITH key
  MATCH (n:Partnership)
  WHERE key.kind IS NULL
  RETURN n
}`,
  sort: 'n.title',
  sortOf: (row) => row.title ?? null,
});
