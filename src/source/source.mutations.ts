import type { Resolvers } from '../generated/resolvers.js';
import { readById } from '../read/read.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkSource } from './source.write.js';

export const sourceMutations: Resolvers = {
  Mutation: {
    // A source is its own provenance: it cites nothing.
    upsertSource: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'upsertSource', input, citesSource: false }, (c, raw) =>
        planOf('sources', checkSource(c, raw)),
      );
      return readCommitted('the source', () => readById(ctx, info, input.id, 'Source'));
    },
  },
};
