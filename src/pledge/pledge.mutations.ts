import type { Resolvers } from '../generated/resolvers.js';
import { load } from '../neo4j/batch.js';
import { entityOfType, firstIds } from '../node/node.loaders.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkPledge } from '../write/rows.js';
import { pledgeHistory } from './pledgeHistory.cypher.js';

export const pledgeMutations: Resolvers = {
  Mutation: {
    recordPledge: async (_parent, { input }, ctx) => {
      await writeMutation(ctx, { role: 'editor', action: 'recordPledge', input }, (c, raw) => planOf('pledges', checkPledge(c, raw)));
      return readCommitted('the pledge', () => entityOfType(ctx, input.id, 'Pledge'));
    },
  },
  Pledge: {
    history: async (row, { last }, ctx) => {
      const versions = await load(ctx.loader, pledgeHistory, row.id);
      return firstIds([...versions].reverse(), last, 'last').reverse();
    },
  },
};
