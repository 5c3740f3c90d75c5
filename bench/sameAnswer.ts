/**
 * Each operation's answer reduced to what the API and the floor must agree
 * on (totals, ids in page order, sets of ids, derived values), so that the
 * bench checks that the floor answers the same question.
 */
type Answer = Record<string, any>;
const ids = (xs: Answer[] | null | undefined) => (xs ?? []).map((x) => x.id ?? x.code);
const idSet = (xs: Answer[] | null | undefined) => ids(xs).sort();

export const SAME_ANSWER: Record<string, { api: (data: Answer) => unknown; floor: (row: Answer) => unknown }> = {
  ForeignCoBuilders: {
    api: (d) => ({ total: d.companies.totalCount, ids: ids(d.companies.nodes), countries: d.companies.nodes.map((n: Answer) => n.country?.code) }),
    floor: (r) => ({ total: r.totalCount, ids: ids(r.nodes), countries: r.nodes.map((n: Answer) => n.country?.code) }),
  },
  ForeignFirmsInProvince: {
    api: (d) => ({ total: d.companies.totalCount, ids: ids(d.companies.nodes) }),
    floor: (r) => ({ total: r.totalCount, ids: ids(r.nodes) }),
  },
  CompanyProfile: {
    api: ({ company: c }) => ({
      foreign: c.foreign, country: c.country?.code, parent: c.parent?.id ?? null, total: c.partnerships.totalCount,
      partnerships: ids(c.partnerships.nodes), provinces: c.partnerships.nodes.map((p: Answer) => p.province?.code ?? null),
      facilities: idSet(c.facilities), pledges: idSet(c.pledges), sources: idSet(c.sources),
    }),
    floor: ({ company: c }) => ({
      foreign: c.foreign, country: c.country?.code, parent: c.parent?.id ?? null, total: c.partnerships.totalCount,
      partnerships: ids(c.partnerships.nodes), provinces: c.partnerships.nodes.map((p: Answer) => p.province?.code ?? null),
      facilities: idSet(c.facilities), pledges: idSet(c.pledges), sources: idSet(c.sources),
    }),
  },
  ProvinceOverview: {
    api: ({ province: p }) => ({
      parks: p.parks.totalCount, parkIds: ids(p.parks.nodes), years: p.parks.nodes.map((x: Answer) => x.zeroCarbonTargetYear),
      companies: p.companies.totalCount, companyIds: ids(p.companies.nodes),
      partnerships: p.partnerships.totalCount, partnershipIds: ids(p.partnerships.nodes),
    }),
    floor: (r) => ({
      parks: r.parkCount, parkIds: ids(r.parks), years: r.parks.map((x: Answer) => x.zeroCarbonTargetYear ?? null),
      companies: r.companyCount, companyIds: ids(r.companies),
      partnerships: r.partnershipCount, partnershipIds: ids(r.partnerships),
    }),
  },
  ParkDetail: {
    api: ({ park: p }) => ({
      year: p.zeroCarbonTargetYear, province: p.province?.code, partnerships: idSet(p.partnerships),
      participants: p.partnerships.flatMap((x: Answer) => x.participants.map((y: Answer) => `${x.id}:${y.company.id}:${y.role}:${y.company.foreign}`)).sort(),
      pledges: idSet(p.pledges), facilities: idSet(p.facilities),
    }),
    floor: ({ park: p }) => ({
      year: p.zeroCarbonTargetYear ?? null, province: p.province?.code, partnerships: idSet(p.partnerships),
      participants: p.partnerships.flatMap((x: Answer) => x.participants.map((y: Answer) => `${x.id}:${y.company.id}:${y.role}:${y.company.foreign}`)).sort(),
      pledges: idSet(p.pledges), facilities: idSet(p.facilities),
    }),
  },
  PledgesDueBy: {
    api: (d) => ({ total: d.pledges.totalCount, ids: ids(d.pledges.nodes), pledgers: d.pledges.nodes.map((n: Answer) => n.pledger?.id ?? n.pledger?.code) }),
    floor: (r) => ({ total: r.totalCount, ids: ids(r.nodes), pledgers: r.nodes.map((n: Answer) => (n.pledger?.type === 'Province' || n.pledger?.type === 'Country' ? n.pledger.code : n.pledger?.id)) }),
  },
  Search: { api: (d) => ids(d.search.map((x: Answer) => x.node)), floor: (r) => r.ids },
  HowConnected: { api: (d) => d.shortestPath?.length ?? null, floor: (r) => r.length ?? null },
  Neighborhood: { api: (d) => idSet(d.neighborhood.nodes), floor: (r) => [...r.nodes].sort() },
  PledgedCompanies: {
    api: (d) => ({ total: d.companies.totalCount, ids: ids(d.companies.nodes), pledges: d.companies.nodes.map((n: Answer) => n.pledges.map((p: Answer) => `${p.kind}:${p.targetYear}`).sort()) }),
    floor: (r) => ({ total: r.totalCount, ids: ids(r.nodes), pledges: r.nodes.map((n: Answer) => n.pledges.map((p: Answer) => `${p.kind}:${p.targetYear}`).sort()) }),
  },
  ForeignLedPartnerships: {
    api: (d) => ({ total: d.partnerships.totalCount, ids: ids(d.partnerships.nodes), participants: d.partnerships.nodes.map((n: Answer) => n.participants.map((x: Answer) => `${x.role}:${x.company.id}`).sort()) }),
    floor: (r) => ({ total: r.totalCount, ids: ids(r.nodes), participants: r.nodes.map((n: Answer) => n.participants.map((x: Answer) => `${x.role}:${x.company.id}`).sort()) }),
  },
  ParksWithTargets: {
    api: (d) => ({ total: d.parks.totalCount, ids: ids(d.parks.nodes), years: d.parks.nodes.map((n: Answer) => n.zeroCarbonTargetYear) }),
    floor: (r) => ({ total: r.totalCount, ids: ids(r.nodes), years: r.nodes.map((n: Answer) => n.zeroCarbonTargetYear ?? null) }),
  },
  ParentGroups: {
    api: (d) => ({ total: d.companies.totalCount, ids: ids(d.companies.nodes), subsidiaries: d.companies.nodes.map((n: Answer) => idSet(n.subsidiaries)) }),
    floor: (r) => ({ total: r.totalCount, ids: ids(r.nodes), subsidiaries: r.nodes.map((n: Answer) => idSet(n.subsidiaries)) }),
  },
  DomesticPartnersOfForeignFirms: {
    api: (d) => ({ total: d.companies.totalCount, ids: ids(d.companies.nodes), titles: d.companies.nodes.map((n: Answer) => n.partnerships.nodes.map((p: Answer) => p.title)) }),
    floor: (r) => ({ total: r.totalCount, ids: ids(r.nodes), titles: r.nodes.map((n: Answer) => n.partnerships.map((p: Answer) => p.title)) }),
  },
  PledgeWindow: {
    api: (d) => ({ total: d.pledges.totalCount, ids: ids(d.pledges.nodes), min: d.pledges.aggregate.targetYear.min, max: d.pledges.aggregate.targetYear.max, avg: Math.round(d.pledges.aggregate.targetYear.avg * 1000) }),
    floor: (r) => {
      const years = r.years as number[];
      const avg = years.length ? years.reduce((a, b) => a + b, 0) / years.length : null;
      return { total: r.totalCount, ids: ids(r.nodes), min: years.length ? Math.min(...years) : null, max: years.length ? Math.max(...years) : null, avg: avg === null ? 0 : Math.round(avg * 1000) };
    },
  },
  GraphStats: {
    api: ({ stats: s }) => ({
      counts: [s.companies, s.foreignCompanies, s.parks, s.partnerships, s.pledges, s.sources],
      byProvince: s.byProvince.map((p: Answer) => [p.province.code, p.parks, p.partnerships, p.foreignCompanies]),
    }),
    floor: (r) => ({
      counts: [r.companies, r.foreignCompanies, r.parks, r.partnerships, r.pledges, r.sources],
      byProvince: r.byProvince.map((p: Answer) => [p.province.code, p.parks, p.partnerships, p.foreignCompanies]),
    }),
  },
};
