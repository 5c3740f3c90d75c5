import type { Resolvers } from '../generated/resolvers.js';
import { readById } from '../read/read.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkDesignation, checkProgram } from './program.write.js';

export const programMutations: Resolvers = {
  Mutation: {
    recordProgram: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'recordProgram', input }, (c, raw) => planOf('programs', checkProgram(c, raw)));
      return readCommitted('the program', () => readById(ctx, info, input.id, 'Program'));
    },
    recordDesignation: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'recordDesignation', input }, (c, raw) => planOf('designations', checkDesignation(c, raw)));
      return readCommitted('the designation', () => readById(ctx, info, input.id, 'Designation'));
    },
  },
};
