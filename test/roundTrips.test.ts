/**
 * The number of Cypher round trips for a request depends on how deeply it
 * nests, never on how long its lists are.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { CONTRACT_EXAMPLE_VARIABLES } from '../src/client/operations/contractExamples.js';
import { rebuildDerived } from '../src/derived/rebuildDerived.js';
import { projectRoot } from '../src/projectRoot.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

/**
 * Adds `companies` foreign companies in Hubei, each leading `perCompany`
 * co-building partnerships over a park of its own, with a factory and a
 * pledge, all citing one test source.
 */
async function growHubei(from: number, to: number, perCompany: number) {
  const rows = Array.from({ length: to - from }, (_unused, index) => from + index);
  await graph.db.write(
    `MERGE (src:Entity:Source {id: 'test-source'}) SET src.title = 'Test fixture'
     WITH src
     UNWIND $rows AS i
     MERGE (c:Entity:Company {id: 'test-company-' + i})
     SET c.name = 'Test Company ' + i, c.aliases = []
     MERGE (c)-[:SOURCED_FROM]->(src)
     WITH c, i, src
     MATCH (de:Country {code: 'DE'}), (hb:Province {code: 'CN-HB'})
     MERGE (c)-[:HEADQUARTERED_IN {sources: ['test-source']}]->(de)
     MERGE (f:Entity:Facility {id: 'test-factory-' + i}) SET f.name = 'Test Factory ' + i, f.kind = 'FACTORY', f.products = []
     MERGE (c)-[:OPERATES]->(f) MERGE (f)-[:LOCATED_IN]->(hb)
     MERGE (pl:Entity:Pledge {id: 'test-pledge-' + i}) SET pl.kind = 'NET_ZERO', pl.targetYear = 2030 + i % 20, pl.status = 'ANNOUNCED'
     MERGE (c)-[:PLEDGED]->(pl)
     WITH c, i, hb
     UNWIND range(1, $perCompany) AS j
     MERGE (pk:Entity:Park {id: 'test-park-' + i + '-' + j}) SET pk.name = 'Test Park ' + i + '-' + j, pk.aliases = []
     MERGE (pk)-[:LOCATED_IN]->(hb)
     MERGE (p:Entity:Partnership {id: 'test-partnership-' + i + '-' + j})
     SET p.kind = 'CO_BUILD', p.title = 'Test Partnership ' + i + '-' + j
     MERGE (c)-[:PARTICIPATES_IN {role: 'LEAD'}]->(p)
     MERGE (p)-[:CONCERNS]->(pk)`,
    { rows, perCompany },
  );
  // The fixture writes around the write paths, so it rebuilds the derived data (foreign, ACTIVE_IN) they maintain.
  await rebuildDerived(graph.db);
}

const measured: Record<string, number[]> = {};

/** The analysts' operations (filters, sorts and aggregates), by name. */
const analystOperations: Record<string, string> = Object.fromEntries(
  parse(readFileSync(join(projectRoot(), 'src', 'client', 'operations', 'analysts.graphql'), 'utf8'))
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    .map((d) => [d.name!.value, print(d)]),
);
const ANALYST_OPERATIONS = ['PledgedCompanies', 'ForeignLedPartnerships', 'ParksWithTargets', 'ParentGroups', 'DomesticPartnersOfForeignFirms', 'PledgeWindow'];

async function analystRoundTrips(name: string) {
  const { errors, roundTrips } = await graph.execute(analystOperations[name]!, CONTRACT_EXAMPLE_VARIABLES[name], name);
  expect(errors).toBeUndefined();
  return roundTrips;
}

/** A wide request: 64 companies, each asking for several lists of entities (bounded by `first` to stay under the cost limit). */
const WIDE = `{
  companies(first: 64) {
    nodes { country { code } partnerships(first: 10) { nodes { parks(first: 5) { id } participants(first: 5) { company { id } } } } }
  }
}`;

async function wideRoundTrips() {
  const { errors, roundTrips } = await graph.execute(WIDE);
  expect(errors).toBeUndefined();
  return roundTrips;
}

async function roundTrips(name: string, variables: Record<string, unknown>) {
  const { data, errors, roundTrips } = await graph.execute(contractOperations[name]!, variables, name);
  expect(errors).toBeUndefined();
  (measured[name] ??= []).push(roundTrips);
  return { data, roundTrips };
}

