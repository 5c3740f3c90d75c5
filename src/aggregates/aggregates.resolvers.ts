import { cachedByGraphVersion } from '../derived/figuresCache.js';
import type { Resolvers } from '../generated/resolvers.js';
import { load } from '../neo4j/batch.js';
import { readRequired } from '../read/read.js';
import {
  headquartersCountryActivityOp,
  partnershipKindActivityOp,
  pledgeTimelineOp,
  provinceActivityOp,
} from './aggregates.cypher.js';

/** A share in 0..1, or null when there is nothing to share out. */
const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export const aggregatesResolvers: Resolvers = {
  Query: {
    // Each field of Aggregates loads its own op (cached by graph version); asking for none reads nothing.
    aggregates: () => ({}),
  },
  Aggregates: {
    byProvince: (_parent, _args, ctx) => cachedByGraphVersion(ctx, 'provinceActivityOp', () => load(ctx.loader, provinceActivityOp, null)),
    byHeadquartersCountry: (_parent, _args, ctx) => cachedByGraphVersion(ctx, 'headquartersCountryActivityOp', () => load(ctx.loader, headquartersCountryActivityOp, null)),
    byPartnershipKind: (_parent, _args, ctx) => cachedByGraphVersion(ctx, 'partnershipKindActivityOp', () => load(ctx.loader, partnershipKindActivityOp, null)),
    pledgeTimeline: (_parent, _args, ctx) => cachedByGraphVersion(ctx, 'pledgeTimelineOp', () => load(ctx.loader, pledgeTimelineOp, null)),
  },
  ProvinceActivity: {
    province: (row, _args, ctx, info) => readRequired(ctx, info, row.provinceId, 'Province'),
    foreignCompanyShare: (row) => share(row.foreignCompanies, row.companies),
    foreignPartnershipShare: (row) => share(row.foreignPartnerships, row.partnerships),
  },
  HeadquartersCountryActivity: {
    country: (row, _args, ctx, info) => readRequired(ctx, info, row.countryId, 'Country'),
  },
};
