import type { Resolvers } from '../generated/resolvers.js';
import { entities, entityOfType, requiredEntity } from '../node/node.loaders.js';
import { CITIES } from './cityCodes.js';

const cityIdByCode = new Map(CITIES.map((c) => [c.code, c.id]));

export const cityResolvers: Resolvers = {
  Query: {
    city: (_parent, { code }, ctx) => entityOfType(ctx, cityIdByCode.get(code.trim()) ?? code, 'City'),
  },
  City: {
    code: (row) => row.code!,
    name: (row) => row.name!,
    kind: (row) => row.kind as 'CITY',
    province: (row, _args, ctx) => requiredEntity(ctx, row.provinceId, 'province of city'),
    sources: (row, _args, ctx) => entities(ctx, row.sourceIds),
  },
  Park: {
    prefectureCity: (row, _args, ctx) => (row.cityId ? entityOfType(ctx, row.cityId, 'City') : null),
  },
  Facility: {
    prefectureCity: (row, _args, ctx) => (row.cityId ? entityOfType(ctx, row.cityId, 'City') : null),
  },
};
