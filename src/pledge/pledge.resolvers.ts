import { assertInRange } from '../errors.js';
import type { PledgeWhere, Resolvers } from '../generated/resolvers.js';
import { compiledType } from '../read/compile.js';
import { byId, readConnection } from '../read/read.js';
import { MAX_YEAR, MIN_YEAR } from '../scalars.js';
import { pledgesConnection } from './pledge.cypher.js';

function year(value: number | null | undefined, argument: string): number | null {
  return value === null || value === undefined ? null : assertInRange(value, MIN_YEAR, MAX_YEAR, argument, 'a year');
}

/** The pledges connection for a `where`: its year range, kind and status, when given, choose where the read starts. */
const pledgesWhere = (where: PledgeWhere | null | undefined) =>
  pledgesConnection({
    lte: year(where?.targetYearLte, 'where.targetYearLte'),
    gte: year(where?.targetYearGte, 'where.targetYearGte'),
    kind: where?.kind ?? null,
    status: where?.status ?? null,
  });

export const pledgeResolvers: Resolvers = {
  Query: {
    pledge: byId('Pledge'),
    pledges: (_parent, args, ctx, info) => readConnection(ctx, info, args, pledgesWhere(args.where)),
  },
  Pledger: {
    __resolveType: (value) => compiledType(value) as 'Company',
  },
};
