import provinces from '../../seed/reference/provinces.json' with { type: 'json' };
import { companies } from '../company/company.resolvers.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { load, prime } from '../neo4j/batch.js';
import { loadConnection } from '../neo4j/connection.js';
import { entityById, type EntityRow } from '../node/node.cypher.js';
import { entityList, entityOfType, requiredEntity } from '../node/node.loaders.js';
import { allCountries, allProvinces, provinceParks, provincePartnerships } from './province.cypher.js';

/** A whole reference list, priming the entity cache so nested fields cost no extra read. */
async function loadAll(ctx: Context, op: typeof allProvinces): Promise<EntityRow[]> {
  const rows = await load(ctx.loader, op, null);
  for (const row of rows) prime(ctx.loader, entityById, row.id, row);
  return rows;
}

const provinceIdByCode = new Map(provinces.map((p) => [p.code, p.id]));

export const provinceResolvers: Resolvers = {
  Query: {
    province: (_parent, { code }, ctx) => entityOfType(ctx, provinceIdByCode.get(code.toUpperCase()) ?? code, 'Province'),
    provinces: (_parent, _args, ctx) => loadAll(ctx, allProvinces),
    country: (_parent, { code }, ctx) => entityOfType(ctx, code.toUpperCase(), 'Country'),
    countries: (_parent, _args, ctx) => loadAll(ctx, allCountries),
  },
  Province: {
    code: (row) => row.code!,
    kind: (row) => row.kind as 'PROVINCE',
    country: (row, _args, ctx) => requiredEntity(ctx, row.countryId, 'country of province'),
    parks: (row, { first, after }, ctx) =>
      loadConnection(ctx.loader, provinceParks, { code: row.code }, { first, after }, 'nested'),
    companies: (row, { where, first, after }, ctx) =>
      companies(
        ctx,
        { foreign: where?.foreign ?? null, kind: where?.partnershipKind ?? null, province: row.code, country: null },
        { first, after },
        'nested',
      ),
    partnerships: (row, { where, first, after }, ctx) =>
      loadConnection(ctx.loader, provincePartnerships, { code: row.code, kind: where?.kind ?? null }, { first, after }, 'nested'),
    pledges: (row, { first }, ctx) => entityList(ctx, row.pledgeIds, first),
    sources: (row, { first }, ctx) => entityList(ctx, row.sourceIds, first),
  },
  Country: {
    code: (row) => row.code!,
    companies: (row, { first, after }, ctx) =>
      companies(ctx, { foreign: null, kind: null, province: null, country: row.code }, { first, after }, 'nested'),
    pledges: (row, { first }, ctx) => entityList(ctx, row.pledgeIds, first),
    sources: (row, { first }, ctx) => entityList(ctx, row.sourceIds, first),
  },
};
