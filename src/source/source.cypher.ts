import { defineConnection } from '../neo4j/connection.js';

/** All sources, by title. */
export const sourcesConnection = defineConnection({
  name: 'sources',
  match: () => `MATCH (n:Source)`,
  sort: 'n.title',
  sortOf: (row) => row.title ?? null,
});
