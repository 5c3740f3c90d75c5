/**
 * The change log's Cypher. A write finds what it changed from the stamps its
 * statements leave (createdAt, updatedAt, revivedAt, retiredAt, all
 * datetime() in the writing transaction, so at or after
 * datetime.transaction(), the instant it began) on the entities it wrote and
 * their relationships, and appends them in the same transaction: one change
 * per entity or relationship, stored in (:ChangeBatch) nodes of at most
 * CHUNK consecutive changes each (one node per change made a large import
 * or retraction write, and commit, hundreds of thousands of nodes of ten
 * properties: half of a retraction's records). A chunk holds its first and
 * last seq, the writer's `at`, `by` and `importId`, and a list per field,
 * '' standing for a missing value (a list holds no null); `types` lists
 * the entity and relationship types it holds, so that a filtered read
 * skips chunks without reading their lists. The sequence is one (:ChangeSequence) node: its
 * write lock, taken by the append and held until commit, orders the writers,
 * so sequence numbers are handed out in commit order and no reader sees seq
 * N+1 before N.
 */
import { nodeType } from '../node/node.cypher.js';

/** At most this many changes in one (:ChangeBatch) node. */
export const CHUNK = 1000;

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

/**
 * Whether `x` changed in this transaction. The retirement stamp is asked
 * second, before the update stamp: a retraction retires tens of thousands of
 * facts, and so each is found with the stamps that opOf reads anyway.
 */
const touchedSince = (x: string) => `(${x}.createdAt >= t0 OR ${x}.retiredAt >= t0 OR ${x}.revivedAt >= t0 OR ${x}.updatedAt >= t0)`;

/** How `x` changed in this transaction; creation wins over everything else. */
const opOf = (x: string) => `CASE
  WHEN ${x}.createdAt >= t0 THEN 'CREATED'
  WHEN ${x}.revivedAt >= t0 THEN 'REVIVED'
  WHEN ${x}.retiredAt >= t0 AND ${x}.retractedWith IS NOT NULL THEN 'RETRACTED'
  WHEN ${x}.retiredAt >= t0 THEN 'RETIRED'
  ELSE 'UPDATED' END`;

/**
 * The lists of a chunk holding the changes `part` (maps or nodes with op,
 * entityId, entityType, edgeType, from and to), in order.
 */
const chunkLists = (part: string) => `ops: [c IN ${part} | c.op],
  entityIds: [c IN ${part} | coalesce(c.entityId, '')],
  entityTypes: [c IN ${part} | coalesce(c.entityType, '')],
  edgeTypes: [c IN ${part} | coalesce(c.edgeType, '')],
  froms: [c IN ${part} | coalesce(c.from, '')],
  tos: [c IN ${part} | coalesce(c.to, '')],
  types: reduce(ts = [], t IN [c IN ${part} | coalesce(c.entityType, c.edgeType)] | CASE WHEN t IN ts THEN ts ELSE ts + t END)`;

/**
 * Appends the changes of this transaction to the entities `$ids` (and to
 * their relationships, provenance links aside) in (:ChangeBatch) chunks, stamped `$by` and `$importId`.
 * A change is a stamp at or after `$since`, the instant the writer held its
 * locks (src/write/locks.ts lockedAt), or after the transaction began when it
 * took none: a write that waited for another one's locks must not count the
 * other's stamps, committed while it waited, as its own.
 * The sequence is incremented last, after everything else is known, so that
 * the section serialized by its lock is short. Appends nothing, and takes no
 * lock, when nothing changed.
 * The entities are looked up once for the three reads. The far end of a
 * relationship is not read: every relationship that carries a stamp joins
 * two entities (an entity's RECORDED_IN is provenance, and its HAS_VERSION
 * to a version node carries no stamp).
 */
export const appendChangesCypher = `
WITH coalesce($since, datetime.transaction()) AS t0
CALL {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect(DISTINCT n) AS written
}
CALL (t0, written) {
  UNWIND written AS n
  WITH n
  WHERE ${touchedSince('n')}
  WITH n ORDER BY n.id
  RETURN collect({op: ${opOf('n')}, entityId: n.id, entityType: ${nodeType('n')}}) AS entities
}
CALL (t0, written) {
  UNWIND written AS n
  MATCH (n)-[r]-()
  WHERE NOT type(r) IN $provenance AND ${touchedSince('r')}
  WITH DISTINCT r
  WITH r, startNode(r).id AS from, endNode(r).id AS to ORDER BY type(r), from, to
  RETURN collect({op: ${opOf('r')}, edgeType: type(r), from: from, to: to}) AS edges
}
CALL (t0, written) {
  UNWIND written AS n
  WITH n WHERE n.${REMOVED_AT} IS NOT NULL
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
WITH start, changes, datetime() AS at
UNWIND range(0, size(changes) - 1, ${CHUNK}) AS offset
WITH start + offset AS first, changes[offset..offset + ${CHUNK}] AS part, at
CREATE (:ChangeBatch {first: first, last: first + size(part) - 1, at: at, by: $by, importId: $importId,
  ${chunkLists('part')}})
RETURN sum(size(part)) AS appended`;

/** Item `i` of a chunk's list, '' read as null. */
const item = (b: string, list: string) => `CASE ${b}.${list}[i] WHEN '' THEN null ELSE ${b}.${list}[i] END`;

