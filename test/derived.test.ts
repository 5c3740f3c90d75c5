/**
 * Derived data (src/derived/): `Company.foreign` and ACTIVE_IN are maintained
 * by every write, and whole-graph figures follow every write. A seeded random
 * sequence of mutations, sent through GraphQL like a client's, is checked
 * against a full recomputation from the graph.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { derivedMismatches } from '../src/derived/rebuildDerived.js';
import { ALONE } from '../src/neo4j/batch.js';
import { graphStats } from '../src/stats/stats.cypher.js';
import { provinceActivityOp } from '../src/aggregates/aggregates.cypher.js';
import { checkImport, importFiles } from '../src/import/checkImport.js';
import { writeImport } from '../src/import/importer.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);

/** mulberry32: a small seeded generator, so that a failing sequence can be replayed. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const SOURCE = { id: 'derived-test-source' };
const COMPANIES = ['dc-0', 'dc-1', 'dc-2', 'dc-3', 'dc-4', 'dc-5'];
const PARKS = ['dp-0', 'dp-1', 'dp-2'];
const FACILITIES = ['df-0', 'df-1'];
const PARTNERSHIPS = ['dq-0', 'dq-1', 'dq-2', 'dq-3'];
const COUNTRIES = ['CN', 'DE', 'FR'];
const PROVINCES = ['CN-HB', 'CN-JS', 'CN-GD'];
const KINDS = ['CO_BUILD', 'CLEAN_ENERGY', 'SUPPLY'];

const M = {
  source: 'mutation($input: SourceInput!) { upsertSource(input: $input) { id } }',
  company: 'mutation($input: UpsertCompanyInput!) { upsertCompany(input: $input) { id } }',
  park: 'mutation($input: UpsertParkInput!) { upsertPark(input: $input) { id } }',
  facility: 'mutation($input: UpsertFacilityInput!) { upsertFacility(input: $input) { id } }',
  partnership: 'mutation($input: RecordPartnershipInput!) { recordPartnership(input: $input) { id } }',
  parent: 'mutation($input: LinkParentInput!) { linkParent(input: $input) { id } }',
  retireEntity: 'mutation($input: RetireEntityInput!) { retireEntity(input: $input) { id } }',
  retireRelationship: 'mutation($input: RetireRelationshipInput!) { retireRelationship(input: $input) { type } }',
};

async function send(query: string, input: Record<string, unknown>, role: 'editor' | 'admin' = 'editor') {
  const { body } = await writers.post(query, { input }, writers.keys[role]);
  return body as { data: unknown; errors?: { extensions?: { code?: string } }[] };
}

/** A write the rules refuse (a cycle, a second parent, a retired link) is fine; anything else is not. */
function expectAppliedOrRefused(result: { errors?: { extensions?: { code?: string } }[] }) {
  for (const error of result.errors ?? []) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
}

async function expectFiguresFresh() {
  const [computedStats] = await graph.db.read(graphStats.statement(ALONE).cypher);
  const [computedProvinces] = await graph.db.read(provinceActivityOp.statement(ALONE).cypher);
  const { data, errors } = await graph.execute(`{
    stats { companies foreignCompanies partnerships facilities byProvince { province { id } parks partnerships companies foreignCompanies } }
    aggregates { byProvince { province { id } companies foreignCompanies partnerships facilities } } }`);
  expect(errors).toBeUndefined();
  const stats = computedStats!.result as any;
  expect(data!.stats).toMatchObject({ companies: stats.companies, foreignCompanies: stats.foreignCompanies, partnerships: stats.partnerships, facilities: stats.facilities });
  expect(data!.stats.byProvince.map((p: any) => [p.province.id, p.parks, p.partnerships, p.companies, p.foreignCompanies])).toEqual(
    stats.byProvince.map((p: any) => [p.provinceId, p.parks, p.partnerships, p.companies, p.foreignCompanies]),
  );
  expect(data!.aggregates.byProvince.map((p: any) => [p.province.id, p.companies, p.foreignCompanies, p.partnerships, p.facilities])).toEqual(
    (computedProvinces!.result as any[]).map((p) => [p.provinceId, p.companies, p.foreignCompanies, p.partnerships, p.facilities]),
  );
}

