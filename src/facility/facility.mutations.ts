import type { Resolvers } from '../generated/resolvers.js';
import { entityMutation } from '../write/mutation.js';
import { checkFacility } from './facility.write.js';

export const facilityMutations: Resolvers = {
  Mutation: {
    upsertFacility: entityMutation({ action: 'upsertFacility', kind: 'facilities', type: 'Facility', check: checkFacility }),
  },
};
