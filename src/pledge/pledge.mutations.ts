import type { Resolvers } from '../generated/resolvers.js';
import { readById } from '../read/read.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkPledge } from './pledge.write.js';

export const pledgeMutations: Resolvers = {
  Mutation: {
    recordPledge: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'recordPledge', input }, (c, raw) => planOf('pledges', checkPledge(c, raw)));
      return readCommitted('the pledge', () => readById(ctx, info, input.id, 'Pledge'));
    },
  },
};
