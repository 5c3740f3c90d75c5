/**
 * The Cypher of the derived facts: which companies a write can affect, how
 * their `foreign` flag and their ACTIVE_IN relationships are recomputed, the
 * graph version every write transaction bumps, and the full recomputation
 * that the rebuild command and the tests compare against.
 *
 * The rules (stated once, here):
 * - `Company.foreign`: the company, or a company up its chain of parent links,
 *   is headquartered outside mainland China (code other than CN).
 * - `(c:Company)-[:ACTIVE_IN {kinds, facilities}]->(pr:Province)`: c takes
 *   part in a partnership located in pr (through its own province or one of
 *   its parks; `kinds` are those partnerships' kinds, sorted), or operates a
 *   facility in pr (`facilities: true`).
 * Both follow current facts only: a retired relationship, or a retired
 * partnership, park, facility or ancestor company on the way, does not count,
 * and a retired company is active nowhere.
 */

/** The relationship types the foreign rule follows. */
export const FOREIGN_LINK_TYPES = ['SUBSIDIARY_OF', 'HEADQUARTERED_IN'] as const;

/** The relationship types the ACTIVE_IN rule follows. */
export const ACTIVITY_LINK_TYPES = ['PARTICIPATES_IN', 'OPERATES', 'LOCATED_IN', 'CONCERNS'] as const;

/** Every relationship type derived data follows: retiring a relationship of another type changes no derived fact. */
export const DERIVED_LINK_TYPES = [...FOREIGN_LINK_TYPES, ...ACTIVITY_LINK_TYPES];

/** A list of relationship types as a Cypher list literal (the types are ours, never input). */
const typeList = (types: readonly string[]) => `[${types.map((t) => `'${t}'`).join(', ')}]`;

/** A path's links and the nodes after its start are all current (not retired). */
const current = (path: string) =>
  `all(r IN relationships(${path}) WHERE r.retiredOn IS NULL) AND all(x IN nodes(${path})[1..] WHERE x.retiredOn IS NULL)`;

/** The foreign rule for company `c`, read from the graph (not from the stored flag). */
export const foreignRule = (c: string) =>
  `EXISTS { MATCH path = (${c})-[:SUBSIDIARY_OF*0..]->(:Company)-[:HEADQUARTERED_IN]->(hq:Country) WHERE hq.code <> 'CN' AND ${current('path')} }`;

/**
 * The provinces company `c` is active in, with the partnership kinds and
 * whether a facility makes it: one row `{province, kinds, facilities}` per
 * province (a list expression, so a company active nowhere, or retired, gives []).
 */
export const activityRule = (c: string) => `CASE WHEN ${c}.retiredOn IS NOT NULL THEN [] ELSE COLLECT {
  CALL (${c}) {
    MATCH path = (${c})-[:PARTICIPATES_IN]->(p:Partnership)-[:LOCATED_IN]->(pr:Province) WHERE ${current('path')}
    RETURN pr, p.kind AS kind, false AS facility
    UNION
    MATCH path = (${c})-[:PARTICIPATES_IN]->(p:Partnership)-[:CONCERNS]->(:Park)-[:LOCATED_IN]->(pr:Province) WHERE ${current('path')}
    RETURN pr, p.kind AS kind, false AS facility
    UNION
    MATCH path = (${c})-[:OPERATES]->(:Facility)-[:LOCATED_IN]->(pr:Province) WHERE ${current('path')}
    RETURN pr, null AS kind, true AS facility
  }
  WITH pr, kind, facility ORDER BY pr.code, kind
  WITH pr, [k IN collect(kind) WHERE k IS NOT NULL] AS kinds, any(f IN collect(facility) WHERE f) AS facilities
  RETURN {province: pr, kinds: reduce(acc = [], k IN kinds | CASE WHEN k IN acc THEN acc ELSE acc + k END), facilities: facilities}
} END`;

/**
 * The companies whose derived facts can depend on the entities `$ids`:
 * `roots`, companies whose foreign flag (and their subsidiaries') may change;
 * `active`, companies whose ACTIVE_IN may change. Run before and after a
 * write, so that a link the write removes (a facility's old operator) counts.
 * A company's own row never changes its ACTIVE_IN (the rule reads the
 * partnerships, parks and facilities after it), so a touched company is a
 * root but not `active` by itself (recomputing it was most of the derived
 * work of an import's company batches), unless it is retired: a retired
 * company is active nowhere.
 */
