import type { Resolvers } from '../generated/resolvers.js';
import { readById, readConnection } from '../read/read.js';
import { partnershipsConnection } from './partnership.cypher.js';

export const partnershipResolvers: Resolvers = {
  Query: {
    partnership: (_parent, { id }, ctx, info) => readById(ctx, info, id, 'Partnership'),
    partnerships: (_parent, args, ctx, info) => readConnection(ctx, info, args, partnershipsConnection({ kind: args.where?.kind ?? null })),
  },
};
