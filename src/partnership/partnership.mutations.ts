import type { Resolvers } from '../generated/resolvers.js';
import { entityMutation } from '../write/mutation.js';
import { checkPartnership } from './partnership.write.js';

export const partnershipMutations: Resolvers = {
  Mutation: {
    recordPartnership: entityMutation({ action: 'recordPartnership', kind: 'partnerships', type: 'Partnership', check: checkPartnership }),
  },
  Participant: {
    retiredOn: (row) => (row as { retiredOn?: string | null }).retiredOn ?? null,
  },
};
