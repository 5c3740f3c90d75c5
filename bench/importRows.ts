/**
 * The rows of the import bench (bench/importBench.ts), as objects: the files
 * it imports are written from them, and the same-graph floor
 * (bench/importFloor.ts) writes the same nodes and relationships from them.
 * Data is fictional; ids start with `bench-` (the floor's with `bench-floor-`).
 */

/** Provinces with a prefecture-level city of each (the city must lie in the province). */
export const PROVINCES = ['CN-HB', 'CN-JS', 'CN-ZJ', 'CN-GD', 'CN-SC', 'CN-SD', 'CN-LN'];
export const CITIES = ['Wuhan', 'Nanjing', 'Hangzhou', 'Guangzhou', 'Chengdu', 'Jinan', 'Shenyang'];

/** Row counts per kind: companies 27% (a third with a parent link, which is a row too), parks 5%, facilities 30%, pledges 10%, partnerships 19%. */
export function planRows(rows: number) {
  const companies = Math.round(rows * 0.27);
  return { companies, parks: Math.round(rows * 0.05), facilities: Math.round(rows * 0.3), pledges: Math.round(rows * 0.1), partnerships: Math.round(rows * 0.19) };
}
export type RowPlan = ReturnType<typeof planRows>;

export interface BenchRows {
  companies: () => Iterable<{ id: string; name: string; alias: string; sector: string; country: string; parent: string | null }>;
  parks: () => Iterable<{ id: string; name: string; status: string; city: string; province: string }>;
  facilities: (bad: boolean) => Iterable<{ id: string; name: string; kind: string; description: string; products: string[]; city: string; province: string; park: string | null; operator: string }>;
  pledges: () => Iterable<{ id: string; pledger: string; kind: string; status: string; targetYear: number }>;
  partnerships: () => Iterable<{ id: string; kind: string; title: string; description: string; status: string; startedOn: string; participants: { company: string; role: string }[]; unnamed: { role: string; description: string }; park: string; pledge: string }>;
}

/** The bench's rows for `plan`, with ids prefixed `prefix` and free text padded by about `textBytes`. */
export function benchRows(plan: RowPlan, prefix: string, textBytes: number): BenchRows {
  const company = (i: number) => `${prefix}company-${i}`;
  const park = (i: number) => `${prefix}park-${i}`;
  const pledge = (i: number) => `${prefix}pledge-${i}`;
  const padding = (i: number) => (textBytes > 0 ? ` ${'low-carbon production line '.repeat(Math.ceil(textBytes / 27)).slice(0, textBytes)} ${i}` : '');
  const middle = Math.floor(plan.facilities / 2);
  return {
    companies: function* () {
      for (let i = 0; i < plan.companies; i += 1) {
        yield { id: company(i), name: `Bench Company ${i} (example)`, alias: `Bench ${i}`, sector: 'batteries', country: i % 5 ? 'CN' : 'DE', parent: i % 3 === 2 ? company(i - 2) : null };
      }
    },
    parks: function* () {
      for (let i = 0; i < plan.parks; i += 1) {
        yield { id: park(i), name: `Bench Park ${i} (example)`, status: 'OPERATING', city: CITIES[i % CITIES.length]!, province: PROVINCES[i % PROVINCES.length]! };
      }
    },
    facilities: function* (bad: boolean) {
      for (let i = 0; i < plan.facilities; i += 1) {
        yield {
          id: `${prefix}facility-${i}`,
          name: `Bench Facility ${i} (example)`,
          kind: bad && i === middle ? 'SPACESHIP' : 'FACTORY',
          description: `Makes cells${padding(i)}`,
          products: ['cells', 'modules'],
          city: CITIES[i % CITIES.length]!,
          province: PROVINCES[i % PROVINCES.length]!,
          park: i % 2 ? park(i % plan.parks) : null,
          operator: company(i % plan.companies),
        };
      }
    },
    pledges: function* () {
      for (let i = 0; i < plan.pledges; i += 1) {
        yield { id: pledge(i), pledger: company(i % plan.companies), kind: 'NET_ZERO', status: 'ANNOUNCED', targetYear: 2050 + (i % 10) };
      }
    },
    partnerships: function* () {
      for (let i = 0; i < plan.partnerships; i += 1) {
        const a = company(i % plan.companies);
        const b = company((i * 7 + 1) % plan.companies);
        yield {
          id: `${prefix}partnership-${i}`,
          kind: 'CO_BUILD',
          title: `Bench Partnership ${i} (example)`,
          description: `A partnership${padding(i)}`,
          status: 'ACTIVE',
          startedOn: '2024-05',
          participants: a === b ? [{ company: a, role: 'LEAD' }] : [{ company: a, role: 'LEAD' }, { company: b, role: 'PARTNER' }],
          unnamed: { role: 'LOCAL_PARTNER', description: 'a local utility' },
          park: park(i % plan.parks),
          pledge: pledge(i % plan.pledges),
        };
      }
    },
  };
}
