import type { Resolvers } from '../generated/resolvers.js';
import { readRequired } from '../read/read.js';
import { writeMutation, planOf } from '../write/mutation.js';
import { checkFacility } from '../write/rows.js';

export const facilityMutations: Resolvers = {
  Mutation: {
    upsertFacility: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'upsertFacility', input }, (c, raw) =>
        planOf('facilities', checkFacility(c, raw)),
      );
      return readRequired(ctx, info, input.id, 'Facility');
    },
  },
};
