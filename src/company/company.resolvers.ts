import type { Context } from '../context.js';
import type { CompanyWhere, Resolvers } from '../generated/resolvers.js';
import { loadConnection } from '../neo4j/connection.js';
import { entity, entityList, entityOfType, requiredEntity } from '../node/node.loaders.js';
import { assertCountryCode, assertProvinceCode } from '../province/provinceCodes.js';
import { companiesConnection, companyPartnerships } from './company.cypher.js';

export interface OwnershipRow {
  kind: 'SUBSIDIARY' | 'JOINT_VENTURE';
  sharePercent: number | null;
  parentId: string;
  sourceIds: string[] | null;
}

/** Validates a company filter and turns it into a connection key. */
export function companyFilter(where: CompanyWhere | null | undefined): Record<string, unknown> {
  return {
    foreign: where?.foreign ?? null,
    kind: where?.partnershipKind ?? null,
    province: where?.province != null ? assertProvinceCode(where.province, 'where.province') : null,
    country: where?.country != null ? assertCountryCode(where.country, 'where.country') : null,
  };
}

/** Companies matching a filter, as a connection. */
export function companies(
  ctx: Context,
  filter: Record<string, unknown>,
  args: { first?: number | null; after?: string | null },
  placement: 'root' | 'nested',
) {
  const ops = companiesConnection(filter as { province?: string; kind?: string; country?: string });
  return loadConnection(ctx.loader, ops, filter, args, placement);
}

export const companyResolvers: Resolvers = {
  Query: {
    company: (_parent, { id }, ctx) => entityOfType(ctx, id, 'Company'),
    companies: (_parent, { where, first, after }, ctx) => companies(ctx, companyFilter(where), { first, after }, 'root'),
  },
  Company: {
    aliases: (row) => row.aliases ?? [],
    foreign: (row) => row.foreign === true,
    country: (row, _args, ctx) => entity(ctx, row.countryId),
    parent: (row, _args, ctx) => entity(ctx, row.ownership?.parentId),
    ownership: (row) => (row.ownership as OwnershipRow | null) ?? null,
    subsidiaries: (row, { first }, ctx) => entityList(ctx, row.subsidiaryIds, first),
    partnerships: (row, { where, first, after }, ctx) =>
      loadConnection(ctx.loader, companyPartnerships, { companyId: row.id, kind: where?.kind ?? null }, { first, after }, 'nested'),
    facilities: (row, { first }, ctx) => entityList(ctx, row.facilityIds, first),
    pledges: (row, { first }, ctx) => entityList(ctx, row.pledgeIds, first),
    sources: (row, { first }, ctx) => entityList(ctx, row.sourceIds, first),
  },
  Ownership: {
    parent: (row, _args, ctx) => requiredEntity(ctx, row.parentId, 'parent company'),
    sourceIds: (row) => row.sourceIds ?? [],
  },
};
