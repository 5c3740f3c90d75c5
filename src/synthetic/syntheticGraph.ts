/**
 * A deterministic synthetic graph of any size, shaped like the real one:
 * parks spread unevenly over the 34 provincial-level divisions, companies
 * with a long-tailed number of partnerships (a few take part in hundreds,
 * most in one or two), parent chains that make Chinese subsidiaries foreign,
 * pledges over 2025–2060, and a small pool of sources that many facts cite.
 *
 * Pure: the same scale and seed give the same rows, byte for byte. Every id
 * starts with `syn-` so that synthetic rows can never collide with real ones.
 * `syntheticRecords` turns the rows into the records an import states, which
 * the writer checks and writes (writeSynthetic.ts).
 */

/** Companies per named scale; everything else is derived from this count. */
export const SCALES = { S: 1_000, M: 20_000, L: 200_000 } as const;
export type ScaleName = keyof typeof SCALES;

export interface SyntheticCounts {
  companies: number;
  parks: number;
  partnerships: number;
  facilities: number;
  pledges: number;
  sources: number;
}

/** Derived counts for `companies` companies. */
export function countsFor(companies: number): SyntheticCounts {
  return {
    companies,
    parks: Math.max(34, Math.round(companies / 8)),
    partnerships: Math.round(companies * 0.6),
    facilities: Math.round(companies * 0.3),
    pledges: Math.round(companies * 0.25),
    sources: Math.max(5, Math.round(companies / 100)),
  };
}

/** mulberry32: small, fast and good enough for test data; seeded so that runs repeat. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticRows {
  sources: { id: string; title: string; publisher: string; publishedOn: string }[];
  companies: { id: string; name: string; sector: string; country: string; source: string }[];
  parents: { id: string; parent: string; kind: 'SUBSIDIARY' | 'JOINT_VENTURE'; sharePercent: number; source: string }[];
  parks: { id: string; name: string; status: string; city: string; province: string; source: string }[];
  partnerships: {
    id: string;
    kind: string;
    title: string;
    status: string;
    startedOn: string;
    parks: string[];
    province: string | null;
    participants: { company: string; role: string }[];
    source: string;
  }[];
  facilities: { id: string; name: string; kind: string; city: string; province: string; park: string; operator: string; source: string }[];
  pledges: { id: string; kind: string; targetYear: number; status: string; statement: string; pledger: string; source: string }[];
}

const FOREIGN_COUNTRIES = ['DE', 'FR', 'JP', 'US', 'GB', 'KR', 'SE', 'DK', 'CH', 'NL', 'IT', 'ES', 'SG', 'HK', 'TW'];
const SECTORS = ['Electrical equipment', 'Automotive', 'Chemicals', 'Energy', 'Steel', 'Batteries', 'Solar', 'Wind', 'Logistics', 'Software'];
const PARK_STATUSES = ['ANNOUNCED', 'CONSTRUCTION', 'OPERATING', 'OPERATING', 'OPERATING'];
const PARTNERSHIP_KINDS = ['CO_BUILD', 'CO_BUILD', 'UPGRADE', 'CLEAN_ENERGY', 'TECHNOLOGY', 'JOINT_VENTURE', 'SUPPLY', 'RESEARCH', 'OTHER'];
const PARTNERSHIP_STATUSES = ['ANNOUNCED', 'ACTIVE', 'ACTIVE', 'COMPLETED'];
const ROLES = ['LEAD', 'PARTNER', 'LOCAL_PARTNER', 'INVESTOR', 'OPERATOR', 'TECHNOLOGY_PROVIDER'];
const FACILITY_KINDS = ['PLANT', 'FACTORY', 'ENERGY_PLANT', 'OTHER'];
const PLEDGE_KINDS = ['NET_ZERO', 'CARBON_NEUTRAL', 'ZERO_CARBON', 'EMISSIONS_PEAK', 'EMISSIONS_REDUCTION'];
const PLEDGE_STATUSES = ['PROPOSED', 'ANNOUNCED', 'ANNOUNCED', 'IN_POLICY_DOCUMENT'];
const WORDS = ['Green', 'Blue', 'Sun', 'Wind', 'River', 'Stone', 'Cedar', 'Harbor', 'Summit', 'Delta', 'Aurora', 'Nova', 'Jade', 'Crane', 'Pine', 'Lotus'];
const NOUNS = ['Power', 'Motors', 'Materials', 'Systems', 'Energy', 'Works', 'Technologies', 'Industries'];

/** A provincial-level division of the reference data and the ids of its prefecture-level cities (a municipality has none: its only city is itself, by name). */
export interface SyntheticProvince {
  code: string;
  cities: readonly string[];
}

/**
 * The rows of a synthetic graph. `provinces` are the provincial-level
 * divisions already in the database (the real reference data), with their cities.
 */
