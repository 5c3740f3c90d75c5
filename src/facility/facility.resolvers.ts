import type { Resolvers } from '../generated/resolvers.js';
import { entity, entityList, entityOfType, requiredEntity } from '../node/node.loaders.js';

export const facilityResolvers: Resolvers = {
  Query: {
    facility: (_parent, { id }, ctx) => entityOfType(ctx, id, 'Facility'),
  },
  Facility: {
    kind: (row) => row.kind as 'PLANT',
    products: (row) => (row.products as string[] | null) ?? [],
    province: (row, _args, ctx) => requiredEntity(ctx, row.provinceId, 'province of facility'),
    park: (row, _args, ctx) => entity(ctx, row.parkId),
    operator: (row, _args, ctx) => entity(ctx, row.operatorId),
    sources: (row, { first }, ctx) => entityList(ctx, row.sourceIds, first),
  },
};
