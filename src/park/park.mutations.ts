import type { Resolvers } from '../generated/resolvers.js';
import { readById } from '../read/read.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkPark } from './park.write.js';

export const parkMutations: Resolvers = {
  Mutation: {
    upsertPark: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'upsertPark', input }, (c, raw) => planOf('parks', checkPark(c, raw)));
      return readCommitted('the park', () => readById(ctx, info, input.id, 'Park'));
    },
  },
};
