import { assertInRange, badUserInput } from '../errors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { load, prime } from '../neo4j/batch.js';
import { entityById, type EntityRow } from '../node/node.cypher.js';
import { entity } from '../node/node.loaders.js';
import {
  type GraphNodeRow,
  MAX_DEPTH,
  MAX_HOPS,
  MAX_NEIGHBORHOOD_NODES,
  neighborhoodOps,
  searchOp,
  shortestPathOps,
} from './graph.cypher.js';
import { MAX_SEARCH_LENGTH, toLuceneQuery } from './luceneQuery.js';

const MAX_SEARCH_RESULTS = 50;

/** An entity as a graph node, the same as the `graphNode` projection in graph.cypher.ts makes it. */
function graphNodeOf(row: EntityRow): GraphNodeRow {
  const label = row.name ?? row.title ?? row.code ?? (row.statement as string | null | undefined) ?? row.id;
  const year =
    row.type === 'Partnership' && typeof row.startedOn === 'string'
      ? Number(row.startedOn.slice(0, 4))
      : row.type === 'Pledge' && typeof row.targetYear === 'number'
        ? row.targetYear
        : null;
  return { id: row.id, type: row.type, label, year };
}

export const graphResolvers: Resolvers = {
  Query: {
    search: async (_parent, { text, types, first }, ctx) => {
      if (text.length > MAX_SEARCH_LENGTH) {
        throw badUserInput(`"text" must be at most ${MAX_SEARCH_LENGTH} characters, but has ${text.length}.`, {
          argument: 'text',
          value: `${text.slice(0, 40)}…`,
          allowed: `1..${MAX_SEARCH_LENGTH} characters`,
        });
      }
      const limit = assertInRange(first ?? 10, 1, MAX_SEARCH_RESULTS, 'first');
      const query = toLuceneQuery(text);
      if (!query) return [];
      const hits = await load(ctx.loader, searchOp, { query, types: types?.length ? types : null, first: limit });
      for (const hit of hits) prime(ctx.loader, entityById, hit.node.id, hit.node);
      return hits;
    },
    shortestPath: async (_parent, { from, to, maxHops }, ctx) => {
      const hops = assertInRange(maxHops ?? MAX_HOPS, 1, MAX_HOPS, 'maxHops');
      if (from === to) {
        const row = await entity(ctx, from);
        if (!row) return null;
        return { length: 0, nodes: [graphNodeOf(row)], edges: [] };
      }
      const path = await load(ctx.loader, shortestPathOps[hops]!, { from, to });
      if (!path) return null;
      return { length: path.edges.length, nodes: path.nodes, edges: path.edges.map((e) => ({ ...e, sourceIds: e.sourceIds ?? [] })) };
    },
    neighborhood: async (_parent, { id, depth, limit }, ctx) => {
      const d = assertInRange(depth ?? 1, 1, MAX_DEPTH, 'depth');
      const cap = assertInRange(limit ?? 200, 1, MAX_NEIGHBORHOOD_NODES, 'limit');
      const result = await load(ctx.loader, neighborhoodOps[d]!, { id, limit: cap });
      if (!result) return null;
      return { ...result, edges: result.edges.map((e) => ({ ...e, sourceIds: e.sourceIds ?? [] })) };
    },
  },
  SearchHit: {
    node: (hit) => hit.node,
  },
};
