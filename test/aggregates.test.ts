/**
 * The aggregates analysts ask for, on the seed graph, with the numbers the
 * seed implies, and in one round trip however many of them a query asks for.
 */
import { describe, expect, it } from 'vitest';
import { bumpGraphVersion } from '../src/derived/maintainDerived.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

const ALL = /* GraphQL */ `
  query Aggregates {
    aggregates {
      byProvince {
        province { code }
        parks partnerships facilities pledges companies foreignCompanies
        foreignCompanyShare foreignPartnerships foreignPartnershipShare
      }
      byHeadquartersCountry { country { code } foreign companies partnerships facilities provinces pledges }
      byPartnershipKind { kind partnerships companies foreignCompanies provinces }
      pledgeTimeline { year pledges cumulative byKind { kind pledges } }
    }
  }
`;

describe('aggregates', () => {
  it('counts activity and the foreign share per province, only where there is any', async () => {
    const { data, errors } = await graph.execute(ALL);
    expect(errors).toBeUndefined();
    const row = (companies: number, extra: Record<string, number | null>) => ({
      companies,
      foreignCompanies: companies,
      foreignCompanyShare: companies ? 1 : null,
      ...extra,
    });
    expect(data!.aggregates.byProvince).toEqual([
      { province: { code: 'CN-GD' }, parks: 0, partnerships: 0, facilities: 1, pledges: 0, foreignPartnerships: 0, foreignPartnershipShare: null, ...row(1, {}) },
      { province: { code: 'CN-HB' }, parks: 0, partnerships: 2, facilities: 0, pledges: 0, foreignPartnerships: 2, foreignPartnershipShare: 1, ...row(1, {}) },
      { province: { code: 'CN-JS' }, parks: 0, partnerships: 0, facilities: 1, pledges: 0, foreignPartnerships: 0, foreignPartnershipShare: null, ...row(1, {}) },
      // BMW Brilliance is a joint venture of BMW Group (DE): foreign, though headquartered in CN.
      { province: { code: 'CN-LN' }, parks: 1, partnerships: 1, facilities: 1, pledges: 1, foreignPartnerships: 1, foreignPartnershipShare: 1, ...row(1, {}) },
    ]);
  });

  it('counts companies and their reach per headquarters country', async () => {
    const { data } = await graph.execute(ALL);
    expect(data!.aggregates.byHeadquartersCountry).toEqual([
      { country: { code: 'CN' }, foreign: false, companies: 1, partnerships: 1, facilities: 1, provinces: 1, pledges: 0 },
      { country: { code: 'DE' }, foreign: true, companies: 1, partnerships: 0, facilities: 0, provinces: 0, pledges: 0 },
      { country: { code: 'FR' }, foreign: true, companies: 1, partnerships: 2, facilities: 0, provinces: 1, pledges: 0 },
      { country: { code: 'JP' }, foreign: true, companies: 1, partnerships: 0, facilities: 2, provinces: 2, pledges: 1 },
    ]);
  });

  it('counts partnerships, companies and provinces per partnership kind', async () => {
    const { data } = await graph.execute(ALL);
    expect(data!.aggregates.byPartnershipKind).toEqual([
      { kind: 'CLEAN_ENERGY', partnerships: 1, companies: 1, foreignCompanies: 1, provinces: 1 },
      { kind: 'CO_BUILD', partnerships: 1, companies: 1, foreignCompanies: 1, provinces: 1 },
      { kind: 'UPGRADE', partnerships: 1, companies: 1, foreignCompanies: 1, provinces: 1 },
    ]);
  });

  it('lays pledges out on a timeline of target years, with running totals', async () => {
    const { data } = await graph.execute(ALL);
    expect(data!.aggregates.pledgeTimeline).toEqual([
      { year: 2027, pledges: 1, cumulative: 1, byKind: [{ kind: 'ZERO_CARBON', pledges: 1 }] },
      {
        year: 2030,
        pledges: 2,
        cumulative: 3,
        byKind: [
          { kind: 'EMISSIONS_PEAK', pledges: 1 },
          { kind: 'ZERO_EMISSIONS', pledges: 1 },
        ],
      },
      { year: 2060, pledges: 1, cumulative: 4, byKind: [{ kind: 'CARBON_NEUTRAL', pledges: 1 }] },
    ]);
  });

  it('answers every aggregate, and the provinces and countries they name, in three round trips, two once cached', async () => {
    await graph.db.writeTransaction((tx) => bumpGraphVersion(tx));
    const first = await graph.execute(ALL);
    expect(first.errors).toBeUndefined();
    // The graph version, the four aggregates, the provinces and countries they point to.
    expect(first.roundTrips).toBe(3);
    const cached = await graph.execute(ALL);
    expect(cached.data).toEqual(first.data);
    // Until the next write: the graph version, then the provinces and countries.
    expect(cached.roundTrips).toBe(2);
  });
});
