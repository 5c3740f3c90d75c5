import type { Resolvers } from '../generated/resolvers.js';
import { readRequired } from '../read/read.js';
import { writeMutation, planOf } from '../write/mutation.js';
import { checkPartnership } from '../write/rows.js';

export const partnershipMutations: Resolvers = {
  Mutation: {
    recordPartnership: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'recordPartnership', input }, (c, raw) =>
        planOf('partnerships', checkPartnership(c, raw)),
      );
      return readRequired(ctx, info, input.id, 'Partnership');
    },
  },
  Participant: {
    retiredOn: (row) => (row as { retiredOn?: string | null }).retiredOn ?? null,
  },
};
