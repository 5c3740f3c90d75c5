import type { ParkWhere, Resolvers } from '../generated/resolvers.js';
import { provinceCode } from '../province/provinceCodes.js';
import { shortFormAnchor } from '../read/anchor.js';
import { byId, readConnection } from '../read/read.js';
import { parksConnection } from './park.cypher.js';

/** The parks connection for a `where`: its province and status, when given, choose where the read starts. */
const parksWhere = (where: ParkWhere | null | undefined) =>
  parksConnection({
    provinces: shortFormAnchor(where, 'province', (value, argument) => provinceCode(value as string, argument)),
    status: where?.status ?? null,
  });

export const parkResolvers: Resolvers = {
  Query: {
    park: byId('Park'),
    parks: (_parent, args, ctx, info) => readConnection(ctx, info, args, parksWhere(args.where)),
  },
};
