import { cachedByGraphVersion } from '../derived/figuresCache.js';
import type { Resolvers } from '../generated/resolvers.js';
import { load } from '../neo4j/batch.js';
import { requiredEntity } from '../node/node.loaders.js';
import { graphStats } from './stats.cypher.js';

export const statsResolvers: Resolvers = {
  Query: {
    stats: (_parent, _args, ctx) => cachedByGraphVersion(ctx, 'stats', () => load(ctx.loader, graphStats, null)),
  },
  ProvinceStats: {
    province: (row, _args, ctx) => requiredEntity(ctx, row.provinceId, 'province'),
  },
};
