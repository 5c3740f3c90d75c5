/**
 * Cypher that marks, finds and removes the synthetic graph. The writer
 * writes it (writeSynthetic.ts); each batch then gives its entities the
 * label `Synthetic` and `synthetic: true` besides their usual labels. Every
 * synthetic entity cites only synthetic Sources, so that removing it never
 * touches the real graph; the versions of synthetic pledges go with them.
 */

/** Marks the entities $ids, written by the batch just before in the same transaction, as synthetic. */
export const MARK_SYNTHETIC = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n:Synthetic, n.synthetic = true`;

/** Deletes up to $batch versions of synthetic pledges; returns how many. */
export const DELETE_SYNTHETIC_VERSIONS_BATCH = `
MATCH (:Synthetic:Pledge)-[:HAS_VERSION]->(v:PledgeVersion)
WITH v LIMIT $batch
DETACH DELETE v
RETURN count(*) AS deleted`;

/**
 * Deletes up to $batch synthetic nodes, each after up to $perNode of its
 * relationships; a node with relationships left stays for a later batch.
 * Returns how many nodes and relationships went. Bounding the relationships
 * matters: synthetic sources are cited by thousands of entities, and 1,000
 * nodes of the L graph carried 321,260 relationships, more than a
 * transaction's memory holds with a 1 GB heap.
 */
export const DELETE_SYNTHETIC_BATCH = `
MATCH (n:Synthetic)
WITH n LIMIT $batch
CALL (n) {
  MATCH (n)-[r]-()
  WITH r LIMIT $perNode
  DELETE r
  RETURN count(*) AS relationships
}
CALL (n) {
  WITH n WHERE NOT EXISTS { (n)--() }
  DELETE n
  RETURN count(*) AS nodes
}
RETURN sum(nodes) AS deleted, sum(relationships) AS relationships`;

/**
 * The provinces the real reference data put in the database, by ISO code,
 * each with the ids of its prefecture-level cities, or its own name when it
 * has none (a municipality is its own city: the writer links no City then).
 */
export const PROVINCES_WITH_CITIES = `
MATCH (p:Province) WHERE p.synthetic IS NULL
OPTIONAL MATCH (c:City)-[:PART_OF]->(p)
WITH p, c ORDER BY c.id
WITH p, collect(c.id) AS cities
RETURN p.code AS code, CASE size(cities) WHEN 0 THEN [p.name] ELSE cities END AS cities
ORDER BY code`;

/** Counts what a run wrote, to report it. */
export const COUNT_SYNTHETIC = `
MATCH (n:Synthetic)
WITH count(n) AS nodes
OPTIONAL MATCH (:Synthetic)-[r]-()
RETURN nodes, count(DISTINCT r) AS relationships`;
