import { assertInRange } from '../errors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { compiledType } from '../read/compile.js';
import { readById, readConnection } from '../read/read.js';
import { MAX_YEAR, MIN_YEAR } from '../scalars.js';
import { pledgesConnection } from './pledge.cypher.js';


function year(value: number | null | undefined, argument: string): number | null {
  return value === null || value === undefined ? null : assertInRange(value, MIN_YEAR, MAX_YEAR, argument, 'a year');
}

export const pledgeResolvers: Resolvers = {
  Query: {
    pledge: (_parent, { id }, ctx, info) => readById(ctx, info, id, 'Pledge'),
    pledges: (_parent, args, ctx, info) =>
      readConnection(
        ctx,
        info,
        args,
        pledgesConnection({
          lte: year(args.where?.targetYearLte, 'where.targetYearLte'),
          gte: year(args.where?.targetYearGte, 'where.targetYearGte'),
          kind: args.where?.kind ?? null,
          status: args.where?.status ?? null,
        }),
      ),
  },
  Pledger: {
    __resolveType: (value) => compiledType(value) as 'Company',
  },
};
