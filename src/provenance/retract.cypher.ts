/**
 * The Cypher of retraction (see retract.ts for the procedure).
 *
 * Support, the rule stated once:
 * - an entity is asserted by its SOURCED_FROM links, each link recorded by
 *   the stamps in its `recordedBy` (an import id, a key's name and id, `seed`;
 *   a link from before recordedBy counts as `unrecorded`);
 * - a relationship by the source ids in its `sources`, recorded by the stamps
 *   in its `recordedBy`.
 * Retracting an import removes its stamp from every fact's support;
 * retracting a source removes the source. A fact left with no support is
 * retired (kept, with retiredOn, retiredBy, retiredReason and
 * `retractedWith`: the import or source id); a fact that keeps support loses
 * the retracted one: an entity's SOURCED_FROM link that only the import
 * recorded, or that points to the retracted source, becomes RETRACTED_SOURCE
 * (kept, with who, when and why), and a relationship's source moves from
 * `sources` to `retractedSources`. `recordedBy` lists are history and are
 * never shortened: a stamp of a retracted import (`$retracted`) no longer
 * counts as support.
 */
import { retiredDerivedLinks } from '../derived/derived.cypher.js';
import { nodeType } from '../node/node.cypher.js';
import { retire, retireEntity } from '../write/retire.cypher.js';

/** The stamps of one link or relationship that still support it. */
const liveRecorders = (x: string) => `[s IN coalesce(${x}.recordedBy, ['unrecorded']) WHERE NOT s IN $retracted]`;

/** Retires a fact found unsupported: kept, with when, by whom, why and by which retraction (src/write/retire.cypher.ts). */
const retracted = { retractedWith: '$id' };

/** An entity's source link `sf` to `src` that no longer supports it, kept as history. */
const keepAsRetractedSource = `    CREATE (n)-[:RETRACTED_SOURCE {recordedBy: sf.recordedBy, retractedWith: $id, retractedAt: datetime(), retractedBy: $by, reason: $reason}]->(src)
    DELETE sf`;

/**
 * The first step of a batch: its entities lose their stored import row
 * hashes (src/import/rowHash.ts). The retracted import (or source) no longer
 * supports what it wrote, so importing the same rows again must write and
 * cite them, not skip them as unchanged. The entities, found once, are
 * `batch` for the steps after it.
 */
const forgetRowHashes = `CALL {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  REMOVE n.importHash, n.importParentHash
  RETURN collect(n) AS batch
}`;

/** Retires the relationships `r` a batch's first step keeps, and counts them and the derived links they held. */
const retireRelationships = `${retire('r', retracted)}
  RETURN count(r) AS relationships, ${retiredDerivedLinks('r')} AS rels`;

/** The last step of a batch: the entities `n` left without `supported` are retired; counts them and lists their ids. */
const retireUnsupported = `  CALL (n, supported) {
    WITH n WHERE NOT supported
    ${retireEntity('n', retracted)}
  }
  RETURN count(CASE WHEN NOT supported THEN 1 END) AS entities, collect(CASE WHEN NOT supported THEN n.id END) AS retired
}`;

export const importForRetractCypher = `
MATCH (i:Import {id: $id})
RETURN i.status AS status`;

/** Imports whose stamps no longer support anything (retracted, or being retracted). */
export const retractedImportsCypher = `
MATCH (i:Import) WHERE i.status IN ['retracting', 'retracted']
RETURN collect(i.id) AS ids`;

export const startImportRetractionCypher = `
MATCH (i:Import {id: $id})
SET i.status = 'retracting', i.retractedBy = $by, i.retractReason = $reason,
  i.retractStartedAt = coalesce(i.retractStartedAt, datetime())`;

/**
 * The last step: the import is `retracted`, and what it recorded that was
 * retired already (by an earlier retraction, so no batch saw it: `$hashed`,
 * read by importEntitiesCypher) loses its row hashes too.
 */
export const finishImportRetractionCypher = `
MATCH (i:Import {id: $id})
CALL {
  UNWIND $hashed AS id
  MATCH (n:Entity {id: id})
  REMOVE n.importHash, n.importParentHash
}
SET i.status = 'retracted', i.retractedAt = datetime()
RETURN i.retractedAt AS retractedAt`;