export const AFFECTED_COMPANIES = `
UNWIND $ids AS id
MATCH (x:Entity {id: id})
CALL (x) {
  WITH x WHERE x:Company RETURN x AS c, true AS root
  UNION
  WITH x WHERE x:Company AND x.retiredOn IS NOT NULL RETURN x AS c, false AS root
  UNION
  MATCH (c:Company)-[:PARTICIPATES_IN]->(x:Partnership) RETURN c, false AS root
  UNION
  MATCH (c:Company)-[:PARTICIPATES_IN]->(:Partnership)-[:CONCERNS]->(x:Park) RETURN c, false AS root
  UNION
  MATCH (c:Company)-[:OPERATES]->(x:Facility) RETURN c, false AS root
}
RETURN collect(DISTINCT CASE WHEN root THEN c.id END) AS roots, collect(DISTINCT CASE WHEN NOT root THEN c.id END) AS active`;

/**
 * The relationships `r` (retired by the statement) that derived data
 * follows, collected as `{from, type}`, each pair once (a company's many
 * participations are one entry): the `$rels` of RETIREMENT_AFFECTS.
 */
export const retiredDerivedLinks = (r: string) =>
  `collect(DISTINCT CASE WHEN type(${r}) IN ${typeList(DERIVED_LINK_TYPES)} THEN {from: startNode(${r}).id, type: type(${r})} END)`;

/**
 * The companies whose derived facts a write that only retires (a
 * retraction batch) can change, from what it retired (`$rels`: the
 * relationships derived data follows, as `{from, type}`, retiredDerivedLinks;
 * `$retired`: the entity ids). These are exactly the companies the rules
 * above reach through a retired fact; unlike AFFECTED_COMPANIES for whole
 * touched entities, a co-participant of a company whose own participation
 * is retired is not one of them, and a company retired by an earlier batch
 * is active nowhere already.
 * - roots (foreign, recomputed with their subsidiaries): retired companies
 *   and the companies whose parent or headquarters link was retired;
 * - active (ACTIVE_IN): retired companies; companies whose participation or
 *   operation was retired; the participants of a retired partnership or one
 *   whose location (province, park) link was retired, of partnerships
 *   concerning a retired park or one whose province link was retired; the
 *   operators of a retired facility or one whose province link was retired.
 * A link from an entity the write retired adds nothing to what the entity
 * itself brings (a retired company is a root and active, a retired
 * partnership, park or facility has its companies followed), so such links
 * are left out, and the others are grouped by their start: each entity is
 * looked up, and each company listed, once (a batch that retires whole
 * entities gave most companies a dozen times). The companies it retired
 * are active as they are, without a read; any other company reached is, when
 * current (a retired one is in `$retired` or was active nowhere already).
 */
export const RETIREMENT_AFFECTS = `
CALL {
  UNWIND $rels AS rel
  WITH rel WHERE NOT rel.from IN $retired
  WITH rel.from AS from, collect(rel.type) AS types
  MATCH (a:Entity {id: from})
  RETURN collect({a: a, id: from, types: types}) AS links
}
CALL {
  UNWIND $retired AS id
  MATCH (x:Entity {id: id})
  WITH x, id, CASE WHEN x:Company THEN 'Company' WHEN x:Partnership THEN 'Partnership' WHEN x:Park THEN 'Park' WHEN x:Facility THEN 'Facility' END AS label
  RETURN collect(CASE label WHEN 'Company' THEN id END) AS companies, collect(CASE label WHEN 'Partnership' THEN x END) AS retiredPartnerships,
    collect(CASE label WHEN 'Park' THEN x END) AS retiredParks, collect(CASE label WHEN 'Facility' THEN x END) AS retiredFacilities
}
WITH links, companies,
  companies + [l IN links WHERE any(t IN l.types WHERE t IN ${typeList(FOREIGN_LINK_TYPES)}) | l.id] AS roots,
  retiredPartnerships + [l IN links WHERE any(t IN l.types WHERE t IN ['LOCATED_IN', 'CONCERNS']) AND l.a:Partnership | l.a] AS partnerships,
  retiredParks + [l IN links WHERE 'LOCATED_IN' IN l.types AND l.a:Park | l.a] AS parks,
  retiredFacilities + [l IN links WHERE 'LOCATED_IN' IN l.types AND l.a:Facility | l.a] AS facilities
CALL (links, partnerships, parks, facilities) {
  CALL (links, partnerships, parks, facilities) {
    UNWIND [l IN links WHERE any(t IN l.types WHERE t IN ['PARTICIPATES_IN', 'OPERATES']) | l.a] AS c
    RETURN c
    UNION ALL
    UNWIND partnerships AS p
    MATCH (c:Company)-[:PARTICIPATES_IN]->(p)
    RETURN c
    UNION ALL
    UNWIND parks AS pk
    MATCH (c:Company)-[:PARTICIPATES_IN]->(:Partnership)-[:CONCERNS]->(pk)
    RETURN c
    UNION ALL
    UNWIND facilities AS f
    MATCH (c:Company)-[:OPERATES]->(f)
    RETURN c
  }
  WITH DISTINCT c
  WITH c WHERE c.retiredOn IS NULL
  RETURN collect(c.id) AS current
}
RETURN roots, companies + current AS active`;

