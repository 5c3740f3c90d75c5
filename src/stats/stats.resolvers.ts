import { cachedByGraphVersion } from '../derived/figuresCache.js';
import type { Resolvers } from '../generated/resolvers.js';
import { load } from '../neo4j/batch.js';
import { readRequired } from '../read/read.js';
import { graphStats } from './stats.cypher.js';

export const statsResolvers: Resolvers = {
  Query: {
    stats: (_parent, _args, ctx) => cachedByGraphVersion(ctx, 'stats', () => load(ctx.loader, graphStats, null)),
  },
  ProvinceStats: {
    province: (row, _args, ctx, info) => readRequired(ctx, info, row.provinceId, 'Province'),
  },
};
