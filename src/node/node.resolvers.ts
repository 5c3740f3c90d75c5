import type { Resolvers } from '../generated/resolvers.js';
import { compiledType } from '../read/compile.js';
import { readById } from '../read/read.js';

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_parent, { id }, ctx, info) => readById(ctx, info, id),
  },
  Node: {
    // A change's entity (src/changes/) may be a plain { __typename, id } from the log.
    __resolveType: (value) => (compiledType(value) ?? (value as { __typename?: string }).__typename) as 'Company',
  },
};
