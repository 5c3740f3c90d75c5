import type { Resolvers } from '../generated/resolvers.js';
import { readById } from '../read/read.js';
import { CITIES } from './cityCodes.js';

const cityIdByCode = new Map(CITIES.map((c) => [c.code, c.id]));

export const cityResolvers: Resolvers = {
  Query: {
    city: (_parent, { code }, ctx, info) => readById(ctx, info, cityIdByCode.get(code.trim()) ?? code, 'City'),
  },
};