/**
 * What the import recorded, read once for the whole retraction (each read
 * walks every RECORDED_IN link of the import): its current entities in id
 * order, cut into batches, sources (`sources`) apart, as they go last, after
 * the facts that cite them; and its retired entities that still hold row
 * hashes (`hashed`), for the last step. An entity retired by another write
 * after this read is still given to its batch, which decides under its locks
 * from what the graph holds then, as it did for one retired between a
 * page's read and its batch; a source retired meanwhile is left as it is.
 */
export const importEntitiesCypher = `
MATCH (n:Entity)-[:RECORDED_IN]->(:Import {id: $id})
WITH n, n.id AS id, n.retiredOn IS NULL AS current ORDER BY id
RETURN collect(CASE WHEN current AND NOT n:Source THEN id END) AS facts,
  collect(CASE WHEN current AND n:Source THEN id END) AS sources,
  collect(CASE WHEN NOT current AND (n.importHash IS NOT NULL OR n.importParentHash IS NOT NULL) THEN id END) AS hashed`;

/**
 * The other ends of the relationships `r` of a batch's entities that hold
 * `condition`: what the batch touches besides them. Only a relationship
 * between two entities is recorded by a writer or cites a source (an
 * entity's RECORDED_IN and HAS_VERSION carry neither), so the condition
 * alone keeps the other end an entity, without reading its labels.
 */
const neighboursWhere = (condition: string) => `
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m)
WHERE ${condition}
// Each other end once before its id is read: most are the other end of several relationships.
WITH DISTINCT m
RETURN collect(m.id) AS ids`;

/**
 * What a batch touches besides its own entities: the other ends of their
 * current relationships that the import recorded. A relationship an earlier
 * batch retired (one whose other end came first in id order) is not touched
 * again, so its other end needs no lock; locking it in every batch it
 * neighboured was most of a retraction's locks. One revived after this read
 * cites its reviver, who now supports it, so the batch leaves it alone too.
 */
export const importNeighboursCypher = neighboursWhere('$id IN coalesce(r.recordedBy, []) AND r.retiredOn IS NULL');

/**
 * One batch of an import's retraction, under the locks of `$ids`: its
 * relationships, then its entities' source links, then the entities. One
 * walk over each entity's relationships finds both the relationships the
 * import alone recorded (retired first, each once though both its ends may
 * be in the batch) and the entity's source links: the links the import
 * recorded and whether another one supports it (a second walk for the
 * source links read every relationship of the entity again).
 */
export const retractImportBatchCypher = `
${forgetRowHashes}
CALL (batch) {
  UNWIND batch AS n
  MATCH (n)-[r]-(o)
  WITH n, r, o, $id IN coalesce(r.recordedBy, []) AS ours, size(${liveRecorders('r')}) > 0 AS live
  WITH n, r, o, ours, live, type(r) = 'SOURCED_FROM' AND startNode(r) = n AS link
  WITH n, collect(CASE WHEN ours AND NOT live AND r.retiredOn IS NULL THEN r END) AS dead,
    collect(CASE WHEN link AND ours AND o:Source THEN {link: r, src: o, live: live} END) AS links,
    count(CASE WHEN link AND NOT ours AND live THEN 1 END) > 0 AS otherSupport
  RETURN collect(dead) AS dead, collect(CASE WHEN size(links) > 0 THEN {n: n, links: links, otherSupport: otherSupport} END) AS sourced
}
CALL (dead) {
  UNWIND dead AS rs
  UNWIND rs AS r
  WITH DISTINCT r
  ${retireRelationships}
}
CALL (sourced) {
  UNWIND sourced AS s
  WITH s.n AS n, s.links AS links, s.otherSupport OR any(l IN s.links WHERE l.live) AS supported
  WHERE n.retiredOn IS NULL
  CALL (n, links, supported) {
    WITH n, links WHERE supported
    UNWIND [l IN links WHERE NOT l.live] AS l
    WITH n, l.link AS sf, l.src AS src
${keepAsRetractedSource}
  }
${retireUnsupported}
RETURN entities, relationships, rels, retired`;

/**
 * The import's sources, last: retired when an import created them (not a
 * mutation or the seed), no import but retracted ones recorded them, and no
 * current entity cites them any more.
 */
