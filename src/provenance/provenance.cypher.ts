/**
 * How provenance is read: imports, their files, and facts (an entity or a
 * relationship, with the stamps that recorded it) for `Source.facts` and
 * `Import.facts`.
 *
 * A fact is read as a map `{sort, id, kind, node, rel, retiredOn, shownRetired}`:
 * `id` and `sort` are the entity's id, or `from type to` for a relationship,
 * so that facts page by keyset like every connection; `retiredOn` is what the
 * connection filters on (null when retired facts are asked for too), the
 * fact's own is read from the entity or relationship.
 */
import { property, type ConnectionRead, type FieldRead, type TypeRead } from '../read/compile.js';

const upper = (value: unknown): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

/** The map of an entity fact `n` (a node variable). */
const entityFact = (n: string, include: string, quote: string) =>
  `{sort: ${n}.id, id: ${n}.id, kind: 'ENTITY', node: ${n}, rel: null, quote: ${quote}, retiredOn: CASE WHEN ${include} THEN null ELSE ${n}.retiredOn END}`;

/** The map of a relationship fact `r` from `a` to `b`. */
const relationshipFact = (a: string, r: string, b: string, include: string, quote: string) =>
  `{sort: ${a}.id + ' ' + type(${r}) + ' ' + ${b}.id, id: ${a}.id + ' ' + type(${r}) + ' ' + ${b}.id, kind: 'RELATIONSHIP', node: null, rel: ${r}, quote: ${quote},
    retiredOn: CASE WHEN ${include} THEN null ELSE coalesce(${r}.retiredOn, ${a}.retiredOn, ${b}.retiredOn) END}`;

/**
 * The facts of a source or an import: the entities linked to it by `link`
 * (SOURCED_FROM, RECORDED_IN) and, next to them, the relationships that
 * `cites(owner, r)` says it supports.
 */
function factsOf(link: string, cites: (owner: string, r: string) => string): FieldRead {
  return (o, field, c) => {
    const include = c.param(field.args.includeRetired === true);
    const [n, a, r, b, l] = [c.fresh('n'), c.fresh('a'), c.fresh('r'), c.fresh('b'), c.fresh('l')];
    // The quote of the citation (src/source/quotes.ts) is on the entity's source link; a relationship the
    // entity's row wrote is stated by the same words. Imports carry no quotes of their own.
    const quote = `${l}.quote`;
    const read: ConnectionRead = {
      sort: (x) => `${x}.sort`,
      candidates: (x) => `
CALL (${o}) {
  MATCH (${n}:Entity)-[${l}:${link}]->(${o})
  RETURN ${entityFact(n, include, quote)} AS ${x}
  UNION
  MATCH (${n}:Entity)-[${l}:${link}]->(${o})
  MATCH (${n})-[${r}]->(${b}:Entity) WHERE ${cites(o, r)}
  RETURN ${relationshipFact(n, r, b, include, quote)} AS ${x}
  UNION
  MATCH (${n}:Entity)-[${l}:${link}]->(${o})
  MATCH (${a}:Entity)-[${r}]->(${n}) WHERE ${cites(o, r)}
  RETURN ${relationshipFact(a, r, n, include, quote)} AS ${x}
}`,
    };
    return c.connection(read, field);
  };
}

/** A relationship's stamps, or an entity's: those on its source links and the imports it is RECORDED_IN. */
const recordedBy = (x: string) => `CASE WHEN ${x}.rel IS NOT NULL THEN coalesce(${x}.rel.recordedBy, ['unrecorded'])[..100] ELSE COLLECT {
  WITH ${x}.node AS e
  CALL (e) {
    MATCH (e)-[l:SOURCED_FROM|RETRACTED_SOURCE]->() UNWIND coalesce(l.recordedBy, ['unrecorded']) AS stamp RETURN stamp
    UNION
    MATCH (e)-[:RECORDED_IN]->(i:Import) RETURN i.id AS stamp
  }
  RETURN stamp ORDER BY stamp LIMIT 100
} END`;

