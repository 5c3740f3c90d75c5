/**
 * Cypher for exports. Only `Entity` nodes and the relationships between them
 * are exported: migrations, API keys and pledge versions are bookkeeping,
 * not part of the graph. Every read takes `$ids` (null for the whole graph).
 * Retired entities and relationships are history, not the current graph: no
 * export holds them (they stay readable by id through the API).
 */
import { FOLDED_TEXT, foldedName } from '../read/foldedText.js';
import { DOMAIN_RELATIONSHIPS } from '../graph/graph.cypher.js';
import { foreignExpression, nodeLabel as label, nodeType } from '../node/node.cypher.js';

export const MAX_EXPORT_DEPTH = 3;


/**
 * The ids of everything within `depth` domain relationships of `$id`, ring
 * by ring (a variable-length pattern would enumerate paths, not nodes), plus
 * the sources those nodes cite. Null when `$id` is unknown. Only ids are
 * held; the nodes themselves are streamed afterwards.
 */
export function neighbourhoodIdsCypher(depth: number): string {
  const ring = `
CALL {
  WITH seen, frontier
  UNWIND frontier AS x
  MATCH (x)-[r:${DOMAIN_RELATIONSHIPS}]-(m:Entity)
  WHERE NOT m IN seen AND r.retiredOn IS NULL AND m.retiredOn IS NULL
  RETURN collect(DISTINCT m) AS next
}
WITH seen + next AS seen, next AS frontier`;
  return `
OPTIONAL MATCH (a:Entity {id: $id}) WHERE a.retiredOn IS NULL
WITH a, [a] AS seen, [a] AS frontier
${Array.from({ length: depth }, () => ring).join('\n')}
CALL {
  WITH seen
  UNWIND seen AS n
  MATCH (n)-[:SOURCED_FROM]->(s:Source)
  WHERE NOT s IN seen AND s.retiredOn IS NULL
  RETURN collect(DISTINCT s) AS sources
}
RETURN CASE WHEN seen[0] IS NULL THEN null ELSE [n IN seen + sources | n.id] END AS ids`;
}

/**
 * Properties that serve the database only (the text the full-text index reads
 * aliases from, the hashes that let a re-import skip unchanged rows, the
 * lower-cased twins case-insensitive filters read): they never leave it.
 */
export const INTERNAL_PROPERTIES: ReadonlySet<string> = new Set([
  'aliasText',
  'importHash',
  'importParentHash',
  ...Object.values(FOLDED_TEXT).flatMap((fields) => fields.map(foldedName)),
]);

/** The provenance relationship that `provenance=false` leaves out, keeping the source ids on each node instead. */
export const PROVENANCE_RELATIONSHIP = 'SOURCED_FROM';

/** Property names and their Cypher value types, per node type: GraphML, GEXF and CSV declare columns before any row. */
export const nodePropertyTypes = `
MATCH (n:Entity)
WHERE ($ids IS NULL OR n.id IN $ids) AND n.retiredOn IS NULL
UNWIND keys(n) AS key
WITH n, key WHERE NOT key IN $internal
RETURN ${nodeType('n')} AS type, key, collect(DISTINCT valueType(n[key])) AS valueTypes`;

export const relationshipPropertyTypes = `
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids)) AND NOT type(r) IN ['ACTIVE_IN', 'RETRACTED_SOURCE'] AND ($provenance OR type(r) <> '${PROVENANCE_RELATIONSHIP}')
  AND r.retiredOn IS NULL AND a.retiredOn IS NULL AND b.retiredOn IS NULL
UNWIND keys(r) AS key
RETURN key, collect(DISTINCT valueType(r[key])) AS valueTypes`;

/**
 * Every node, in id order; `$type` narrows to one node type. Streamed by the
 * caller, never collected. Companies also carry their headquarters country
 * and whether they are foreign (the API's rule); with `$provenance` false
 * every node carries the ids of the sources it cites.
 */
export const nodes = `
MATCH (n:Entity)
WHERE ($ids IS NULL OR n.id IN $ids) AND ($type IS NULL OR $type IN labels(n)) AND n.retiredOn IS NULL
RETURN n.id AS id, ${nodeType('n')} AS type, ${label('n')} AS label, properties(n) AS properties,
  CASE WHEN n:Company THEN {
    country: [(n)-[:HEADQUARTERED_IN]->(c:Country) | c.code][0],
    foreign: ${foreignExpression('n')}
  } END AS company,
  CASE WHEN $provenance THEN null
    ELSE COLLECT { MATCH (n)-[:${PROVENANCE_RELATIONSHIP}]->(s:Source) WHERE s.retiredOn IS NULL RETURN s.id ORDER BY s.id }
  END AS sources
ORDER BY id`;

/** Every relationship between two exported nodes, grouped by start node; ACTIVE_IN is derived (src/derived/), not a fact. */
export const relationships = `
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids)) AND NOT type(r) IN ['ACTIVE_IN', 'RETRACTED_SOURCE'] AND ($provenance OR type(r) <> '${PROVENANCE_RELATIONSHIP}')
  AND r.retiredOn IS NULL AND a.retiredOn IS NULL AND b.retiredOn IS NULL
RETURN elementId(r) AS key, a.id AS from, b.id AS to, type(r) AS type, properties(r) AS properties`;
