import type { Resolvers } from '../generated/resolvers.js';
import { entity } from './node.loaders.js';

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_parent, { id }, ctx) => entity(ctx, id),
  },
  Node: {
    __resolveType: (row) => row.type,
  },
};
