/**
 * Writes the seed graph: reference data (countries, China's provincial-level
 * divisions) and every fact of the report in seed/graph/, each linked to its
 * source. Idempotent: everything is MERGEd by id, so running it again
 * changes nothing. One write transaction: it applies whole or not at all.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ManagedTransaction } from 'neo4j-driver';
import { maintainDerived } from '../derived/maintainDerived.js';
import { findCityInProvince, type CityRecord } from '../city/cityCodes.js';
import type { Database } from '../neo4j/database.js';
import { toParams } from '../neo4j/records.js';
import { projectRoot } from '../projectRoot.js';

type Ids = string[];

export interface SeedSource {
  id: string;
  title: string;
  publisher: string | null;
  language: string | null;
  url: string | null;
  publishedOn: string | null;
  note: string | null;
}

export interface SeedGraph {
  sources: SeedSource[];
  countries: { code: string; name: string; localName: string | null }[];
  provinces: { id: string; code: string; name: string; localName: string; kind: string }[];
  cities: CityRecord[];
  companies: {
    id: string;
    name: string;
    localName?: string | null;
    aliases?: string[];
    sector?: string | null;
    country?: string | null;
    countrySources?: Ids;
    parent?: { id: string; kind: string; sharePercent?: number | null; sources?: Ids } | null;
    sources: Ids;
  }[];
  parks: {
    id: string;
    name: string;
    localName?: string | null;
    aliases?: string[];
    status?: string | null;
    city?: string | null;
    province: string;
    sources: Ids;
  }[];
  facilities: {
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
  }[];
  pledges: {
    id: string;
    kind: string;
    targetYear: number | null;
    status: string;
    statement: string | null;
    pledger: { type: string; id: string };
    sources: Ids;
  }[];
  partnerships: {
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
  }[];
}

/** Sources of the reference lists, cited by every province and country. */
const PROVINCE_SOURCES = ['iso-3166-2-cn', 'mca-administrative-divisions'];
const COUNTRY_SOURCES = ['iso-3166-1'];
const CITY_SOURCES = ['nbs-statistical-division-codes-2023'];

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
    for (const key of ['sources', 'companies', 'parks', 'facilities', 'pledges', 'partnerships'] as const) {
      (seed[key] as unknown[]).push(...((part[key] as unknown[] | undefined) ?? []));
    }
  }
  return seed;
}

/**
 * Checks that ids are unique across the whole graph, that every reference
 * points at something in the seed, and that every fact cites a source.
 * Returns the problems found; an empty list means the seed is sound.
 */
export function checkSeed(seed: SeedGraph): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  const add = (type: string, id: string) => {
    if (ids.has(id)) problems.push(`${type} ${id}: id already used by a ${ids.get(id)}`);
    ids.set(id, type);
  };
  seed.sources.forEach((s) => add('Source', s.id));
  seed.countries.forEach((c) => add('Country', c.code));
  seed.provinces.forEach((p) => add('Province', p.id));
  seed.cities.forEach((c) => add('City', c.id));
  seed.companies.forEach((c) => add('Company', c.id));
  seed.parks.forEach((p) => add('Park', p.id));
  seed.facilities.forEach((f) => add('Facility', f.id));
  seed.pledges.forEach((p) => add('Pledge', p.id));
  seed.partnerships.forEach((p) => add('Partnership', p.id));

  const provinceCodes = new Set(seed.provinces.map((p) => p.code));
  const expect = (what: string, id: string | null | undefined, type: string) => {
    if (id && ids.get(id) !== type) problems.push(`${what}: no ${type} with id ${id}`);
  };
  const cites = (what: string, sources: Ids | undefined) => {
    if (!sources?.length) problems.push(`${what}: cites no source`);
    sources?.forEach((s) => expect(what, s, 'Source'));
  };
  const inProvince = (what: string, code: string | null | undefined) => {
    if (code && !provinceCodes.has(code)) problems.push(`${what}: unknown province code ${code}`);
  };
  const inCity = (what: string, province: string, city: string | null | undefined) => {
    if (city && !findCityInProvince(province, city)) problems.push(`${what}: ${city} is not a prefecture-level city of ${province}`);
  };
  for (const c of seed.cities) inProvince(`city ${c.id}`, c.province);

  for (const c of seed.companies) {
    cites(`company ${c.id}`, c.sources);
    expect(`company ${c.id} country`, c.country, 'Country');
    if (c.countrySources) cites(`company ${c.id} country`, c.countrySources);
    if (c.parent) {
      expect(`company ${c.id} parent`, c.parent.id, 'Company');
      if (c.parent.sources) cites(`company ${c.id} parent`, c.parent.sources);
    }
  }
  for (const p of seed.parks) {
    cites(`park ${p.id}`, p.sources);
    inProvince(`park ${p.id}`, p.province);
    inCity(`park ${p.id}`, p.province, p.city);
  }
  for (const f of seed.facilities) {
    cites(`facility ${f.id}`, f.sources);
    inProvince(`facility ${f.id}`, f.province);
    inCity(`facility ${f.id}`, f.province, f.city);
    expect(`facility ${f.id} park`, f.park, 'Park');
    expect(`facility ${f.id} operator`, f.operator, 'Company');
  }
  for (const p of seed.pledges) {
    cites(`pledge ${p.id}`, p.sources);
    expect(`pledge ${p.id} pledger`, p.pledger.id, p.pledger.type);
  }
  for (const p of seed.partnerships) {
    cites(`partnership ${p.id}`, p.sources);
    inProvince(`partnership ${p.id}`, p.province);
    if (!p.parks.length && !p.province) problems.push(`partnership ${p.id}: names neither parks nor a province`);
    p.parks.forEach((park) => expect(`partnership ${p.id} park`, park, 'Park'));
    p.participants.forEach((x) => expect(`partnership ${p.id} participant`, x.company, 'Company'));
    p.pledges?.forEach((x) => expect(`partnership ${p.id} pledge`, x, 'Pledge'));
  }
  return problems;
}

