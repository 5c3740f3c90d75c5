import type { Resolvers } from '../generated/resolvers.js';
import { byId, readConnection } from '../read/read.js';
import { partnershipsConnection } from './partnership.cypher.js';

export const partnershipResolvers: Resolvers = {
  Query: {
    partnership: byId('Partnership'),
    partnerships: (_parent, args, ctx, info) => readConnection(ctx, info, args, partnershipsConnection({ kind: args.where?.kind ?? null })),
  },
};
