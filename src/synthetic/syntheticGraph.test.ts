import { describe, expect, it } from 'vitest';
import referenceProvinces from '../../seed/reference/provinces.json' with { type: 'json' };
import { CITIES } from '../city/cityCodes.js';
import { countsFor, syntheticRecords, syntheticRows, type SyntheticProvince } from './syntheticGraph.js';
import { checkedSyntheticRows } from './writeSynthetic.js';

/** The reference data's provinces and cities, as writeSynthetic reads them from the database. */
const provinces: SyntheticProvince[] = referenceProvinces
  .map((p) => {
    const cities = CITIES.filter((c) => c.province === p.code).map((c) => c.id).sort();
    return { code: p.code, cities: cities.length ? cities : [p.name] };
  })
  .sort((a, b) => (a.code < b.code ? -1 : 1));

describe('syntheticRows', () => {
  it('gives the same rows for the same size and seed, and other rows for another seed', () => {
    expect(JSON.stringify(syntheticRows(500, provinces, 7))).toBe(JSON.stringify(syntheticRows(500, provinces, 7)));
    expect(JSON.stringify(syntheticRows(500, provinces, 8))).not.toBe(JSON.stringify(syntheticRows(500, provinces, 7)));
  });

  it('derives every count from the number of companies', () => {
    const rows = syntheticRows(1000, provinces);
    const counts = countsFor(1000);
    expect(rows.companies).toHaveLength(counts.companies);
    expect(rows.parks).toHaveLength(counts.parks);
    expect(rows.partnerships).toHaveLength(counts.partnerships);
    expect(rows.sources).toHaveLength(counts.sources);
  });

  it('marks every id as synthetic and cites only synthetic sources', () => {
    const rows = syntheticRows(300, provinces);
    const all = Object.values(rows).flat() as { id: string; source?: string }[];
    expect(all.every((row) => row.id.startsWith('syn-'))).toBe(true);
    expect(all.every((row) => row.source === undefined || row.source.startsWith('syn-source-'))).toBe(true);
  });

  it('puts parks in every province, unevenly', () => {
    const perProvince = new Map<string, number>();
    for (const park of syntheticRows(2000, provinces).parks) perProvince.set(park.province, (perProvince.get(park.province) ?? 0) + 1);
    expect(perProvince.size).toBe(34);
    const counts = [...perProvince.values()].sort((a, b) => b - a);
    expect(counts[0]!).toBeGreaterThan(5 * counts[counts.length - 1]!);
  });

  it('gives partnerships a long tail: a few companies take part in many, most in few', () => {
    const perCompany = new Map<string, number>();
    for (const p of syntheticRows(2000, provinces).partnerships) {
      for (const x of p.participants) perCompany.set(x.company, (perCompany.get(x.company) ?? 0) + 1);
    }
    const counts = [...perCompany.values()].sort((a, b) => b - a);
    expect(counts[0]!).toBeGreaterThan(50);
    expect(counts[Math.floor(counts.length / 2)]!).toBeLessThanOrEqual(2);
  });

  it('makes parent chains only towards earlier companies, so there are no cycles', () => {
    const rows = syntheticRows(2000, provinces);
    const index = (id: string) => Number(id.split('-').pop());
    expect(rows.parents.length).toBeGreaterThan(100);
    expect(rows.parents.every((p) => index(p.parent) < index(p.id))).toBe(true);
  });

  it('makes records that the check of every domain accepts, with parks and facilities in real cities of their province', () => {
    const rows = syntheticRows(2000, provinces, 5);
    const checked = checkedSyntheticRows(syntheticRecords(rows));
    expect(checked.get('companies')).toHaveLength(2000);
    expect(checked.get('parents')).toHaveLength(rows.parents.length);
    expect(checked.get('pledges')).toHaveLength(rows.pledges.length);
    const withCity = [...checked.get('parks')!, ...checked.get('facilities')!] as { province: string; cityId: string | null }[];
    expect(withCity).toHaveLength(rows.parks.length + rows.facilities.length);
    const cityProvince = new Map(CITIES.map((c) => [c.id, c.province]));
    for (const row of withCity) {
      if (row.cityId === null) expect(provinces.find((p) => p.code === row.province)!.cities).toHaveLength(1);
      else expect(cityProvince.get(row.cityId)).toBe(row.province);
    }
    expect(withCity.filter((row) => row.cityId !== null).length).toBeGreaterThan(withCity.length / 2);
  });
});
