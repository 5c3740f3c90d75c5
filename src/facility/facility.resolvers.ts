import type { Resolvers } from '../generated/resolvers.js';
import { byId } from '../read/read.js';

export const facilityResolvers: Resolvers = {
  Query: {
    facility: byId('Facility'),
  },
};
