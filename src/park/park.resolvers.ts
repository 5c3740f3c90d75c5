import type { Resolvers } from '../generated/resolvers.js';
import { loadConnection } from '../neo4j/connection.js';
import { entities, entityOfType, requiredEntity } from '../node/node.loaders.js';
import { assertProvinceCode } from '../province/provinceCodes.js';
import { parksConnection } from './park.cypher.js';

export const parkResolvers: Resolvers = {
  Query: {
    park: (_parent, { id }, ctx) => entityOfType(ctx, id, 'Park'),
    parks: (_parent, { where, first, after }, ctx) =>
      loadConnection(
        ctx.loader,
        parksConnection,
        {
          province: where?.province != null ? assertProvinceCode(where.province, 'where.province') : null,
          status: where?.status ?? null,
        },
        { first, after },
        'root',
      ),
  },
  Park: {
    aliases: (row) => row.aliases ?? [],
    province: (row, _args, ctx) => requiredEntity(ctx, row.provinceId, 'province of park'),
    partnerships: (row, _args, ctx) => entities(ctx, row.partnershipIds),
    pledges: (row, _args, ctx) => entities(ctx, row.pledgeIds),
    facilities: (row, _args, ctx) => entities(ctx, row.facilityIds),
    sources: (row, _args, ctx) => entities(ctx, row.sourceIds),
  },
};
