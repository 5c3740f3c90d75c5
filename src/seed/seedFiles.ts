/**
 * The seed's files: the reference data (seed/reference/) and the reports'
 * facts (seed/graph/*.json), as records of the shapes below; seedGraph.ts
 * checks and writes them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CityRecord } from '../city/cityCodes.js';
import { SEED_KINDS } from '../domains.js';
import { projectRoot } from '../projectRoot.js';
import type { Country, Province } from './referenceData.js';

export type Ids = string[];

export interface SeedSource {
  id: string;
  title: string;
  publisher: string | null;
  language: string | null;
  url: string | null;
  publishedOn: string | null;
  note: string | null;
}

export interface SeedCompany {
  id: string;
  name: string;
  localName?: string | null;
  aliases?: string[];
  sector?: string | null;
  country?: string | null;
  /** The sources of the headquarters link, when not all of the company's. */
  countrySources?: Ids;
  parent?: { id: string; kind: string; sharePercent?: number | null; sources?: Ids } | null;
  sources: Ids;
}
export interface SeedPark {
  id: string;
  name: string;
  localName?: string | null;
  aliases?: string[];
  status?: string | null;
  city?: string | null;
  province: string;
  sources: Ids;
}
export interface SeedFacility {
  id: string;
  name: string;
  localName?: string | null;
  kind: string;
  description?: string | null;
  products?: string[];
  city?: string | null;
  province: string;
  park?: string | null;
  operator?: string | null;
  sources: Ids;
}
export interface SeedPledge {
  id: string;
  kind: string;
  targetYear: number | null;
  status: string;
  statement: string | null;
  pledger: { type: string; id: string };
  sources: Ids;
}
export interface SeedPartnership {
  id: string;
  kind: string;
  title: string;
  description?: string | null;
  status?: string | null;
  startedOn?: string | null;
  endedOn?: string | null;
  parks: Ids;
  province?: string | null;
  participants: { company: string; role: string; sources?: Ids }[];
  unnamedParticipants?: { role: string; description: string }[];
  pledges?: Ids;
  sources: Ids;
}

export interface SeedGraph {
  sources: SeedSource[];
  countries: Country[];
  provinces: Province[];
  cities: CityRecord[];
  companies: SeedCompany[];
  parks: SeedPark[];
  facilities: SeedFacility[];
  pledges: SeedPledge[];
  partnerships: SeedPartnership[];
}

function readJson<T>(...path: string[]): T {
  return JSON.parse(readFileSync(join(projectRoot(), 'seed', ...path), 'utf8')) as T;
}

/** Reads the reference data and every graph file under seed/graph/ into one seed. */
export function readSeed(): SeedGraph {
  const seed: SeedGraph = {
    sources: readJson('reference', 'sources.json'),
    countries: readJson('reference', 'countries.json'),
    provinces: readJson('reference', 'provinces.json'),
    cities: readJson('reference', 'cities.json'),
    companies: [],
    parks: [],
    facilities: [],
    pledges: [],
    partnerships: [],
  };
  const dir = join(projectRoot(), 'seed', 'graph');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const part = readJson<Partial<SeedGraph>>('graph', file);
    for (const key of ['sources', ...SEED_KINDS] as const) {
      (seed[key] as unknown[]).push(...((part[key] as unknown[] | undefined) ?? []));
    }
  }
  return seed;
}
