import { defineConnection } from '../neo4j/connection.js';

/** Parks, optionally in one province (`key.province`) and of one status, by name. */
export const parksConnection = defineConnection({
  name: 'parks',
  match: () => `
CALL {
  WITH key
  MATCH (:Province {code: key.province})<-[:LOCATED_IN]-(n:Park)
  WHERE key.status IS NULL OR n.status = key.status
  RETURN n
  UNION
  WITH key
  MATCH (n:Park)
  WHERE key.province IS NULL AND (key.status IS NULL OR n.status = key.status)
  RETURN n
}`,
  sort: 'n.name',
  sortOf: (row) => row.name ?? null,
});
