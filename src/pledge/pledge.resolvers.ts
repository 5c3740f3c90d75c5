import { assertInRange } from '../errors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { loadConnection } from '../neo4j/connection.js';
import { entityList, entityOfType, requiredEntity } from '../node/node.loaders.js';
import { pledgesConnection } from './pledge.cypher.js';

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

function year(value: number | null | undefined, argument: string): number | null {
  return value === null || value === undefined ? null : assertInRange(value, MIN_YEAR, MAX_YEAR, argument, 'a year');
}

export const pledgeResolvers: Resolvers = {
  Query: {
    pledge: (_parent, { id }, ctx) => entityOfType(ctx, id, 'Pledge'),
    pledges: (_parent, { where, first, after }, ctx) =>
      loadConnection(
        ctx.loader,
        pledgesConnection,
        {
          lte: year(where?.targetYearLte, 'where.targetYearLte'),
          gte: year(where?.targetYearGte, 'where.targetYearGte'),
          kind: where?.kind ?? null,
          status: where?.status ?? null,
        },
        { first, after },
        'root',
      ),
  },
  Pledge: {
    kind: (row) => row.kind as 'NET_ZERO',
    status: (row) => row.status as 'ANNOUNCED',
    pledger: (row, _args, ctx) => requiredEntity(ctx, row.pledgerId, 'pledger'),
    partnerships: (row, { first }, ctx) => entityList(ctx, row.partnershipIds, first),
    sources: (row, { first }, ctx) => entityList(ctx, row.sourceIds, first),
  },
  Pledger: {
    __resolveType: (row) => row.type as 'Company',
  },
};
