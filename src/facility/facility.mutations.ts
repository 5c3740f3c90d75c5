import type { Resolvers } from '../generated/resolvers.js';
import { readById } from '../read/read.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkFacility } from './facility.write.js';

export const facilityMutations: Resolvers = {
  Mutation: {
    upsertFacility: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'upsertFacility', input }, (c, raw) =>
        planOf('facilities', checkFacility(c, raw)),
      );
      return readCommitted('the facility', () => readById(ctx, info, input.id, 'Facility'));
    },
  },
};
