import type { CompanyWhere, Resolvers } from '../generated/resolvers.js';
import { countryCode, provinceCode } from '../province/provinceCodes.js';
import { byId, readConnection } from '../read/read.js';
import { companiesConnection, type CompanyFilter } from './company.cypher.js';

/** Validates a company filter. */
export function companyFilter(where: CompanyWhere | null | undefined): CompanyFilter {
  return {
    foreign: where?.foreign ?? null,
    kind: where?.partnershipKind ?? null,
    province: where?.province != null ? provinceCode(where.province, 'where.province') : null,
    country: where?.country != null ? countryCode(where.country, 'where.country') : null,
  };
}

export const companyResolvers: Resolvers = {
  Query: {
    company: byId('Company'),
    companies: (_parent, args, ctx, info) => readConnection(ctx, info, args, companiesConnection(companyFilter(args.where))),
  },
};