export function syntheticRows(companyCount: number, provinces: readonly SyntheticProvince[], seed = 42): SyntheticRows {
  const provinceCodes = provinces.map((p) => p.code);
  const citiesOf = new Map(provinces.map((p) => [p.code, p.cities]));
  const random = prng(seed);
  const counts = countsFor(companyCount);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  /** Index in 0..n-1, heavily skewed towards 0: the long tail. */
  const skewed = (n: number, power = 3) => Math.min(n - 1, Math.floor(n * random() ** power));
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  const sources = Array.from({ length: counts.sources }, (_, i) => ({
    id: `syn-source-${i}`,
    title: `Synthetic source ${i}`,
    publisher: `Synthetic Publisher ${i % 7}`,
    publishedOn: `${2015 + (i % 10)}-${String(1 + (i % 12)).padStart(2, '0')}`,
  }));
  // A few sources are cited by most facts, as annual reports are.
  const source = () => sources[skewed(sources.length, 2)]!.id;

  const companies = Array.from({ length: counts.companies }, (_, i) => ({
    id: `syn-company-${i}`,
    name: `${pick(WORDS)} ${pick(NOUNS)} ${i}`,
    sector: pick(SECTORS),
    country: random() < 0.3 ? pick(FOREIGN_COUNTRIES) : 'CN',
    source: source(),
  }));
  // Some Chinese companies are subsidiaries or joint ventures of an earlier
  // company, which may itself be one: chains that lead abroad make them foreign.
  const parents: SyntheticRows['parents'] = [];
  companies.forEach((company, i) => {
    if (i === 0 || company.country !== 'CN' || random() >= 0.15) return;
    const jv = random() < 0.3;
    parents.push({
      id: company.id,
      parent: companies[int(0, i - 1)]!.id,
      kind: jv ? 'JOINT_VENTURE' : 'SUBSIDIARY',
      sharePercent: jv ? int(25, 60) : int(51, 100),
      source: source(),
    });
  });

  // Provinces get parks unevenly: the first listed get the most.
  const parks = Array.from({ length: counts.parks }, (_, i) => {
    const province = i < provinceCodes.length ? provinceCodes[i]! : provinceCodes[skewed(provinceCodes.length, 2)]!;
    return {
      id: `syn-park-${i}`,
      name: `${pick(WORDS)} Zero-Carbon Park ${i}`,
      status: pick(PARK_STATUSES),
      // A real city of the province, so that the park is IN_CITY as an imported one is.
      city: citiesOf.get(province)![i % citiesOf.get(province)!.length]!,
      province,
      source: source(),
    };
  });

  const partnerships = Array.from({ length: counts.partnerships }, (_, i) => {
    const participantCount = int(2, 4);
    const chosen = new Set<number>();
    while (chosen.size < participantCount) chosen.add(skewed(companies.length));
    const inParks = random() < 0.8;
    const parkIds = inParks ? Array.from(new Set([parks[int(0, parks.length - 1)]!.id, ...(random() < 0.2 ? [parks[int(0, parks.length - 1)]!.id] : [])])) : [];
    return {
      id: `syn-partnership-${i}`,
      kind: pick(PARTNERSHIP_KINDS),
      title: `Synthetic partnership ${i}`,
      status: pick(PARTNERSHIP_STATUSES),
      startedOn: `${int(2010, 2025)}-${String(int(1, 12)).padStart(2, '0')}`,
      parks: parkIds,
      province: inParks ? null : pick(provinceCodes),
      participants: [...chosen].map((c, k) => ({ company: companies[c]!.id, role: k === 0 ? 'LEAD' : pick(ROLES) })),
      source: source(),
    };
  });

  const facilities = Array.from({ length: counts.facilities }, (_, i) => {
    const park = parks[int(0, parks.length - 1)]!;
    return {
      id: `syn-facility-${i}`,
      name: `Synthetic facility ${i}`,
      kind: pick(FACILITY_KINDS),
      city: park.city,
      province: park.province,
      park: park.id,
      operator: companies[skewed(companies.length, 2)]!.id,
      source: source(),
    };
  });

  const pledges = Array.from({ length: counts.pledges }, (_, i) => {
    const byPark = random() < 0.3;
    return {
      id: `syn-pledge-${i}`,
      kind: pick(PLEDGE_KINDS),
      targetYear: int(2025, 2060),
      status: pick(PLEDGE_STATUSES),
      statement: `Synthetic pledge ${i}`,
      pledger: byPark ? parks[int(0, parks.length - 1)]!.id : companies[int(0, companies.length - 1)]!.id,
      source: source(),
    };
  });

  return { sources, companies, parents, parks, partnerships, facilities, pledges };
}

type Raw = Record<string, unknown>;

/** The records of a synthetic graph as an import states them (a company's parent link in its record), by import kind. */
export interface SyntheticRecords {
  sources: Raw[];
  companies: Raw[];
  parks: Raw[];
  facilities: Raw[];
  pledges: Raw[];
  partnerships: Raw[];
}

/** The records the writer checks and writes for `rows` (writeSynthetic.ts). */
export function syntheticRecords(rows: SyntheticRows): SyntheticRecords {
  const parentOf = new Map(rows.parents.map((p) => [p.id, p]));
  return {
    sources: rows.sources.map((s) => ({ ...s, language: 'en' })),
    companies: rows.companies.map(({ id, name, sector, country, source }) => {
      const parent = parentOf.get(id);
      return { id, name, sector, country, source, ...(parent ? { parent: parent.parent, parentKind: parent.kind, parentShare: parent.sharePercent } : {}) };
    }),
    parks: rows.parks.map((p) => ({ ...p })),
    facilities: rows.facilities.map((f) => ({ ...f })),
    pledges: rows.pledges.map((p) => ({ ...p })),
    partnerships: rows.partnerships.map(({ province, ...p }) => ({ ...p, ...(province === null ? {} : { province }) })),
  };
}
