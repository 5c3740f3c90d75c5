import type { Resolvers } from '../generated/resolvers.js';
import { entityOfType } from '../node/node.loaders.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkFacility } from '../write/rows.js';

export const facilityMutations: Resolvers = {
  Mutation: {
    upsertFacility: async (_parent, { input }, ctx) => {
      await writeMutation(ctx, { role: 'editor', action: 'upsertFacility', input }, (c, raw) =>
        planOf('facilities', checkFacility(c, raw)),
      );
      return readCommitted('the facility', () => entityOfType(ctx, input.id, 'Facility'));
    },
  },
};