/** The changes of chunk `b`, one row each: its index `i` in the lists, its `seq`, and its entity and relationship types (for filtering). */
const unwindChunk = (b: string) => `UNWIND range(0, ${b}.last - ${b}.first) AS i
WITH ${b}, i, ${b}.first + i AS seq, ${item(b, 'entityTypes')} AS entityType, ${item(b, 'edgeTypes')} AS edgeType`;

/** The change at row `i` of chunk `b` (unwindChunk), as the read statements return it. */
const changeRow = (b: string) =>
  `{seq: seq, at: ${b}.at, op: ${b}.ops[i], by: ${b}.by, importId: ${b}.importId, entityId: ${item(b, 'entityIds')}, entityType: entityType, edgeType: edgeType, from: ${item(b, 'froms')}, to: ${item(b, 'tos')}}`;

/**
 * The changes after seq `$after`, oldest first, at most `$limit`, kept by
 * `$types` (null keeps all); and the sequence's state, to tell an expired
 * cursor from a quiet log.
 */
export const changesAfterCypher = `
OPTIONAL MATCH (q:ChangeSequence {id: '${SEQUENCE_ID}'})
CALL () {
  MATCH (b:ChangeBatch) WHERE b.last > $after
    AND ($types IS NULL OR any(t IN b.types WHERE t IN $types))
  // Each chunk holds a kept change after $after, but for the first, which may hold only earlier ones.
  WITH b ORDER BY b.last LIMIT $limit + 1
  ${unwindChunk('b')}
  WHERE seq > $after AND ($types IS NULL OR entityType IN $types OR edgeType IN $types)
  WITH b, i, seq, entityType, edgeType ORDER BY seq LIMIT $limit
  RETURN collect(${changeRow('b')}) AS changes
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
  OPTIONAL MATCH (b:ChangeBatch) WHERE $before IS NOT NULL AND b.last >= q.prunedBelow AND b.at >= datetime($before)
  WITH b ORDER BY b.last LIMIT 1
  RETURN CASE WHEN $before IS NULL THEN 1 WHEN b IS NULL THEN q.next ELSE b.first END AS byAge
}
RETURN q.prunedBelow AS prunedBelow, CASE WHEN byCount > byAge THEN byCount ELSE byAge END AS threshold`;

/**
 * One pruning batch: deletes at most \`$limit\` chunks whose changes are all
 * below \`$threshold\`, or, once none is left, cuts the changes below it
 * from the chunk that straddles it; records how far the log is pruned.
 * Returns how many changes it removed (0: done). Idempotent: replicas
 * pruning at once remove the same changes, and prunedBelow only grows.
 */
export const pruneBatchCypher = `
CALL () {
  MATCH (b:ChangeBatch) WHERE b.last < $threshold
  WITH b ORDER BY b.last LIMIT $limit
  WITH collect(b) AS gone
  WITH gone, reduce(n = 0, b IN gone | n + b.last - b.first + 1) AS deleted
  FOREACH (b IN gone | DELETE b)
  RETURN deleted, size(gone) AS chunks
}
CALL (chunks) {
  OPTIONAL MATCH (b:ChangeBatch) WHERE chunks = 0 AND b.first < $threshold AND b.last >= $threshold
  WITH b, CASE WHEN b IS NULL THEN 0 ELSE $threshold - b.first END AS cut
  FOREACH (x IN CASE WHEN b IS NULL THEN [] ELSE [b] END |
    SET x.first = $threshold, x.ops = x.ops[cut..], x.entityIds = x.entityIds[cut..], x.entityTypes = x.entityTypes[cut..],
      x.edgeTypes = x.edgeTypes[cut..], x.froms = x.froms[cut..], x.tos = x.tos[cut..])
  RETURN cut
}
WITH deleted + cut AS deleted
MATCH (q:ChangeSequence {id: '${SEQUENCE_ID}'})
SET q.prunedBelow = CASE WHEN $threshold > q.prunedBelow THEN $threshold ELSE q.prunedBelow END
RETURN deleted, q.prunedBelow AS prunedBelow`;

/**
 * Migration 13: the oldest \`$limit\` changes stored one (:Change) node each
 * (before chunks), for the migration to group.
 */
export const oldChangesCypher = `
// The seq condition lets the order come from the index, instead of sorting every change left for each batch.
MATCH (c:Change) WHERE c.seq >= 0
WITH c ORDER BY c.seq LIMIT $limit
RETURN c.seq AS seq, toString(c.at) AS at, c.by AS by, c.importId AS importId`;

/** Migration 13: each of \`$groups\` (consecutive seqs of one write) becomes a chunk, and its (:Change) nodes go. */
export const chunkOldChangesCypher = `
UNWIND $groups AS seqs
CALL (seqs) {
  UNWIND seqs AS seq
  MATCH (c:Change {seq: seq})
  WITH c ORDER BY c.seq
  WITH collect(c) AS part
  CREATE (:ChangeBatch {first: part[0].seq, last: part[-1].seq, at: part[0].at, by: part[0].by, importId: part[0].importId,
    ${chunkLists('part')}})
  FOREACH (c IN part | DELETE c)
}`;
