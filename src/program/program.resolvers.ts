import type { Resolvers } from '../generated/resolvers.js';
import { byId, readConnection } from '../read/read.js';
import { programsConnection } from './program.cypher.js';

export const programResolvers: Resolvers = {
  Query: {
    program: byId('Program'),
    programs: (_parent, args, ctx, info) => readConnection(ctx, info, args, programsConnection),
  },
};
