import type { Resolvers } from '../generated/resolvers.js';
import { entityMutation } from '../write/mutation.js';
import { checkPledge } from './pledge.write.js';

export const pledgeMutations: Resolvers = {
  Mutation: {
    recordPledge: entityMutation({ action: 'recordPledge', kind: 'pledges', type: 'Pledge', check: checkPledge }),
  },
};
