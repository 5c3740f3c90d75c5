/**
 * The write statements: each takes `$rows` (see rows.ts) and `$by` (the
 * credential's stamp) and is idempotent, MERGEing by id, so that a mutation
 * writes one row and the import writes batches of thousands with the same
 * Cypher. Every node written is linked (SOURCED_FROM) to the row's source and
 * every relationship written gets the source appended to its `sources`.
 *
 * Import rows carry `s.hash` (src/import/rowHash.ts), stored as `importHash`;
 * rows without one (mutations) remove it, so a stored hash always describes
 * the facts as they are.
 */
import { setFoldedTwins } from '../read/foldedText.js';
import { nodeType } from '../node/node.cypher.js';
import { REMOVED_AT, REMOVED_LINKS } from '../changes/changeLog.cypher.js';

/**
 * Explicit revive (`$revive`: the mutation's `revive: true`, the import's
 * `--revive`): a retired entity or relationship the write states becomes
 * current again, with who revived it, when and from which source; the
 * retirement it ends is kept as wasRetiredOn/wasRetractedWith. Without
 * `$revive` a write leaves retirement as it is (mutations refuse to write a
 * retired entity: src/provenance/revive.ts).
 */
const reviveRelationship = (r: string, revive: string) =>
  `FOREACH (_ IN CASE WHEN ${revive} AND ${r}.retiredOn IS NOT NULL THEN [1] ELSE [] END |
  SET ${r}.revivedAt = datetime(), ${r}.revivedBy = $by, ${r}.revivedSource = s.source, ${r}.wasRetiredOn = ${r}.retiredOn, ${r}.wasRetractedWith = ${r}.retractedWith
  REMOVE ${r}.retiredOn, ${r}.retiredAt, ${r}.retiredBy, ${r}.retiredReason, ${r}.retractedWith)`;

/** Revives the entity `n` (see reviveRelationship). */
export const reviveEntity = `FOREACH (_ IN CASE WHEN $revive AND n.retiredOn IS NOT NULL THEN [1] ELSE [] END |
  SET n.revivedAt = datetime(), n.revivedBy = $by, n.revivedSource = coalesce(s.source, s.id), n.wasRetiredOn = n.retiredOn, n.wasRetractedWith = n.retractedWith,
    n.updatedAt = datetime(), n.updatedBy = $by
  REMOVE n.retiredOn, n.retiredAt, n.retiredBy, n.retiredReason, n.retractedWith)`;

/**
 * Appends `s.source` to `r.sources` and the writer's stamp (`$by`: an import
 * id, a key's name and id, `seed`) to `r.recordedBy`, each unless it is there
 * already: `recordedBy` is who asserted the relationship, which retracting an
 * import reads (src/provenance/). A relationship cited before recordedBy
 * existed counts as recorded by `unrecorded`, a support no retraction removes.
 * A relationship cited for the first time (no `sources` yet: just MERGEd)
 * gets `createdAt`, which the change log reads (src/changes/).
 */
export const cite = (r = 'r', revive = '$revive') =>
  `${reviveRelationship(r, revive)}
SET ${citation(r)}`;

/**
 * cite()'s assignments, in one SET: each reads only the values from before
 * it (`sources` is assigned last), so they may run in any order.
 */
const citation = (r: string) => `${r}.createdAt = CASE WHEN ${r}.sources IS NULL THEN coalesce(${r}.createdAt, datetime()) ELSE ${r}.createdAt END,
  ${r}.recordedBy = CASE WHEN $by IN coalesce(${r}.recordedBy, []) THEN ${r}.recordedBy WHEN ${r}.recordedBy IS NULL AND ${r}.sources IS NOT NULL THEN ['unrecorded', $by] ELSE coalesce(${r}.recordedBy, []) + $by END,
  ${r}.sources = CASE WHEN s.source IN coalesce(${r}.sources, []) THEN ${r}.sources ELSE coalesce(${r}.sources, []) + s.source END`;

/**
 * MERGEs the relationship `pattern` (named `r`) and cites the source as
 * cite() does; one it creates gets cite()'s values for a relationship
 * without any (createdAt now, recorded by `$by`, the row's source) without
 * being read, and cannot be retired, so revive is a no-op for it.
 */
export const mergeCited = (pattern: string) => `MERGE ${pattern}
  ON CREATE SET r.createdAt = datetime(), r.recordedBy = [$by], r.sources = [s.source]
  ON MATCH SET ${citation('r')}
  ${reviveRelationship('r', '$revive')}`;

/**
 * Whether the row's MERGE created its entity `n` (upsert carries it as
 * `createdNow`): MERGE's ON CREATE sets this flag and the same statement
 * removes it at once, so no other statement ever reads it. (Comparing
 * createdAt with datetime() would not do: the statement clock counts
 * milliseconds, which two statements of one transaction, such as the seed's
 * writes of one record per source, can share.) Such an entity has no
 * relationship but those this row's statement gives it: no other
 * transaction sees it before this one commits, and a statement is given each
 * id once (writeRows, src/write/write.ts). A relationship the row adds to it
 * therefore cannot exist yet and is CREATEd (linkCited), without the check
 * MERGE makes, which counts the relationships of both ends (a company's, a
 * province's) and was most of a first import's relationship cost.
 */
