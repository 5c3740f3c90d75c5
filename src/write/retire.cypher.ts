/**
 * Retirement, stated once: the retire mutations (retire.mutations.ts) and
 * retraction (src/provenance/retract.cypher.ts) retire with these fragments.
 * A retired entity or relationship is kept, never deleted; revive
 * (write.cypher.ts) makes it current again.
 */
import { cite } from './write.cypher.js';

/** How a retirement differs from the plain one: the date kept (a Cypher expression; `$retiredOn` by default) and the retraction that retired it. */
export interface RetireHow {
  retiredOn?: string;
  /** A Cypher expression, e.g. `$id`: the import or source whose retraction retired it. */
  retractedWith?: string;
}

/**
 * Retires `x`, an entity or a relationship: the date it stopped being
 * current (`$retiredOn`), when and by whom that was recorded (`$by`, the
 * writer's stamp), why (`$reason`, null when none is given) and, for a
 * retraction, which one (`retractedWith`).
 */
export const retire = (x: string, how: RetireHow = {}) =>
  `SET ${x}.retiredOn = ${how.retiredOn ?? '$retiredOn'}, ${x}.retiredAt = datetime(), ${x}.retiredBy = $by, ${x}.retiredReason = $reason${
    how.retractedWith ? `, ${x}.retractedWith = ${how.retractedWith}` : ''
  }`;

/** Retires the entity `n` (retire), which is also a change of it: updatedAt/By. */
export const retireEntity = (n: string, how: RetireHow = {}) => `${retire(n, how)}, ${n}.updatedAt = datetime(), ${n}.updatedBy = $by`;

/** Retires an entity: kept, with retiredOn, and the source cited. */
export const retireEntityCypher = `
MATCH (n:Entity {id: $id}), (src:Entity {id: $source})
WHERE src:Source
${retireEntity('n')}
REMOVE n.importHash, n.importParentHash
WITH n, src
CALL { WITH n, src WITH n, src WHERE n <> src MERGE (n)-[:SOURCED_FROM]->(src) }
RETURN n.id AS id`;

/** Retires one relationship of a type between two entities, in its stored direction (no reason: `$reason` is null). */
export const retireRelationshipCypher = `
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE type(r) = $type
WITH a, b, r LIMIT 1
WITH a, b, r, {source: $source} AS s
${retire('r')}
REMOVE a.importHash, a.importParentHash, b.importHash, b.importParentHash
${cite('r', 'false')}
RETURN {type: type(r), from: a.id, to: b.id, sourceIds: r.sources, retiredOn: r.retiredOn} AS edge`;
