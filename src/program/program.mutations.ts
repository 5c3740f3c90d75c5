import type { Resolvers } from '../generated/resolvers.js';
import { entityMutation } from '../write/mutation.js';
import { checkDesignation, checkProgram } from './program.write.js';

export const programMutations: Resolvers = {
  Mutation: {
    recordProgram: entityMutation({ action: 'recordProgram', kind: 'programs', type: 'Program', check: checkProgram }),
    recordDesignation: entityMutation({ action: 'recordDesignation', kind: 'designations', type: 'Designation', check: checkDesignation }),
  },
};
