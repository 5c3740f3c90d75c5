/**
 * The change log's Cypher. A write finds what it changed from the stamps its
 * statements leave (createdAt, updatedAt, revivedAt, retiredAt, all
 * datetime() in the writing transaction, so at or after
 * datetime.transaction(), the instant it began) on the entities it wrote and
 * their relationships, and appends one (:Change) per entity or relationship
 * in the same transaction. The sequence is one (:ChangeSequence) node: its
 * write lock, taken by the append and held until commit, orders the writers,
 * so sequence numbers are handed out in commit order and no reader sees seq
 * N+1 before N.
 */
import { nodeType } from '../node/node.cypher.js';

/** The id of the one sequence node. */
export const SEQUENCE_ID = 'changes';

/**
 * Provenance links, not facts: an entity's citation of a source (retired
 * with an import's retraction) is no change of its own; the entity's is.
 */
export const PROVENANCE_TYPES = ['SOURCED_FROM', 'RETRACTED_SOURCE', 'RECORDED_IN'];

/**
 * A writer that deletes a relationship (a to-one link replaced or cleared,
 * src/write/write.cypher.ts) notes it on the entity it writes, as
 * `type from to`, with the instant: a deleted relationship leaves no stamp.
 * The append reads the notes of this transaction and removes them.
 */
export const REMOVED_LINKS = 'removedLinks';
export const REMOVED_AT = 'removedLinksAt';

const touchedSince = (x: string) => `(${x}.createdAt >= t0 OR ${x}.updatedAt >= t0 OR ${x}.revivedAt >= t0 OR ${x}.retiredAt >= t0)`;

/** How `x` changed in this transaction; creation wins over everything else. */
const opOf = (x: string) => `CASE
  WHEN ${x}.createdAt >= t0 THEN 'CREATED'
  WHEN ${x}.revivedAt >= t0 THEN 'REVIVED'
  WHEN ${x}.retiredAt >= t0 AND ${x}.retractedWith IS NOT NULL THEN 'RETRACTED'
  WHEN ${x}.retiredAt >= t0 THEN 'RETIRED'
  ELSE 'UPDATED' END`;

/**
 * Appends the changes of this transaction to the entities `$ids` (and to
 * their relationships, provenance links aside) as (:Change) nodes, stamped `$by` and `$importId`.
 * A change is a stamp at or after `$since`, the instant the writer held its
 * locks (src/write/locks.ts lockedAt), or after the transaction began when it
 * took none: a write that waited for another one's locks must not count the
 * other's stamps, committed while it waited, as its own.
 * The sequence is incremented last, after everything else is known, so that
 * the section serialized by its lock is short. Appends nothing, and takes no
 * lock, when nothing changed.
 */
export const appendChangesCypher = `
WITH coalesce($since, datetime.transaction()) AS t0
CALL (t0) {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  WITH DISTINCT n
  WHERE ${touchedSince('n')}
  WITH n ORDER BY n.id
  RETURN collect({op: ${opOf('n')}, entityId: n.id, entityType: ${nodeType('n')}}) AS entities
}
CALL (t0) {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})-[r]-(:Entity)
  WHERE ${touchedSince('r')} AND NOT type(r) IN $provenance
  WITH DISTINCT r
  WITH r, startNode(r).id AS from, endNode(r).id AS to ORDER BY type(r), from, to
  RETURN collect({op: ${opOf('r')}, edgeType: type(r), from: from, to: to}) AS edges
}
CALL (t0) {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id}) WHERE n.${REMOVED_AT} IS NOT NULL
  WITH DISTINCT n
  WITH n, CASE WHEN n.${REMOVED_AT} >= t0 THEN n.${REMOVED_LINKS} ELSE [] END AS links
  REMOVE n.${REMOVED_LINKS}, n.${REMOVED_AT}
  WITH n, links
  UNWIND links AS link
  WITH split(link, ' ') AS l ORDER BY l[0], l[1], l[2]
  RETURN collect({op: 'REMOVED', edgeType: l[0], from: l[1], to: l[2]}) AS removed
}
WITH entities + removed + edges AS changes
WHERE size(changes) > 0
MERGE (q:ChangeSequence {id: '${SEQUENCE_ID}'})
  ON CREATE SET q.next = 1, q.prunedBelow = 1
// The write lock first, then the read of next: no other writer can read it in between.
SET q.lockedBy = $by
WITH q, changes, q.next AS start
SET q.next = start + size(changes)
WITH start, changes
UNWIND range(0, size(changes) - 1) AS i
WITH start + i AS seq, changes[i] AS c
CREATE (:Change {seq: seq, at: datetime(), op: c.op, by: $by, importId: $importId,
  entityId: c.entityId, entityType: c.entityType, edgeType: c.edgeType, from: c.from, to: c.to})
RETURN count(*) AS appended`;

