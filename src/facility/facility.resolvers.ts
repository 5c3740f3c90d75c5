import type { Resolvers } from '../generated/resolvers.js';
import { readById } from '../read/read.js';

export const facilityResolvers: Resolvers = {
  Query: {
    facility: (_parent, { id }, ctx, info) => readById(ctx, info, id, 'Facility'),
  },
};