/** Links `n` to each of `s.sources` (statement fragment; `n` and `s` in scope). */
const citeSources = (sources = 's.sources') => `
WITH n, s
CALL {
  WITH n, s
  UNWIND ${sources} AS sourceId
  MATCH (src:Entity {id: sourceId})
  MERGE (n)-[:SOURCED_FROM]->(src)
}`;

/** A park or facility row with its city resolved: the canonical English name and the City's id. */
const withCity = <T extends { province: string; city?: string | null }>(row: T) => {
  const place = row.city ? findCityInProvince(row.province, row.city) : null;
  return { ...row, city: place?.name ?? null, cityId: place?.id ?? null };
};

/** Links `n` to the City `s.cityId`, citing the row's sources (statement fragment). */
const linkCity = `
CALL { WITH n, s MATCH (c:Entity {id: s.cityId}) WHERE c:City MERGE (n)-[r:IN_CITY]->(c) SET r.sources = s.sources }`;

/** Creates or updates an entity by id with a label and stamps (statement fragment). */
const upsert = (label: string) => `
MERGE (n:Entity {id: s.id})
ON CREATE SET n.createdAt = datetime(), n.createdBy = 'seed'
SET n:${label}, n.updatedAt = datetime(), n.updatedBy = 'seed'`;

const STATEMENTS: { name: string; rows: (seed: SeedGraph) => unknown[]; cypher: string }[] = [
  {
    name: 'sources',
    rows: (seed) => seed.sources,
    cypher: `UNWIND $rows AS s ${upsert('Source')}
SET n.title = s.title, n.publisher = s.publisher, n.language = s.language, n.url = s.url,
    n.publishedOn = s.publishedOn, n.note = s.note`,
  },
  {
    name: 'countries',
    rows: (seed) => seed.countries.map((c) => ({ ...c, id: c.code, sources: COUNTRY_SOURCES })),
    cypher: `UNWIND $rows AS s ${upsert('Country')}
SET n.code = s.code, n.name = s.name, n.localName = s.localName
${citeSources()}`,
  },
  {
    name: 'provinces',
    rows: (seed) => seed.provinces.map((p) => ({ ...p, sources: PROVINCE_SOURCES })),
    cypher: `UNWIND $rows AS s ${upsert('Province')}
SET n.code = s.code, n.name = s.name, n.localName = s.localName, n.kind = s.kind, n.aliasText = s.code
WITH n, s
MATCH (cn:Country {code: 'CN'})
MERGE (n)-[r:PART_OF]->(cn) SET r.sources = s.sources
${citeSources()}`,
  },
  {
    name: 'cities',
    rows: (seed) => seed.cities.map((c) => ({ ...c, sources: CITY_SOURCES })),
    cypher: `UNWIND $rows AS s ${upsert('City')}
SET n.code = s.code, n.name = s.name, n.localName = s.localName, n.kind = s.kind
WITH n, s
MATCH (pr:Province {code: s.province})
MERGE (n)-[r:PART_OF]->(pr) SET r.sources = s.sources
${citeSources()}`,
  },
  {
    name: 'companies',
    rows: (seed) => seed.companies,
    cypher: `UNWIND $rows AS s ${upsert('Company')}
SET n.name = s.name, n.localName = s.localName, n.aliases = coalesce(s.aliases, []),
    n.aliasText = reduce(t = '', a IN coalesce(s.aliases, []) | t + a + ' | '), n.sector = s.sector
WITH n, s
CALL {
  WITH n, s
  OPTIONAL MATCH (n)-[old:HEADQUARTERED_IN]->(c:Country) WHERE c.code <> s.country
  DELETE old
}
CALL {
  WITH n, s
  MATCH (c:Country {code: s.country})
  MERGE (n)-[r:HEADQUARTERED_IN]->(c)
  SET r.sources = coalesce(s.countrySources, s.sources)
}
${citeSources()}`,
  },
  {
    name: 'company parents',
    rows: (seed) => seed.companies.filter((c) => c.parent),
    cypher: `UNWIND $rows AS s
MATCH (n:Entity {id: s.id}), (p:Entity {id: s.parent.id})
MERGE (n)-[r:SUBSIDIARY_OF]->(p)
SET r.kind = s.parent.kind, r.sharePercent = s.parent.sharePercent, r.sources = coalesce(s.parent.sources, s.sources)`,
  },
  {
    name: 'parks',
    rows: (seed) => seed.parks.map(withCity),
    cypher: `UNWIND $rows AS s ${upsert('Park')}
SET n.name = s.name, n.localName = s.localName, n.aliases = coalesce(s.aliases, []),
    n.aliasText = reduce(t = '', a IN coalesce(s.aliases, []) | t + a + ' | '), n.status = s.status, n.city = s.city
WITH n, s
MATCH (pr:Province {code: s.province})
MERGE (n)-[r:LOCATED_IN]->(pr) SET r.sources = s.sources
WITH n, s
${linkCity}
${citeSources()}`,
  },
  {
    name: 'facilities',
    rows: (seed) => seed.facilities.map(withCity),
    cypher: `UNWIND $rows AS s ${upsert('Facility')}
SET n.name = s.name, n.localName = s.localName, n.kind = s.kind, n.description = s.description,
    n.products = coalesce(s.products, []), n.city = s.city
WITH n, s
MATCH (pr:Province {code: s.province})
MERGE (n)-[r:LOCATED_IN]->(pr) SET r.sources = s.sources
WITH n, s
CALL { WITH n, s MATCH (pk:Entity {id: s.park}) MERGE (n)-[r:IN_PARK]->(pk) SET r.sources = s.sources }
CALL { WITH n, s MATCH (c:Entity {id: s.operator}) MERGE (c)-[r:OPERATES]->(n) SET r.sources = s.sources }
${linkCity}
${citeSources()}`,
  },
  {
    name: 'pledges',
    rows: (seed) => seed.pledges,
    cypher: `UNWIND $rows AS s ${upsert('Pledge')}
SET n.kind = s.kind, n.targetYear = s.targetYear, n.status = s.status, n.statement = s.statement
WITH n, s
MATCH (who:Entity {id: s.pledger.id})
MERGE (who)-[r:PLEDGED]->(n) SET r.sources = s.sources
${citeSources()}`,
  },
  {
    name: 'partnerships',
    rows: (seed) => seed.partnerships,
    cypher: `UNWIND $rows AS s ${upsert('Partnership')}
SET n.kind = s.kind, n.title = s.title, n.description = s.description, n.status = s.status,
    n.startedOn = s.startedOn, n.endedOn = s.endedOn,
    n.unnamedRoles = [u IN coalesce(s.unnamedParticipants, []) | u.role],
    n.unnamedDescriptions = [u IN coalesce(s.unnamedParticipants, []) | u.description]
WITH n, s
CALL {
  WITH n, s
  UNWIND s.participants AS x
  MATCH (c:Entity {id: x.company})
  MERGE (c)-[r:PARTICIPATES_IN]->(n)
  SET r.role = x.role, r.sources = coalesce(x.sources, s.sources)
}
CALL {
  WITH n, s
  UNWIND s.parks AS parkId
  MATCH (pk:Entity {id: parkId})
  MERGE (n)-[r:CONCERNS]->(pk) SET r.sources = s.sources
}
CALL {
  WITH n, s
  MATCH (pr:Province {code: s.province})
  MERGE (n)-[r:LOCATED_IN]->(pr) SET r.sources = s.sources
}
CALL {
  WITH n, s
  UNWIND coalesce(s.pledges, []) AS pledgeId
  MATCH (p:Entity {id: pledgeId})
  MERGE (n)-[r:CONTRIBUTES_TO]->(p) SET r.sources = s.sources
}
${citeSources()}`,
  },
];

export class SeedError extends Error {
  override name = 'SeedError';
}

/** Writes the seed in one write transaction. Throws SeedError when the seed data is unsound. */
export async function applySeed(db: Database, seed: SeedGraph = readSeed()): Promise<Record<string, number>> {
  const problems = checkSeed(seed);
  if (problems.length) throw new SeedError(`The seed data is unsound:\n- ${problems.join('\n- ')}`);
  const touched = [...seed.companies, ...seed.parks, ...seed.facilities, ...seed.partnerships].map((x) => x.id);
  return db.writeTransaction((tx: ManagedTransaction) =>
    maintainDerived(tx, touched, async () => {
      const counts: Record<string, number> = {};
      for (const statement of STATEMENTS) {
        const rows = statement.rows(seed);
        await tx.run(statement.cypher, toParams({ rows }) as Record<string, unknown>);
        counts[statement.name] = rows.length;
      }
      return counts;
    }),
  );
}

/** True when the database holds no entity yet. */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.read('RETURN EXISTS { MATCH (:Entity) } AS any');
  return row?.any !== true;
}
