import type { Resolvers } from '../generated/resolvers.js';
import { compiledType } from '../read/compile.js';
import { readById } from '../read/read.js';

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_parent, { id }, ctx, info) => readById(ctx, info, id),
  },
  Node: {
    __resolveType: (value) => compiledType(value) as 'Company',
  },
};
