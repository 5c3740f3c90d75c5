import type { Resolvers } from '../generated/resolvers.js';
import { readById, readConnection } from '../read/read.js';
import { programsConnection } from './program.cypher.js';

export const programResolvers: Resolvers = {
  Query: {
    program: (_parent, { id }, ctx, info) => readById(ctx, info, id, 'Program'),
    programs: (_parent, args, ctx, info) => readConnection(ctx, info, args, programsConnection),
  },
};