describe('round trips per request', () => {
  let small: Record<string, number>;

  beforeAll(async () => {
    await growHubei(0, 5, 2);
    small = {
      ForeignCoBuilders: (await roundTrips('ForeignCoBuilders', { province: 'CN-HB' })).roundTrips,
      ProvinceOverview: (await roundTrips('ProvinceOverview', { code: 'CN-HB' })).roundTrips,
      CompanyProfile: (await roundTrips('CompanyProfile', { id: 'test-company-1' })).roundTrips,
      PledgesDueBy: (await roundTrips('PledgesDueBy', { year: 2100 })).roundTrips,
      ForeignFirmsInProvince: (await roundTrips('ForeignFirmsInProvince', { province: 'CN-HB' })).roundTrips,
      ParkDetail: (await roundTrips('ParkDetail', { id: 'test-park-1-1' })).roundTrips,
      GraphStats: (await roundTrips('GraphStats', {})).roundTrips,
      wide: await wideRoundTrips(),
    };
    await growHubei(5, 60, 20);
  });

  it('does not grow when the lists grow from a handful of parks to over a thousand', async () => {
    const big = await roundTrips('ProvinceOverview', { code: 'CN-HB' });
    expect(big.data!.province.parks.totalCount).toBe(5 * 2 + 55 * 20);
    expect(big.data!.province.partnerships.totalCount).toBe(2 + 5 * 2 + 55 * 20);
    expect(big.data!.province.companies.nodes).toHaveLength(50);
    expect(big.roundTrips).toBe(small.ProvinceOverview);

    const builders = await roundTrips('ForeignCoBuilders', { province: 'CN-HB' });
    expect(builders.data!.companies.totalCount).toBe(61);
    expect(builders.data!.companies.nodes).toHaveLength(50);
    expect(builders.roundTrips).toBe(small.ForeignCoBuilders);

    const profile = await roundTrips('CompanyProfile', { id: 'test-company-7' });
    expect(profile.data!.company.partnerships.totalCount).toBe(20);
    expect(profile.data!.company.partnerships.nodes).toHaveLength(20);
    expect(profile.roundTrips).toBe(small.CompanyProfile);

    const pledges = await roundTrips('PledgesDueBy', { year: 2100 });
    expect(pledges.data!.pledges.totalCount).toBe(64);
    expect(pledges.roundTrips).toBe(small.PledgesDueBy);

    expect((await roundTrips('GraphStats', {})).roundTrips).toBe(small.GraphStats);
    expect((await roundTrips('GraphStats', {})).roundTrips).toBe(small.GraphStats);
  });

  it('does not split a wide level into several round trips', async () => {
    const { data, errors, roundTrips } = await graph.execute(WIDE);
    expect(errors).toBeUndefined();
    expect(data!.companies.nodes).toHaveLength(64);
    const parks = data!.companies.nodes.flatMap((c: any) => c.partnerships.nodes.flatMap((p: any) => p.parks));
    expect(parks.length).toBeGreaterThan(500);
    expect(roundTrips).toBe(small.wide);
  });

  it("compiles each analyst operation, filters, sort and aggregate included, into one round trip", async () => {
    for (const name of ANALYST_OPERATIONS) expect({ name, roundTrips: await analystRoundTrips(name) }).toEqual({ name, roundTrips: 1 });
  });

  it('compiles each contract operation, nested lists and all, into one round trip', () => {
    expect(small.ForeignCoBuilders).toBe(1);
    expect(small.ForeignFirmsInProvince).toBe(1);
    expect(small.ProvinceOverview).toBe(1);
    expect(small.CompanyProfile).toBe(1);
    expect(small.ParkDetail).toBe(1);
    expect(small.PledgesDueBy).toBe(1);
    expect(small.wide).toBe(1);
    // The graph version (whole-graph figures are cached per version), the counts when not cached
    // for that version, and the provinces they name, all in one statement: measured after a
    // write (figures not held for the new version), and again with the figures held.
    expect(small.GraphStats).toBe(1);
    console.log('round trips (small graph, large graph):', JSON.stringify(measured));
  });
});
