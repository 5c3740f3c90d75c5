import type { Resolvers } from '../generated/resolvers.js';
import { entityMutation } from '../write/mutation.js';
import { checkPark } from './park.write.js';

export const parkMutations: Resolvers = {
  Mutation: {
    upsertPark: entityMutation({ action: 'upsertPark', kind: 'parks', type: 'Park', check: checkPark }),
  },
};