export const factRead: TypeRead = {
  kind: property('kind'),
  quote: property('quote'),
  entity: (x, field, c) => c.one((e) => `UNWIND [${x}.node] AS ${e} WITH ${e} WHERE ${e} IS NOT NULL`, field),
  relationship: (x, field, c) => {
    const projection = c.object(`${x}.rel`, 'FactRelationship', field.nodes);
    return { cypher: `CASE WHEN ${x}.rel IS NULL THEN null ELSE ${projection.cypher} END`, decode: projection.decode };
  },
  recordedBy: (x) => ({ cypher: recordedBy(x), decode: (v) => v ?? [] }),
  imports: (x, field, c) =>
    c.many((i) => `UNWIND ${recordedBy(x)} AS stamp MATCH (${i}:Import {id: stamp})`, field),
  retiredOn: (x) => ({ cypher: `coalesce(${x}.node.retiredOn, ${x}.rel.retiredOn)`, decode: (v) => v }),
  retiredReason: (x) => ({ cypher: `coalesce(${x}.node.retiredReason, ${x}.rel.retiredReason)`, decode: (v) => v }),
  retractedWith: (x) => ({ cypher: `coalesce(${x}.node.retractedWith, ${x}.rel.retractedWith)`, decode: (v) => v }),
};

/** `r` is a relationship expression (`x.rel`): its ends are read with startNode/endNode. */
export const factRelationshipRead: TypeRead = {
  type: (r) => ({ cypher: `type(${r})`, decode: (v) => v }),
  from: (r, field, c) => c.one((e) => `WITH startNode(${r}) AS ${e}`, field),
  to: (r, field, c) => c.one((e) => `WITH endNode(${r}) AS ${e}`, field),
  sourceIds: (r) => ({ cypher: `coalesce(${r}.sources, [])[..100]`, decode: (v) => v ?? [] }),
  retractedSourceIds: (r) => ({ cypher: `coalesce(${r}.retractedSources, [])[..100]`, decode: (v) => v ?? [] }),
};

/** `f` is a map {name, sha256, records}. */
export const importFileRead: TypeRead = {
  name: property('name'),
  sha256: property('sha256'),
  records: property('records'),
};

export const importRead: TypeRead = {
  id: property('id'),
  by: property('by'),
  startedAt: property('startedAt'),
  endedAt: property('endedAt'),
  status: (i) => ({ cypher: `${i}.status`, decode: upper }),
  files: (i, field, c) => {
    const f = c.fresh('f');
    const k = c.fresh('k');
    const inner = c.object(f, 'ImportFile', field.nodes);
    return {
      cypher: `COLLECT { UNWIND range(0, size(coalesce(${i}.files, [])) - 1) AS ${k} WITH {name: ${i}.files[${k}], sha256: ${i}.sha256[${k}], records: ${i}.records[${k}]} AS ${f} LIMIT 1000 RETURN ${inner.cypher} }`,
      decode: (v) => ((v as unknown[] | null) ?? []).map(inner.decode),
    };
  },
  rows: property('rows'),
  rowsCommitted: property('rowsCommitted'),
  error: property('error'),
  retractedAt: property('retractedAt'),
  retractedBy: property('retractedBy'),
  retractReason: property('retractReason'),
  facts: factsOf('RECORDED_IN', (o, r) => `${o}.id IN coalesce(${r}.recordedBy, [])`),
};

/** Source.facts, added to the source's read. */
export const sourceFactsRead: FieldRead = factsOf('SOURCED_FROM', (o, r) => `${o}.id IN coalesce(${r}.sources, [])`);

/** All imports, in id order (the order they started in: ids begin with the start time). */
export const importsConnection: ConnectionRead = {
  sort: (x) => `${x}.id`,
  unique: true,
  candidates: (x) => `MATCH (${x}:Import)`,
};

/** One import by id, for `import(id:)`: `project` maps the node variable to the selection's projection. */
export const importByIdStatement = (id: string) => (c: { param: (v: unknown) => string }, project: (node: string) => string) => `
OPTIONAL MATCH (i:Import {id: ${c.param(id)}})
RETURN CASE WHEN i IS NULL THEN [] ELSE [${project('i')}] END AS result`;
