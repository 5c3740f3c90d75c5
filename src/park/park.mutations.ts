import type { Resolvers } from '../generated/resolvers.js';
import { entityOfType } from '../node/node.loaders.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkPark } from '../write/rows.js';

export const parkMutations: Resolvers = {
  Mutation: {
    upsertPark: async (_parent, { input }, ctx) => {
      await writeMutation(ctx, { role: 'editor', action: 'upsertPark', input }, (c, raw) => planOf('parks', checkPark(c, raw)));
      return readCommitted('the park', () => entityOfType(ctx, input.id, 'Park'));
    },
  },
};
