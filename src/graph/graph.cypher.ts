import type { PartNames, SingleReadOp } from '../neo4j/batch.js';
import type { NodeType } from '../domains.js';
import { nodeLabel, nodeType } from '../node/node.cypher.js';
import type { Compiler, TypeRead } from '../read/compile.js';

/** The full-text index behind `search`, created by a migration. */
export const SEARCH_INDEX = 'entity_search';

/**
 * Relationships that paths and neighbourhoods follow. Provenance
 * (SOURCED_FROM) is left out: every fact cites a source, so through sources
 * everything would be two hops from everything else.
 */
export const DOMAIN_RELATIONSHIPS = [
  'HEADQUARTERED_IN',
  'SUBSIDIARY_OF',
  'PARTICIPATES_IN',
  'CONCERNS',
  'LOCATED_IN',
  'OPERATES',
  'IN_PARK',
  'PLEDGED',
  'CONTRIBUTES_TO',
  'PART_OF',
  'DESIGNATES',
  'UNDER',
].join('|');

/**
 * Full-text hits, best first: `project` maps the hit (its `node` and `score`
 * variables) to the projection of what the request selects of SearchHit.
 */
export const searchStatement =
  (query: string, types: NodeType[] | null, first: number) =>
  (c: Compiler, project: (hit: { node: string; score: string }) => string): string => `
CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', ${c.param(query)}) YIELD node AS found, score AS foundScore
// A city also finds what lies in it (沈阳 finds the parks in Shenyang), ranked just below the city.
CALL {
  WITH found, foundScore
  RETURN found AS node, foundScore AS hitScore
  UNION
  WITH found, foundScore
  MATCH (found:City)<-[:IN_CITY]-(inCity:Entity)
  RETURN inCity AS node, foundScore * 0.9 AS hitScore
}
// Retired entities stay readable by id but are not found.
WITH node, max(hitScore) AS score WHERE node.retiredOn IS NULL${types ? ` AND any(l IN labels(node) WHERE l IN ${c.param(types)})` : ''}
WITH node, score ORDER BY score DESC, node.id LIMIT ${c.param(first)}
RETURN collect(${project({ node: 'node', score: 'score' })}) AS result`;

export const searchHitRead: TypeRead<{ node: string; score: string }> = {
  score: ({ score }) => ({ cypher: score, decode: (v) => v }),
  node: ({ node }, field, c) => c.object(node, 'Node', field.nodes),
};

export interface GraphNodeRow {
  id: string;
  type: NodeType;
  label: string;
  year: number | null;
}

export interface GraphEdgeRow {
  type: string;
  from: string;
  to: string;
  sourceIds: string[] | null;
  retiredOn?: string | null;
}

/** A partnership's `startedOn` is a partial date ("2024", "2024-10", "2024-10-31"): its first four characters are the year. */
const graphNode = (n: string): string =>
  `{id: ${n}.id, type: ${nodeType(n)}, label: ${nodeLabel(n)}, ` +
  `year: CASE WHEN ${n}:Partnership THEN toInteger(left(${n}.startedOn, 4)) WHEN ${n}:Pledge THEN ${n}.targetYear END}`;
const graphEdge = (r: string): string =>
  `{type: type(${r}), from: startNode(${r}).id, to: endNode(${r}).id, sourceIds: ${r}.sources, retiredOn: ${r}.retiredOn}`;

/** One entity as a graph node, by id; null when there is none. */
export const graphNodeById: SingleReadOp<string, GraphNodeRow | null> = {
  name: 'graphNodeById',
  mode: 'single',
  statement: ({ key }) => ({
    cypher: `
OPTIONAL MATCH (n:Entity {id: ${key}})
RETURN CASE WHEN n IS NULL THEN null ELSE ${graphNode('n')} END AS result`,
  }),
};

export const MAX_HOPS = 6;

/** One op per hop bound: a variable-length pattern needs its bound as a literal. */
export const shortestPathOps: SingleReadOp<{ from: string; to: string }, { nodes: GraphNodeRow[]; edges: GraphEdgeRow[] } | null>[] =
  Array.from({ length: MAX_HOPS + 1 }, (_unused, hops) => ({
    name: `shortestPath:${hops}`,
    mode: 'single' as const,
    statement: ({ key }) => ({
      cypher: `
OPTIONAL MATCH (a:Entity {id: ${key}.from})
OPTIONAL MATCH (b:Entity {id: ${key}.to})
OPTIONAL MATCH p = shortestPath((a)-[:${DOMAIN_RELATIONSHIPS}*..${Math.max(hops, 1)}]-(b))
RETURN CASE WHEN p IS NULL THEN null ELSE {
  nodes: [n IN nodes(p) | ${graphNode('n')}],
  edges: [r IN relationships(p) | ${graphEdge('r')}]
} END AS result`,
    }),
  }));

export const MAX_DEPTH = 3;
export const MAX_NEIGHBORHOOD_NODES = 500;
/** Edges a neighbourhood returns at most: twice its node cap (`Subgraph.edges @maxItems`). */
export const MAX_NEIGHBORHOOD_EDGES = 2 * MAX_NEIGHBORHOOD_NODES;

/**
 * The neighbourhood of `key.id`, ring by ring up to the depth, each ring
 * capped at `limit` so that a hub (a province, a country) cannot blow up the read.
 */
function neighborhoodCypher(depth: number, { key, limit }: PartNames): string {
  const rings = Array.from({ length: depth }, (_unused, index) => index + 1);
  const seen = (ring: number) => ['[a]', ...rings.filter((r) => r < ring).map((r) => `l${r}`)].join(' + ');
  const ringQueries = rings
    .map((ring) => {
      const carried = ['a', ...rings.filter((r) => r < ring).map((r) => `l${r}`)].join(', ');
      const from = ring === 1 ? `WITH ${carried}, a AS x` : `UNWIND l${ring - 1} AS x`;
      return `CALL {
  WITH ${carried}
  ${from}
  MATCH (x)-[:${DOMAIN_RELATIONSHIPS}]-(m:Entity)
  WHERE NOT m IN ${seen(ring)}
  WITH DISTINCT m LIMIT ${limit}
  RETURN collect(m) AS l${ring}
}`;
    })
    .join('\n');
  return `
OPTIONAL MATCH (a:Entity {id: ${key}.id})
${ringQueries}
WITH a, ${seen(depth + 1)} AS found
WITH a, found[..${key}.limit] AS kept, size(found) > ${key}.limit AS truncated
CALL {
  WITH kept
  UNWIND kept AS x
  MATCH (x)-[r:${DOMAIN_RELATIONSHIPS}]->(y)
  WHERE y IN kept
  WITH r LIMIT ${MAX_NEIGHBORHOOD_EDGES + 1}
  RETURN collect(${graphEdge('r')}) AS edges
}
RETURN CASE WHEN a IS NULL THEN null ELSE {
  nodes: [n IN kept | ${graphNode('n')}],
  edges: edges[..${MAX_NEIGHBORHOOD_EDGES}],
  truncated: truncated OR size(edges) > ${MAX_NEIGHBORHOOD_EDGES}
} END AS result`;
}

export const neighborhoodOps: SingleReadOp<
  { id: string; limit: number },
  { nodes: GraphNodeRow[]; edges: GraphEdgeRow[]; truncated: boolean } | null
>[] = Array.from({ length: MAX_DEPTH + 1 }, (_unused, depth) => ({
  name: `neighborhood:${depth}`,
  mode: 'single' as const,
  limit: (key) => key.limit + 1,
  statement: (names) => ({ cypher: neighborhoodCypher(Math.max(depth, 1), names) }),
}));
