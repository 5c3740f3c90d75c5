/**
 * Every operation of the client contract, unchanged, against the seed graph
 * in a real Neo4j, with the answers the report supports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../src/schema.js';
import { projectRoot } from '../src/projectRoot.js';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { changesContractSource, changesOperations, contractOperations, contractSource } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);
const run = (name: string, variables?: Record<string, unknown>) =>
  graph.execute(contractOperations[name]!, variables, name);

describe('the client contract', () => {
  it('validates against the schema unchanged', () => {
    const errors = validate(buildSchema(loadTypeDefs()), parse(contractSource));
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(Object.keys(contractOperations)).toHaveLength(10);
  });

  it("is the same as the team's shared contract, when that folder is there", () => {
    const shared = join(projectRoot(), '..', 'shared', 'contract', 'operations.graphql');
    // The shared folder exists beside the repo only on the team's machines; a clone works without it.
    const expected = existsSync(shared) ? readFileSync(shared, 'utf8') : contractSource;
    expect(contractSource).toBe(expected);
  });
});

describe('ForeignCoBuilders', () => {
  it('answers the headline question for Hubei: Schneider Electric and nobody else', async () => {
    const { data, errors } = await run('ForeignCoBuilders', { province: 'CN-HB' });
    expect(errors).toBeUndefined();
    expect(data!.companies.totalCount).toBe(1);
    expect(data!.companies.nodes).toEqual([
      { id: 'schneider-electric', name: 'Schneider Electric', foreign: true, country: { code: 'FR', name: 'France' } },
    ]);
    expect(data!.companies.edges).toEqual([
      { cursor: data!.companies.pageInfo.endCursor, node: { id: 'schneider-electric', name: 'Schneider Electric' } },
    ]);
    expect(data!.companies.pageInfo.hasNextPage).toBe(false);
  });

  it('finds no foreign co-builders where the report names none', async () => {
    for (const province of ['CN-LN', 'CN-JS', 'CN-BJ']) {
      const { data, errors } = await run('ForeignCoBuilders', { province });
      expect(errors).toBeUndefined();
      expect(data!.companies).toMatchObject({ totalCount: 0, nodes: [], edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    }
  });
});

describe('ForeignFirmsInProvince', () => {
  it('counts a Chinese joint venture with a German parent as foreign in Liaoning', async () => {
    const { data, errors } = await run('ForeignFirmsInProvince', { province: 'CN-LN' });
    expect(errors).toBeUndefined();
    expect(data!.companies).toEqual({ totalCount: 1, nodes: [{ id: 'bmw-brilliance', name: 'BMW Brilliance Automotive', country: { code: 'CN' } }] });
  });

  it('finds Panasonic through its factories in Jiangsu and in Guangdong', async () => {
    for (const province of ['CN-JS', 'CN-GD']) {
      const { data } = await run('ForeignFirmsInProvince', { province });
      expect(data!.companies.nodes).toEqual([{ id: 'panasonic', name: 'Panasonic', country: { code: 'JP' } }]);
    }
  });
});

describe('CompanyProfile', () => {
  it('shows BMW Brilliance with its parent, partnership, plant and sources', async () => {
    const { data, errors } = await run('CompanyProfile', { id: 'bmw-brilliance' });
    expect(errors).toBeUndefined();
    const company = data!.company;
    expect(company).toMatchObject({
      id: 'bmw-brilliance',
      name: 'BMW Brilliance Automotive',
      localName: null,
      foreign: true,
      sector: 'Automotive',
      country: { code: 'CN', name: 'China' },
      parent: { id: 'bmw-group', name: 'BMW Group', country: { code: 'DE' } },
      pledges: [],
    });
    expect(company.partnerships.totalCount).toBe(1);
    expect(company.partnerships.nodes).toEqual([
      {
        id: 'sino-german-park-geothermal-heating',
        kind: 'CLEAN_ENERGY',
        title: 'Geothermal clean-energy heating in the Sino-German park, Shenyang',
        status: 'ACTIVE',
        startedOn: '2024-10',
        province: { code: 'CN-LN', name: 'Liaoning' },
        parks: [{ id: 'sino-german-park-shenyang', name: 'Sino-German Industrial Park for Equipment Manufacturing' }],
        participants: [{ role: 'LEAD', company: { id: 'bmw-brilliance', name: 'BMW Brilliance Automotive' } }],
      },
    ]);
    expect(company.facilities).toEqual([
      { id: 'bmw-brilliance-tiexi-plant', name: 'BMW Brilliance Plant Tiexi', city: 'Shenyang', province: { code: 'CN-LN', name: 'Liaoning' } },
    ]);
    expect(company.sources.map((s: { id: string }) => s.id).sort()).toEqual(['bmw-group-report-2024', 'report-zero-carbon-parks-de']);
    const report = company.sources.find((s: { id: string }) => s.id === 'report-zero-carbon-parks-de');
    expect(report).toEqual({
      id: 'report-zero-carbon-parks-de',
      title: 'Kohlenstofffreie Industrieparks in China – Auch ausländische Unternehmen beteiligen sich',
      publisher: 'Xinhua',
      publishedOn: null,
      url: null,
    });
  });

  it('shows Panasonic with its 2030 pledge and factory groups, and no parent', async () => {
    const { data } = await run('CompanyProfile', { id: 'panasonic' });
    expect(data!.company).toMatchObject({ foreign: true, parent: null, country: { code: 'JP', name: 'Japan' } });
    expect(data!.company.pledges).toEqual([
      { id: 'panasonic-zero-co2-2030', kind: 'ZERO_EMISSIONS', targetYear: 2030, status: 'ANNOUNCED', statement: 'Zero carbon emissions by 2030.' },
    ]);
    expect(data!.company.facilities.map((f: { province: { code: string } }) => f.province.code).sort()).toEqual(['CN-GD', 'CN-JS']);
  });

  it('answers null for an unknown id, without an error', async () => {
    const { data, errors } = await run('CompanyProfile', { id: 'no-such-company' });
    expect(errors).toBeUndefined();
    expect(data!.company).toBeNull();
  });
});

describe('ProvinceOverview', () => {
  it('shows Hubei with Schneider Electric and its two partnerships, and no named park', async () => {
    const { data, errors } = await run('ProvinceOverview', { code: 'CN-HB' });
    expect(errors).toBeUndefined();
    expect(data!.province).toMatchObject({
      code: 'CN-HB',
      name: 'Hubei',
      localName: '湖北省',
      kind: 'PROVINCE',
      parks: { totalCount: 0, nodes: [] },
      companies: { totalCount: 1, nodes: [{ id: 'schneider-electric', name: 'Schneider Electric', country: { code: 'FR' } }] },
    });
    expect(data!.province.partnerships.totalCount).toBe(2);
    expect(data!.province.partnerships.nodes.map((p: { kind: string }) => p.kind).sort()).toEqual(['CO_BUILD', 'UPGRADE']);
  });

  it('shows Liaoning with the Sino-German park and its 2027 zero-carbon target', async () => {
    const { data } = await run('ProvinceOverview', { code: 'CN-LN' });
    expect(data!.province.parks).toEqual({
      totalCount: 1,
      nodes: [
        {
          id: 'sino-german-park-shenyang',
          name: 'Sino-German Industrial Park for Equipment Manufacturing',
          city: 'Shenyang',
          status: 'OPERATING',
          zeroCarbonTargetYear: 2027,
        },
      ],
    });
    expect(data!.province.companies.nodes.map((c: { id: string }) => c.id)).toEqual(['bmw-brilliance']);
  });

  it('answers null for a code that is no province', async () => {
    const { data, errors } = await run('ProvinceOverview', { code: 'CN-XX' });
    expect(errors).toBeUndefined();
    expect(data!.province).toBeNull();
  });
});

describe('ParkDetail', () => {
  it('shows the Sino-German park with the geothermal heating partnership and its sources', async () => {
    const { data, errors } = await run('ParkDetail', { id: 'sino-german-park-shenyang' });
    expect(errors).toBeUndefined();
    const park = data!.park;
    expect(park).toMatchObject({
      id: 'sino-german-park-shenyang',
      status: 'OPERATING',
      city: 'Shenyang',
      zeroCarbonTargetYear: 2027,
      province: { code: 'CN-LN', name: 'Liaoning' },
      pledges: [{ id: 'sino-german-park-zero-carbon-2027', kind: 'ZERO_CARBON', targetYear: 2027, status: 'ANNOUNCED' }],
      facilities: [],
    });
    expect(park.partnerships).toHaveLength(1);
    expect(park.partnerships[0]).toMatchObject({
      kind: 'CLEAN_ENERGY',
      startedOn: '2024-10',
      participants: [{ role: 'LEAD', company: { id: 'bmw-brilliance', name: 'BMW Brilliance Automotive', foreign: true } }],
      sources: [{ title: 'Kohlenstofffreie Industrieparks in China – Auch ausländische Unternehmen beteiligen sich', publisher: 'Xinhua' }],
    });
    expect(park.partnerships[0].description).toContain('2,900 m');
  });
});

describe('PledgesDueBy', () => {
  it('lists the pledges due by 2030 in target-year order, with their pledgers', async () => {
    const { data, errors } = await run('PledgesDueBy', { year: 2030 });
    expect(errors).toBeUndefined();
    expect(data!.pledges.totalCount).toBe(3);
    expect(data!.pledges.nodes.map((p: { id: string; targetYear: number; pledger: unknown }) => [p.id, p.targetYear, p.pledger])).toEqual([
      ['sino-german-park-zero-carbon-2027', 2027, { __typename: 'Park', id: 'sino-german-park-shenyang', name: 'Sino-German Industrial Park for Equipment Manufacturing' }],
      ['china-co2-peak-2030', 2030, { __typename: 'Country', code: 'CN', name: 'China' }],
      ['panasonic-zero-co2-2030', 2030, { __typename: 'Company', id: 'panasonic', name: 'Panasonic' }],
    ]);
    const chinaPeak = data!.pledges.nodes[1];
    expect(chinaPeak.sources.map((s: { publisher: string }) => s.publisher).sort()).toEqual([
      "Ministry of Foreign Affairs of the People's Republic of China",
      'Xinhua',
    ]);
  });

  it('includes the 2060 carbon-neutrality goal only when the year reaches it', async () => {
    expect((await run('PledgesDueBy', { year: 2059 })).data!.pledges.totalCount).toBe(3);
    expect((await run('PledgesDueBy', { year: 2060 })).data!.pledges.totalCount).toBe(4);
    expect((await run('PledgesDueBy', { year: 2026 })).data!.pledges.totalCount).toBe(0);
  });
});

describe('Search', () => {
  it('finds Schneider Electric despite a typo, best first', async () => {
    const { data, errors } = await run('Search', { text: 'Schnieder' });
    expect(errors).toBeUndefined();
    expect(data!.search[0].node).toEqual({ __typename: 'Company', id: 'schneider-electric', name: 'Schneider Electric' });
    expect(data!.search[0].score).toBeGreaterThan(0);
  });

  it('finds a province by its Chinese name and a partnership by a title word', async () => {
    const hubei = await run('Search', { text: '湖北' });
    expect(hubei.data!.search[0].node).toEqual({ __typename: 'Province', id: 'hubei', code: 'CN-HB', name: 'Hubei' });
    const geothermal = await run('Search', { text: 'geothermal' });
    expect(geothermal.data!.search[0].node).toEqual({
      __typename: 'Partnership',
      id: 'sino-german-park-geothermal-heating',
      title: 'Geothermal clean-energy heating in the Sino-German park, Shenyang',
    });
  });
});

describe('HowConnected', () => {
  it('connects BMW Brilliance to the Sino-German park through their partnership', async () => {
    const { data, errors } = await run('HowConnected', { from: 'bmw-brilliance', to: 'sino-german-park-shenyang' });
    expect(errors).toBeUndefined();
    expect(data!.shortestPath.length).toBe(2);
    expect(data!.shortestPath.nodes.map((n: { id: string; type: string }) => [n.id, n.type])).toEqual([
      ['bmw-brilliance', 'Company'],
      ['sino-german-park-geothermal-heating', 'Partnership'],
      ['sino-german-park-shenyang', 'Park'],
    ]);
    expect(data!.shortestPath.edges).toEqual([
      { type: 'PARTICIPATES_IN', from: 'bmw-brilliance', to: 'sino-german-park-geothermal-heating' },
      { type: 'CONCERNS', from: 'sino-german-park-geothermal-heating', to: 'sino-german-park-shenyang' },
    ]);
  });

  it('links Schneider Electric to BMW Group through places and firms, not through the shared report', async () => {
    const { data } = await run('HowConnected', { from: 'schneider-electric', to: 'bmw-group' });
    const path = data!.shortestPath;
    expect(path.nodes.map((n: { type: string }) => n.type)).not.toContain('Source');
    expect(path.length).toBe(path.edges.length);
    expect(path.nodes[0].id).toBe('schneider-electric');
    expect(path.nodes.at(-1).id).toBe('bmw-group');
  });

  it('answers null when an id is unknown', async () => {
    const { data, errors } = await run('HowConnected', { from: 'bmw-brilliance', to: 'nowhere' });
    expect(errors).toBeUndefined();
    expect(data!.shortestPath).toBeNull();
  });
});

describe('Neighborhood', () => {
  it('draws the Sino-German park with its province, pledge and partnership', async () => {
    const { data, errors } = await run('Neighborhood', { id: 'sino-german-park-shenyang' });
    expect(errors).toBeUndefined();
    const ids = data!.neighborhood.nodes.map((n: { id: string }) => n.id).sort();
    expect(ids).toEqual(['liaoning', 'sino-german-park-geothermal-heating', 'sino-german-park-shenyang', 'sino-german-park-zero-carbon-2027']);
    for (const edge of data!.neighborhood.edges) {
      expect(ids).toContain(edge.from);
      expect(ids).toContain(edge.to);
    }
    expect(data!.neighborhood.edges).toContainEqual({ type: 'LOCATED_IN', from: 'sino-german-park-shenyang', to: 'liaoning' });
  });

  it('reaches BMW Brilliance and its parent at depth 3', async () => {
    const { data } = await run('Neighborhood', { id: 'sino-german-park-shenyang', depth: 3 });
    const ids = data!.neighborhood.nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain('bmw-brilliance');
    expect(ids).toContain('bmw-group');
    expect(ids).not.toContain('report-zero-carbon-parks-de');
  });
});

describe('GraphStats', () => {
  it('counts the seed graph and breaks it down by province', async () => {
    const { data, errors } = await run('GraphStats');
    expect(errors).toBeUndefined();
    const { byProvince, ...totals } = data!.stats;
    // Nine sources: the report's five, and four for reference data (ISO 3166-1, ISO 3166-2:CN, the
    // provinces' Chinese names and, since issue 11, the statistics bureau's prefecture-level cities).
    expect(totals).toEqual({ companies: 4, foreignCompanies: 4, parks: 1, partnerships: 3, pledges: 4, sources: 9 });
    expect(byProvince).toHaveLength(34);
    const row = (code: string) => byProvince.find((p: { province: { code: string } }) => p.province.code === code);
    expect(row('CN-HB')).toEqual({ province: { code: 'CN-HB', name: 'Hubei' }, parks: 0, partnerships: 2, foreignCompanies: 1 });
    expect(row('CN-LN')).toEqual({ province: { code: 'CN-LN', name: 'Liaoning' }, parks: 1, partnerships: 1, foreignCompanies: 1 });
    expect(row('CN-JS')).toEqual({ province: { code: 'CN-JS', name: 'Jiangsu' }, parks: 0, partnerships: 0, foreignCompanies: 1 });
    expect(row('CN-XZ')).toEqual({ province: { code: 'CN-XZ', name: 'Tibet' }, parks: 0, partnerships: 0, foreignCompanies: 0 });
  });
});

// Last: its mutation adds a source, which the counts above must not see.
describe('the change-feed contract (changes.graphql)', { timeout: 120_000 }, () => {
  it('validates against the schema unchanged, and is the shared folder\'s copy when that is there', () => {
    const errors = validate(buildSchema(loadTypeDefs()), parse(changesContractSource));
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(Object.keys(changesOperations).sort()).toEqual(['ChangesSince', 'GraphChanged']);
    const shared = join(projectRoot(), '..', 'shared', 'contract', 'changes.graphql');
    expect(changesContractSource).toBe(existsSync(shared) ? readFileSync(shared, 'utf8') : changesContractSource);
  });

  it('ChangesSince pages through the seed\'s changes, filtered by type', async () => {
    const first = await graph.execute(changesOperations.ChangesSince!, { first: 2, types: ['Province'] }, 'ChangesSince');
    expect(first.errors).toBeUndefined();
    const page = first.data!.changes;
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.nodes).toHaveLength(2);
    for (const node of page.nodes) {
      expect(node).toMatchObject({ op: 'CREATED', by: 'seed', importId: null, entity: { __typename: 'Province' }, edge: null });
      expect(node.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    const next = await graph.execute(changesOperations.ChangesSince!, { after: page.pageInfo.endCursor, types: ['Province'] }, 'ChangesSince');
    expect(next.data!.changes.nodes.map((n: { entity: { id: string } }) => n.entity.id)).not.toContain(page.nodes[0].entity.id);
    const [provinces] = await graph.db.read('MATCH (p:Province) RETURN count(p) AS n');
    expect(next.data!.changes.nodes.length + 2).toBe(provinces!.n);
  });

  it('GraphChanged, over WebSocket, sends the change a mutation makes', async () => {
    const seen = await graph.execute(changesOperations.ChangesSince!, { first: 100 }, 'ChangesSince');
    let after = seen.data!.changes.pageInfo.endCursor as string;
    for (let page = seen.data!.changes; page.pageInfo.hasNextPage; ) {
      page = (await graph.execute(changesOperations.ChangesSince!, { after, first: 100 }, 'ChangesSince')).data!.changes;
      after = page.pageInfo.endCursor;
    }
    const client = createWsClient({ url: `${writers.base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const received = new Promise<any>((resolve, reject) => {
        client.subscribe({ query: changesOperations.GraphChanged!, variables: { after, types: ['Source'] } }, { next: resolve, error: reject, complete: () => undefined });
      });
      const { body } = await writers.post('mutation($input: SourceInput!) { upsertSource(input: $input) { id } }', { input: { id: 'contract-feed-source', title: 'Feed (fictional)' } }, writers.keys.editor);
      expect(body.errors).toBeUndefined();
      const result = await received;
      expect(result.errors).toBeUndefined();
      expect(result.data.graphChanged).toMatchObject({ op: 'CREATED', importId: null, entity: { __typename: 'Source', id: 'contract-feed-source' }, edge: null });
      expect(result.data.graphChanged.by).toMatch(/^test editor/);
    } finally {
      await client.dispose();
    }
  });
});