const JUST_CREATED = 'justCreated';

/**
 * mergeCited() for a relationship at the entity `n` of upsert: CREATEd with
 * MERGE's creation values when `createdNow`, MERGEd otherwise; `set` are
 * further assignments (e.g. `r.role = x.role`). Needs `createdNow` in scope.
 */
export const linkCited = (pattern: string, set = '') => `FOREACH (_ IN CASE WHEN createdNow THEN [1] ELSE [] END |
  CREATE ${pattern} SET r.createdAt = datetime(), r.recordedBy = [$by], r.sources = [s.source]${set ? `, ${set}` : ''})
FOREACH (_ IN CASE WHEN createdNow THEN [] ELSE [1] END |
  ${mergeCited(pattern)}${set ? `\n  SET ${set}` : ''})`;

/**
 * Links `n` to its source `src` and records the writer's stamp on the link
 * (`recordedBy`, as cite() does for relationships); a link from before
 * recordedBy existed counts as recorded by `unrecorded`. The row's quote
 * (src/source/quotes.ts), when it has one, is kept on the link; a row
 * without one leaves an earlier quote as it is.
 */
export const sourcedFrom = (n: string, src: string) =>
  `MERGE (${n})-[sf:SOURCED_FROM]->(${src})
  ON CREATE SET sf.recordedBy = [$by], sf.quote = s.quote
  ON MATCH SET sf.recordedBy = CASE WHEN $by IN coalesce(sf.recordedBy, []) THEN sf.recordedBy ELSE coalesce(sf.recordedBy, ['unrecorded']) + $by END,
    sf.quote = coalesce(s.quote, sf.quote)
  ${reviveRelationship('sf', '$revive')}`;

/** sourcedFrom() for the entity `n` of upsert: CREATEd when `createdNow` (see JUST_CREATED). */
const sourcedFromUpserted = (src: string) => `FOREACH (_ IN CASE WHEN createdNow THEN [1] ELSE [] END |
  CREATE (n)-[sf:SOURCED_FROM]->(${src}) SET sf.recordedBy = [$by], sf.quote = s.quote)
FOREACH (_ IN CASE WHEN createdNow THEN [] ELSE [1] END |
  ${sourcedFrom('n', src)})`;

/**
 * Whether writing the row `s` updates the entity `n` (before its props are
 * set): one never stamped updatedAt (just created) always does, without its
 * properties being read; any other when a property differs. The comparison
 * stops at the first difference.
 */
export const updatesEntity = `CASE WHEN n.updatedAt IS NULL THEN true
  ELSE any(k IN keys(s.props) WHERE NOT (n[k] = s.props[k]) OR (n[k] IS NULL) <> (s.props[k] IS NULL)) END`;

/**
 * MERGEs `n` by id with its label, sets the given properties, stamps
 * createdAt/By on creation and updatedAt/By when a property actually
 * changed (so that importing the same file twice changes nothing).
 */
export const upsert = (label: string, options: { unwind?: boolean; carry?: string } = {}) => {
  const carry = options.carry ?? '';
  return `
${options.unwind === false ? '' : 'UNWIND $rows AS s'}
MERGE (n:Entity {id: s.id})
ON CREATE SET n:${label}, n.createdAt = datetime(), n.createdBy = $by, n.${JUST_CREATED} = true
WITH n, s${carry}, ${updatesEntity} AS updates, n.${JUST_CREATED} IS NOT NULL AS createdNow
REMOVE n.${JUST_CREATED}
SET n += s.props, n.importHash = s.hash
${setFoldedTwins(label, 'n')}
FOREACH (_ IN CASE WHEN updates THEN [1] ELSE [] END |
  SET n.updatedAt = datetime(), n.updatedBy = $by)
${reviveEntity}
WITH n, s, createdNow${carry}
CALL {
  WITH n, s, createdNow
  MATCH (src:Entity {id: s.source}) WHERE src:Source AND src <> n
  ${sourcedFromUpserted('src')}
}`;
};

/**
 * Deletes the to-one link `gone` (the old one, when a row names another
 * target or clears it), noting it on `n` for the change log: a deleted
 * relationship leaves no stamp to find it by. appendChanges, last in the
 * same transaction, turns the note into a REMOVED change and clears it.
 */
const removeLink = `FOREACH (_ IN CASE WHEN gone IS NULL THEN [] ELSE [1] END |
    SET n.${REMOVED_LINKS} = coalesce(n.${REMOVED_LINKS}, []) + [type(gone) + ' ' + startNode(gone).id + ' ' + endNode(gone).id], n.${REMOVED_AT} = datetime())
  DELETE gone`;

/**
 * Sets a single-valued link from `n` (e.g. a park's province): removes a
 * link of this type to anything else, MERGEs the new one and cites the source
 * (an entity just created has no other link to remove: linkCited).
 */
