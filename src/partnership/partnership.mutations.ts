import type { Resolvers } from '../generated/resolvers.js';
import { entityOfType } from '../node/node.loaders.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkPartnership } from '../write/rows.js';

export const partnershipMutations: Resolvers = {
  Mutation: {
    recordPartnership: async (_parent, { input }, ctx) => {
      await writeMutation(ctx, { role: 'editor', action: 'recordPartnership', input }, (c, raw) =>
        planOf('partnerships', checkPartnership(c, raw)),
      );
      return readCommitted('the partnership', () => entityOfType(ctx, input.id, 'Partnership'));
    },
  },
  Participant: {
    retiredOn: (row) => (row as { retiredOn?: string | null }).retiredOn ?? null,
  },
};