describe('derived data', () => {
  it('is correct on the seed graph: BMW Brilliance is foreign through its parent, Schneider is active in Hubei', async () => {
    expect(await derivedMismatches(graph.db)).toEqual([]);
    const [row] = await graph.db.read(`
      MATCH (b:Company {id: 'bmw-brilliance'}), (s:Company {id: 'schneider-electric'})
      RETURN b.foreign AS bmw, [(s)-[a:ACTIVE_IN]->(p:Province {code: 'CN-HB'}) | a.kinds][0] AS schneiderInHubei`);
    expect(row).toEqual({ bmw: true, schneiderInHubei: expect.arrayContaining(['CO_BUILD']) });
  });

  it('stays equal to a full recomputation through a random sequence of mutations, and figures follow every write', async () => {
    const random = rng(20261125);
    expect((await send(M.source, { id: SOURCE.id, title: 'Derived data test (fictional)' })).errors).toBeUndefined();
    for (const id of COMPANIES) {
      expect((await send(M.company, { id, name: `Company ${id} (fictional)`, country: random.pick(COUNTRIES), source: SOURCE })).errors).toBeUndefined();
    }
    for (const id of PARKS) {
      expect((await send(M.park, { id, name: `Park ${id} (fictional)`, province: random.pick(PROVINCES), source: SOURCE })).errors).toBeUndefined();
    }
    await expectFiguresFresh();

    const steps: (() => Promise<unknown>)[] = [
      () => send(M.company, { id: random.pick(COMPANIES), name: 'Renamed (fictional)', country: random.pick(COUNTRIES), source: SOURCE }),
      () => send(M.parent, { company: random.pick(COMPANIES), parent: random.pick(COMPANIES), kind: 'SUBSIDIARY', source: SOURCE }),
      () => send(M.retireRelationship, { type: 'SUBSIDIARY_OF', from: random.pick(COMPANIES), to: random.pick(COMPANIES), retiredOn: '2025', source: SOURCE }, 'admin'),
      () => send(M.park, { id: random.pick(PARKS), name: 'Moved park (fictional)', province: random.pick(PROVINCES), source: SOURCE }),
      () => send(M.facility, {
        id: random.pick(FACILITIES), name: 'Facility (fictional)', kind: 'FACTORY', province: random.pick(PROVINCES),
        operator: random.pick(COMPANIES), source: SOURCE,
      }),
      () => send(M.partnership, {
        id: random.pick(PARTNERSHIPS), kind: random.pick(KINDS), title: 'Partnership (fictional)',
        participants: [{ company: random.pick(COMPANIES), role: 'PARTNER' }],
        ...(random.next() < 0.5 ? { parks: [random.pick(PARKS)] } : { province: random.pick(PROVINCES) }),
        source: SOURCE,
      }),
      () => send(M.retireRelationship, { type: 'PARTICIPATES_IN', from: random.pick(COMPANIES), to: random.pick(PARTNERSHIPS), retiredOn: '2025', source: SOURCE }, 'admin'),
      () => send(M.retireRelationship, { type: 'CONCERNS', from: random.pick(PARTNERSHIPS), to: random.pick(PARKS), retiredOn: '2025', source: SOURCE }, 'admin'),
      () => send(M.retireEntity, { id: random.pick([...PARTNERSHIPS, ...FACILITIES, ...PARKS, ...COMPANIES]), retiredOn: '2025', source: SOURCE }, 'admin'),
    ];
    // Partnerships and facilities are recorded more often, so that there is activity to retire.
    const weights = [2, 3, 1, 1, 2, 4, 1, 1, 1];
    const weighted = weights.flatMap((w, i) => Array.from({ length: w }, () => steps[i]!));
    for (let step = 0; step < 60; step += 1) {
      expectAppliedOrRefused((await weighted[Math.floor(random.next() * weighted.length)]!()) as never);
      if (step % 10 === 9) {
        expect(await derivedMismatches(graph.db), `after step ${step}`).toEqual([]);
        await expectFiguresFresh();
      }
    }
    const [made] = await graph.db.read(`RETURN COUNT { (:Company)-[:ACTIVE_IN]->(p:Province) WHERE p.code IN $provinces } AS active,
      COUNT { (c:Company) WHERE c.id IN $companies AND c.foreign } AS foreign`, { provinces: PROVINCES, companies: COMPANIES });
    // The sequence made some of both, or it tested little.
    expect(made!.active).toBeGreaterThan(0);
    expect(made!.foreign).toBeGreaterThan(0);
  }, 600_000);

  it('is maintained by the import, and figures follow an import batch', async () => {
    await graph.execute('{ stats { companies foreignCompanies } }');
    const dir = mkdtempSync(join(tmpdir(), 'gg-derived-'));
    const parseImportFile = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const names = [
      parseImportFile('sources.csv', 'id,title\nimport-derived-source,Import derived test (fictional)\n'),
      parseImportFile('companies.csv', [
        'id,name,country,parent,parentKind,source',
        'imp-parent,Import Parent (fictional),JP,,,import-derived-source',
        'imp-child,Import Child (fictional),CN,imp-parent,SUBSIDIARY,import-derived-source',
      ].join('\n')),
      parseImportFile('partnerships.csv', [
        'id,kind,title,participants,province,source',
        'imp-deal,SUPPLY,Import deal (fictional),imp-child:LEAD,CN-SC,import-derived-source',
      ].join('\n')),
    ];
    const { files } = importFiles(names);
    const checked = await checkImport(files, (cypher, params) => graph.db.read(cypher, params));
    expect(checked.problems).toEqual([]);
    await writeImport(graph.db, files, checked.rows, { batchSize: 1, by: 'import' });
    expect(await derivedMismatches(graph.db)).toEqual([]);
    const [row] = await graph.db.read(`MATCH (c:Company {id: 'imp-child'}) RETURN c.foreign AS foreign, [(c)-[a:ACTIVE_IN]->(p) | [p.code, a.kinds]] AS active`);
    expect(row).toEqual({ foreign: true, active: [['CN-SC', ['SUPPLY']]] });
    await expectFiguresFresh();
  }, 120_000);

  it('is never set by hand: a stored value that drifts is found and the rebuild repairs it', async () => {
    await graph.db.write(`MATCH (c:Company {id: 'bmw-brilliance'}) SET c.foreign = false`);
    expect((await derivedMismatches(graph.db)).map((row) => row.id)).toEqual(['bmw-brilliance']);
    const { rebuildDerived } = await import('../src/derived/rebuildDerived.js');
    await rebuildDerived(graph.db);
    expect(await derivedMismatches(graph.db)).toEqual([]);
  }, 120_000);
});