/** Recomputes `foreign` for the companies `$roots` and every company below them. */
export const RECOMPUTE_FOREIGN = `
UNWIND $roots AS id
MATCH (root:Entity {id: id}) WHERE root:Company
MATCH (c:Company)-[:SUBSIDIARY_OF*0..]->(root)
WITH DISTINCT c
WITH c, ${foreignRule('c')} AS foreign
WHERE c.foreign IS NULL OR c.foreign <> foreign
SET c.foreign = foreign
RETURN count(c) AS changed`;

/** Makes the ACTIVE_IN relationships of the companies `$active` (those that are retired, with `onlyRetired`) what the rule says. */
const recomputeActiveIn = (onlyRetired: boolean) => `
UNWIND $active AS id
MATCH (c:Entity {id: id}) WHERE c:Company${onlyRetired ? ' AND c.retiredOn IS NOT NULL' : ''}
WITH c, ${activityRule('c')} AS wanted
CALL (c, wanted) {
  MATCH (c)-[a:ACTIVE_IN]->(pr:Province)
  WHERE NOT pr IN [w IN wanted | w.province]
  DELETE a
}
CALL (c, wanted) {
  UNWIND wanted AS w
  WITH c, w, w.province AS pr
  MERGE (c)-[a:ACTIVE_IN]->(pr)
  WITH a, w WHERE a.kinds IS NULL OR a.kinds <> w.kinds OR a.facilities IS NULL OR a.facilities <> w.facilities
  SET a.kinds = w.kinds, a.facilities = w.facilities
}
RETURN count(c) AS companies`;

/** Makes the ACTIVE_IN relationships of the companies `$active` what the rule says. */
export const RECOMPUTE_ACTIVE_IN = recomputeActiveIn(false);

/**
 * RECOMPUTE_ACTIVE_IN for those of the companies `$active` that are retired:
 * what AFFECTED_COMPANIES makes `active` of a write that touches companies
 * alone (a company's own row or parent link changes no ACTIVE_IN but a
 * retired company's), without reading the affected companies first.
 */
export const RECOMPUTE_RETIRED_ACTIVE_IN = recomputeActiveIn(true);

/** The companies in id order after `$after` (null: from the start), `$limit` at a time, for the rebuild. */
export const COMPANY_ID_PAGE = `
MATCH (c:Company) WHERE $after IS NULL OR c.id > $after
WITH c ORDER BY c.id LIMIT $limit
RETURN collect(c.id) AS ids`;

/** Recomputes `foreign` for the companies `$ids` alone (the rebuild walks every company, so no subsidiaries). */
export const REBUILD_FOREIGN = `
UNWIND $ids AS id
MATCH (c:Entity {id: id}) WHERE c:Company
WITH c, ${foreignRule('c')} AS foreign
WHERE c.foreign IS NULL OR c.foreign <> foreign
SET c.foreign = foreign
RETURN count(c) AS changed`;

/** ACTIVE_IN of anything but a company, to a province, is not derived data: the rebuild removes it. */
export const REMOVE_STRAY_ACTIVE_IN = `
MATCH (a)-[r:ACTIVE_IN]->(b) WHERE NOT (a:Company AND b:Province)
DELETE r
RETURN count(r) AS removed`;

/**
 * Every company whose stored facts differ from a full recomputation: the
 * referee of the maintenance (tests and `derived:rebuild --check`).
 */
export const DERIVED_MISMATCHES = `
MATCH (c:Company)
WITH c, ${foreignRule('c')} AS foreign, ${activityRule('c')} AS wanted,
  COLLECT { MATCH (c)-[a:ACTIVE_IN]->(pr:Province) WITH a, pr ORDER BY pr.code RETURN {province: pr.code, kinds: a.kinds, facilities: a.facilities} } AS stored
WITH c, foreign, [w IN wanted | {province: w.province.code, kinds: w.kinds, facilities: w.facilities}] AS wanted, stored
WHERE c.foreign IS NULL OR c.foreign <> foreign OR wanted <> stored
RETURN c.id AS id, c.foreign AS storedForeign, foreign, stored, wanted
ORDER BY id LIMIT 20`;

/**
 * Bumps the graph version, the key of every whole-graph figure's cache.
 * `epoch` is new whenever the version node is (a wiped and reloaded
 * database), so a cache never mistakes one graph for another.
 */
export const BUMP_GRAPH_VERSION = `
MERGE (v:GraphVersion {id: 'graph'})
ON CREATE SET v.epoch = randomUUID(), v.version = 0
SET v.version = v.version + 1
RETURN v.epoch AS epoch, v.version AS version`;

/** The current graph version; none before the first write. */
export const READ_GRAPH_VERSION = `
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
RETURN v.epoch AS epoch, v.version AS version`;
