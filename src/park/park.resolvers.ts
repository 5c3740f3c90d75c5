import type { Resolvers } from '../generated/resolvers.js';
import { loadConnection } from '../neo4j/connection.js';
import { entityList, entityOfType, requiredEntity } from '../node/node.loaders.js';
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
    partnerships: (row, { first }, ctx) => entityList(ctx, row.partnershipIds, first),
    pledges: (row, { first }, ctx) => entityList(ctx, row.pledgeIds, first),
    facilities: (row, { first }, ctx) => entityList(ctx, row.facilityIds, first),
    sources: (row, { first }, ctx) => entityList(ctx, row.sourceIds, first),
  },
};
