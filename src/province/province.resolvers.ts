import provinces from '../../seed/reference/provinces.json' with { type: 'json' };
import type { Resolvers } from '../generated/resolvers.js';
import { readById, readList } from '../read/read.js';
import { allByCode } from './province.cypher.js';

const provinceIdByCode = new Map(provinces.map((p) => [p.code, p.id]));

export const provinceResolvers: Resolvers = {
  Query: {
    province: (_parent, { code }, ctx, info) => readById(ctx, info, provinceIdByCode.get(code.toUpperCase()) ?? code, 'Province'),
    provinces: (_parent, _args, ctx, info) => readList(ctx, info, allByCode('Province')),
    country: (_parent, { code }, ctx, info) => readById(ctx, info, code.toUpperCase(), 'Country'),
    countries: (_parent, _args, ctx, info) => readList(ctx, info, allByCode('Country')),
  },
};