/** A change as the read statements return it. */
const changeRow = `{seq: c.seq, at: c.at, op: c.op, by: c.by, importId: c.importId, entityId: c.entityId, entityType: c.entityType, edgeType: c.edgeType, from: c.from, to: c.to}`;

/**
 * The changes after seq `$after`, oldest first, at most `$limit`, kept by
 * `$types` (null keeps all); and the sequence's state, to tell an expired
 * cursor from a quiet log.
 */
export const changesAfterCypher = `
OPTIONAL MATCH (q:ChangeSequence {id: '${SEQUENCE_ID}'})
CALL () {
  MATCH (c:Change) WHERE c.seq > $after
    AND ($types IS NULL OR c.entityType IN $types OR c.edgeType IN $types)
  WITH c ORDER BY c.seq LIMIT $limit
  RETURN collect(${changeRow}) AS changes
}
RETURN changes, coalesce(q.next, 1) AS next, coalesce(q.prunedBelow, 1) AS prunedBelow`;

/** The last seq handed out (0 when none was). */
export const lastSeqCypher = `
OPTIONAL MATCH (q:ChangeSequence {id: '${SEQUENCE_ID}'})
RETURN coalesce(q.next, 1) - 1 AS last, coalesce(q.prunedBelow, 1) AS prunedBelow`;

/**
 * Retention: the seq below which changes are pruned, from the age and count
 * limits: changes older than \`$before\` (a datetime, or null for no age
 * limit) and all but the newest \`$keep\` (null for no count limit) go.
 */
export const pruneThresholdCypher = `
MATCH (q:ChangeSequence {id: '${SEQUENCE_ID}'})
WITH q, CASE WHEN $keep IS NULL THEN 1 ELSE q.next - $keep END AS byCount
CALL (q) {
  OPTIONAL MATCH (c:Change) WHERE $before IS NOT NULL AND c.seq >= q.prunedBelow AND c.at >= datetime($before)
  WITH c ORDER BY c.seq LIMIT 1
  RETURN CASE WHEN $before IS NULL THEN 1 WHEN c IS NULL THEN q.next ELSE c.seq END AS byAge
}
RETURN q.prunedBelow AS prunedBelow, CASE WHEN byCount > byAge THEN byCount ELSE byAge END AS threshold`;

/**
 * One pruning batch: deletes at most \`$limit\` changes below \`$threshold\`
 * and records how far the log is pruned. Idempotent: replicas pruning at
 * once delete the same changes, and prunedBelow only grows.
 */
export const pruneBatchCypher = `
CALL () {
  MATCH (c:Change) WHERE c.seq < $threshold
  WITH c ORDER BY c.seq LIMIT $limit
  WITH collect(c) AS gone, max(c.seq) AS top
  FOREACH (c IN gone | DELETE c)
  RETURN size(gone) AS deleted, top
}
MATCH (q:ChangeSequence {id: '${SEQUENCE_ID}'})
WITH q, deleted, CASE WHEN deleted < $limit THEN $threshold ELSE top + 1 END AS below
SET q.prunedBelow = CASE WHEN below > q.prunedBelow THEN below ELSE q.prunedBelow END
RETURN deleted, q.prunedBelow AS prunedBelow`;
