import type { Resolvers } from '../generated/resolvers.js';
import { readById } from '../read/read.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkPartnership } from './partnership.write.js';

export const partnershipMutations: Resolvers = {
  Mutation: {
    recordPartnership: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'recordPartnership', input }, (c, raw) =>
        planOf('partnerships', checkPartnership(c, raw)),
      );
      return readCommitted('the partnership', () => readById(ctx, info, input.id, 'Partnership'));
    },
  },
  Participant: {
    retiredOn: (row) => (row as { retiredOn?: string | null }).retiredOn ?? null,
  },
};
