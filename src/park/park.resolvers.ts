import type { Resolvers } from '../generated/resolvers.js';
import { provinceCode } from '../province/provinceCodes.js';
import { shortFormAnchor } from '../read/anchor.js';
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
          provinces: shortFormAnchor(args.where, 'province', (value, argument) => provinceCode(value as string, argument)),
          status: args.where?.status ?? null,
        }),
      ),
  },
};
