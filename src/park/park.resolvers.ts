import { assertInRange } from '../errors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { MAX_YEAR, MIN_YEAR } from '../pledge/pledge.resolvers.js';
import { assertProvinceCode } from '../province/provinceCodes.js';
import { readById, readConnection } from '../read/read.js';
import { parksConnection } from './park.cypher.js';

export const parkResolvers: Resolvers = {
  Query: {
    park: (_parent, { id }, ctx, info) => readById(ctx, info, id, 'Park'),
    parks: (_parent, args, ctx, info) =>
      readConnection(
        ctx,
        info,
        args,
        parksConnection({
          province: args.where?.province != null ? assertProvinceCode(args.where.province, 'where.province') : null,
          status: args.where?.status ?? null,
          designation: {
            program: args.where?.program ?? null,
            status: args.where?.designationStatus ?? null,
            year: args.where?.designatedIn != null ? assertInRange(args.where.designatedIn, MIN_YEAR, MAX_YEAR, 'where.designatedIn', 'a year') : null,
          },
        }),
      ),
  },
};