export const singleLink = (when: string, target: string, pattern: string, old: string) => `
CALL {
  WITH n, s, createdNow
  WITH n, s, createdNow WHERE ${when}
  MATCH ${target}
  CALL { WITH n, t, createdNow WITH n, t WHERE NOT createdNow OPTIONAL MATCH ${old} WHERE other <> t ${removeLink} }
  ${linkCited(pattern)}
}`;

/** A park's or facility's province: the row names one, which replaces any other. */
export const provinceLink = singleLink('true', '(t:Province {code: s.province})', '(n)-[r:LOCATED_IN]->(t)', '(n)-[gone:LOCATED_IN]->(other)');

/** A park's or facility's city (rows.ts InCity): link to the City, or remove the link when the city is cleared. */
export const cityLink = `
${singleLink('s.cityId IS NOT NULL', '(t:Entity {id: s.cityId}) WHERE t:City', '(n)-[r:IN_CITY]->(t)', '(n)-[gone:IN_CITY]->(other)')}
CALL {
  WITH n, s, createdNow
  WITH n, s WHERE s.cityGiven AND s.cityId IS NULL AND NOT createdNow
  OPTIONAL MATCH (n)-[gone:IN_CITY]->()
  ${removeLink}
}`;

/** Whether the row states term `t` otherwise than the entity `old` holds it, a missing value included. */
const termChanged = (t: string) => `coalesce(NOT (old.${t} = s.props.${t}), (old.${t} IS NULL) <> (s.props.${t} IS NULL))`;

/**
 * Upserts entities whose terms are kept with their history (pledges,
 * designations): when one of its `terms` changed, or the entity is new, the current
 * version (a `versionLabel` node keyed by `versionKey`) is closed and a new
 * one opened with the row's `terms`. With `baseline`, an entity written
 * before versions existed first gets a version of its stored terms.
 * datetime() is one instant per statement, so the old version's validTo
 * equals the new one's validFrom.
 */
export function versionedUpsert(v: { label: string; versionLabel: string; versionKey: string; terms: string[]; baseline?: boolean }): string {
  const baseline = v.baseline
    ? `
CALL {
  WITH s, old, changedTerms
  WITH old WHERE old IS NOT NULL AND changedTerms AND NOT EXISTS { (old)-[:HAS_VERSION]->(:${v.versionLabel}) }
  CREATE (old)-[:HAS_VERSION]->(:${v.versionLabel} {
    ${v.versionKey}: old.id, ${v.terms.map((t) => `${t}: old.${t}`).join(', ')},
    validFrom: old.createdAt, sources: [(old)-[:SOURCED_FROM]->(x:Source) | x.id], recordedBy: old.createdBy})
}`
    : '';
  return `UNWIND $rows AS s
OPTIONAL MATCH (old:Entity {id: s.id}) WHERE old:${v.label}
WITH s, old, old IS NULL OR ${v.terms.map(termChanged).join(' OR ')} AS changedTerms${baseline}
CALL {
  WITH old, changedTerms
  WITH old WHERE old IS NOT NULL AND changedTerms
  MATCH (old)-[:HAS_VERSION]->(v:${v.versionLabel}) WHERE v.validTo IS NULL
  SET v.validTo = datetime()
}
WITH s, changedTerms
${upsert(v.label, { unwind: false, carry: ', changedTerms' })}
CALL {
  WITH n, s, changedTerms
  WITH n, s WHERE changedTerms
  CREATE (n)-[:HAS_VERSION]->(:${v.versionLabel} {
    ${v.versionKey}: n.id, ${v.terms.map((t) => `${t}: s.props.${t}`).join(', ')},
    validFrom: datetime(), sources: [s.source], recordedBy: $by})
}`;
}

/** Type (label) of every id given, null for unknown ids; countries are found by code, which is their id. */
export const entityTypesCypher = `
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, ${nodeType('n')} AS type`;

/** Current (not retired) parent links on the chains above the given companies. */
export const parentChainsCypher = `
UNWIND $ids AS id
MATCH (c:Entity {id: id})-[rs:SUBSIDIARY_OF*1..50]->(:Company)
WHERE c:Company
  AND all(r IN rs WHERE r.retiredOn IS NULL)
UNWIND rs AS r
RETURN DISTINCT startNode(r).id AS child, endNode(r).id AS parent`;

/**
 * What the graph holds for the ids `$ids` an import defines: the type (null
 * for unknown ids) and the row hashes stored by earlier imports
 * (src/import/rowHash.ts), `parentHash` for a company's parent link. A
 * retired entity has none: a row for it is never skipped as unchanged (so
 * `--revive` can revive it).
 */
export const storedRowsOf = (ids: string) => `
UNWIND ${ids} AS id
OPTIONAL MATCH (n:Entity {id: id})
WITH id, n, n.retiredOn IS NULL AS current
RETURN id, ${nodeType('n')} AS type, CASE WHEN current THEN n.importHash END AS hash, CASE WHEN current THEN n.importParentHash END AS parentHash,
  datetime.realtime() AS lockedAt`;

export const storedRowsCypher = storedRowsOf('$ids');
