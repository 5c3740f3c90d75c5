import type { Resolvers } from '../generated/resolvers.js';
import { byId, readConnection } from '../read/read.js';
import { sourcesConnection } from './source.cypher.js';

export const sourceResolvers: Resolvers = {
  Query: {
    source: byId('Source'),
    sources: (_parent, args, ctx, info) => readConnection(ctx, info, args, sourcesConnection),
  },
};
