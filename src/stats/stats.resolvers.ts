import type { Resolvers } from '../generated/resolvers.js';
import { readRequired } from '../read/read.js';
import { projectedProvince, readStats } from './stats.read.js';

export const statsResolvers: Resolvers = {
  Query: {
    stats: (_parent, _args, ctx, info) => readStats(ctx, info),
  },
  ProvinceStats: {
    // Read with the figures; by itself only if a row ever comes without it.
    province: (row, _args, ctx, info) => (projectedProvince(row, info) as never) ?? readRequired(ctx, info, row.provinceId, 'Province'),
  },
};
