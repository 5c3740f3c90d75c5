/**
 * Variables for each contract (and analyst) operation that give an answer on the seed
 * graph. The playground opens its tabs with them, and the server warms the
 * contract's query plans with them before /ready says 200.
 */
export const CONTRACT_EXAMPLE_VARIABLES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  ForeignCoBuilders: { province: 'CN-HB' },
  ForeignFirmsInProvince: { province: 'CN-HB' },
  CompanyProfile: { id: 'schneider-electric' },
  ProvinceOverview: { code: 'CN-LN' },
  ParkDetail: { id: 'sino-german-park-shenyang' },
  PledgesDueBy: { year: 2030 },
  // Misspelt on purpose: the search forgives a typo.
  Search: { text: 'Schnieder' },
  HowConnected: { from: 'bmw-brilliance', to: 'sino-german-park-shenyang' },
  Neighborhood: { id: 'sino-german-park-shenyang', depth: 1 },
  // The analysts' operations (analysts.graphql): the playground opens them with these.
  PledgedCompanies: { sector: 'electr', year: 2050 },
  ForeignLedPartnerships: { since: '2024' },
  ParksWithTargets: { provinceA: 'Liaoning', provinceB: '湖北', year: 2030 },
  ParentGroups: { name: 'bmw' },
  DomesticPartnersOfForeignFirms: {},
  PledgeWindow: { from: 2027, to: 2035 },
};
