import { assertInRange, badUserInput } from '../errors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { load } from '../neo4j/batch.js';
import { readList } from '../read/read.js';
import {
  MAX_DEPTH,
  MAX_HOPS,
  MAX_NEIGHBORHOOD_NODES,
  graphNodeById,
  neighborhoodOps,
  searchStatement,
  shortestPathOps,
} from './graph.cypher.js';
import { MAX_SEARCH_LENGTH, toLuceneQuery } from './luceneQuery.js';

const MAX_SEARCH_RESULTS = 50;

export const graphResolvers: Resolvers = {
  Query: {
    search: async (_parent, { text, types, first }, ctx, info) => {
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
      return readList(ctx, info, searchStatement(query, types?.length ? types : null, limit)) as never;
    },
    shortestPath: async (_parent, { from, to, maxHops }, ctx) => {
      const hops = assertInRange(maxHops ?? MAX_HOPS, 1, MAX_HOPS, 'maxHops');
      if (from === to) {
        const node = await load(ctx.loader, graphNodeById, from);
        return node ? { length: 0, nodes: [node], edges: [] } : null;
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
};
