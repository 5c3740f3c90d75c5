import type { Resolvers } from '../generated/resolvers.js';
import { entityMutation } from '../write/mutation.js';
import { checkSource } from './source.write.js';

export const sourceMutations: Resolvers = {
  Mutation: {
    // A source is its own provenance: it cites nothing.
    upsertSource: entityMutation({ action: 'upsertSource', kind: 'sources', type: 'Source', check: checkSource, citesSource: false }),
  },
};