export const retractImportSourcesCypher = `
UNWIND $ids AS id
MATCH (src:Source {id: id})
WHERE src.retiredOn IS NULL
  AND NOT EXISTS { MATCH (src)-[:RECORDED_IN]->(other:Import) WHERE NOT other.id IN $retracted }
  AND EXISTS { MATCH (:Import {id: src.createdBy}) }
  AND NOT EXISTS { MATCH (m:Entity)-[:SOURCED_FROM]->(src) WHERE m.retiredOn IS NULL }
${retireEntity('src', retracted)}
RETURN count(src) AS entities, 0 AS relationships, [] AS rels, [] AS retired`;

export const sourceForRetractCypher = `
MATCH (src:Entity {id: $id})
RETURN ${nodeType('src')} AS type, src.retiredOn AS retiredOn, src.retractedAt AS retractedAt`;

/** Sources that no longer support anything: retired (a retracted source is retired). */
export const retiredSourcesCypher = `
MATCH (src:Source) WHERE src.retiredOn IS NOT NULL OR src.retractingAt IS NOT NULL
RETURN collect(src.id) AS ids`;

export const startSourceRetractionCypher = `
MATCH (src:Source {id: $id})
SET src.retractingAt = coalesce(src.retractingAt, datetime()), src.retractedBy = $by, src.retractReason = $reason`;

export const finishSourceRetractionCypher = `
MATCH (src:Source {id: $id})
${retireEntity('src', { ...retracted, retiredOn: 'coalesce(src.retiredOn, $retiredOn)' })}, src.retractedAt = datetime()
REMOVE src.retractingAt
RETURN src.retractedAt AS retractedAt`;

/** The next `$limit` current entities citing the source, after `$after` in id order. */
export const sourceEntityPageCypher = `
MATCH (n:Entity)-[:SOURCED_FROM]->(:Source {id: $id})
WHERE n.id > $after AND n.retiredOn IS NULL
WITH n ORDER BY n.id LIMIT $limit
RETURN collect(n.id) AS ids`;

/**
 * The next `$limit` entities, after `$after` in id order, at either end of a
 * relationship that still cites the source: after the entities citing it,
 * what is left are relationships whose ends no longer cite it (a retirement
 * citation; an entity whose link to it was retracted with an import).
 * A scan of the relationships, as no index holds `sources`; a source's
 * retraction is rare and these are few.
 */
export const sourceRelationshipPageCypher = `
MATCH (n:Entity)-[r]-(:Entity)
WHERE n.id > $after AND $id IN coalesce(r.sources, [])
WITH DISTINCT n ORDER BY n.id LIMIT $limit
RETURN collect(n.id) AS ids`;

/** What a batch touches besides its own entities: the other ends of their relationships that cite the source. */
export const sourceNeighboursCypher = neighboursWhere('$id IN coalesce(r.sources, [])');

/**
 * One batch of a source's retraction, under the locks of `$ids`: the
 * relationships citing it lose it (retired when they were current and no
 * current source is left; a retired one keeps its retirement), then the
 * entities (retired when no other current source).
 */
export const retractSourceBatchCypher = `
${forgetRowHashes}
CALL (batch) {
  UNWIND batch AS n
  MATCH (n)-[r]-()
  WHERE $id IN coalesce(r.sources, [])
  WITH DISTINCT r, r.retiredOn IS NULL AND none(s IN r.sources WHERE s <> $id AND NOT s IN $retiredSources) AS unsupported
  SET r.sources = [s IN r.sources WHERE s <> $id], r.retractedSources = coalesce(r.retractedSources, []) + $id
  WITH r WHERE unsupported
  ${retireRelationships}
}
CALL (batch) {
  UNWIND batch AS n
  MATCH (n)-[sf:SOURCED_FROM]->(src:Source {id: $id})
  WHERE n.retiredOn IS NULL
  WITH n, sf, src, EXISTS {
    MATCH (n)-[:SOURCED_FROM]->(other:Source) WHERE other <> src AND NOT other.id IN $retiredSources
  } AS supported
  CALL (n, sf, src, supported) {
    WITH n, sf, src WHERE supported
${keepAsRetractedSource}
  }
${retireUnsupported}
RETURN entities, relationships, rels, retired`;
