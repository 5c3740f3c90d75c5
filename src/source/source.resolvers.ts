import type { Resolvers } from '../generated/resolvers.js';
import { readById, readConnection } from '../read/read.js';
import { sourcesConnection } from './source.cypher.js';

export const sourceResolvers: Resolvers = {
  Query: {
    source: (_parent, { id }, ctx, info) => readById(ctx, info, id, 'Source'),
    sources: (_parent, args, ctx, info) => readConnection(ctx, info, args, sourcesConnection),
  },
};
