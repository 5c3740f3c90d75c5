/**
 * Retired facts are history: no list, search, figure, export or derived fact
 * counts them, while the entity stays readable by id. The seed's one foreign
 * co-builder in Hubei (Schneider Electric) is retired, and every read that
 * counted it is asked again.
 */
import { describe, expect, it } from 'vitest';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';
import { useWriters } from './support/writers.js';

const graph = useSeededGraph();
const writers = useWriters(graph);
const FIRM = 'schneider-electric';

const STATS = `{ stats { companies foreignCompanies entities relationships byProvince { province { code } companies foreignCompanies } } }`;
const AGGREGATES = `{ aggregates {
  byProvince { province { code } companies foreignCompanies foreignPartnerships }
  byHeadquartersCountry { country { code } companies partnerships }
  byPartnershipKind { kind companies foreignCompanies }
} }`;

async function read(query: string, variables?: Record<string, unknown>) {
  const { data, errors } = await graph.execute(query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

type Counts = { companies: number; foreignCompanies: number; foreignPartnerships: number };
const hubei = (rows: ({ province: { code: string } } & Counts)[]) => rows.find((r) => r.province.code === 'CN-HB');
const france = (rows: ({ country: { code: string } } & Counts)[]) => rows.find((r) => r.country.code === 'FR');

async function exportedIds(base: string): Promise<string[]> {
  const response = await fetch(`${base}/export/graph.json`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { nodes: { id: string }[] };
  return body.nodes.map((n) => n.id);
}

describe('a retired entity', { timeout: 120_000 }, () => {
  it('is left out of search, stats, aggregates, exports and the derived ACTIVE_IN, and stays readable by id', async () => {
    const base = writers.base;
    const statsBefore = (await read(STATS)).stats;
    const aggregatesBefore = (await read(AGGREGATES)).aggregates;
    expect((await read(`{ search(text: "Schneider") { node { id } } }`)).search.map((h: { node: { id: string } }) => h.node.id)).toContain(FIRM);
    expect((await read(contractOperations.ForeignCoBuilders!, { province: 'CN-HB' })).companies.totalCount).toBe(1);
    expect(await exportedIds(base)).toContain(FIRM);
    const [active] = await graph.db.read(`MATCH (:Company {id: $id})-[a:ACTIVE_IN]->() RETURN count(a) AS n`, { id: FIRM });
    expect(active!.n).toBeGreaterThan(0);

    const { body } = await writers.post(
      `mutation($input: RetireEntityInput!) { retireEntity(input: $input) { id } }`,
      { input: { id: FIRM, retiredOn: '2025-01', reason: 'test', source: { id: 'schneider-electric-urd-2024' } } },
      writers.keys.admin,
    );
    expect((body as { errors?: unknown }).errors).toBeUndefined();

    expect((await read(`{ search(text: "Schneider") { node { id } } }`)).search.map((h: { node: { id: string } }) => h.node.id)).not.toContain(FIRM);
    const stats = (await read(STATS)).stats;
    expect(stats.companies).toBe(statsBefore.companies - 1);
    expect(stats.foreignCompanies).toBe(statsBefore.foreignCompanies - 1);
    expect(stats.entities).toBe(statsBefore.entities - 1);
    expect(stats.relationships).toBeLessThan(statsBefore.relationships);
    expect(hubei(stats.byProvince)!.foreignCompanies).toBe(hubei(statsBefore.byProvince)!.foreignCompanies - 1);

    const aggregates = (await read(AGGREGATES)).aggregates;
    expect(hubei(aggregates.byProvince)?.foreignCompanies ?? 0).toBe(hubei(aggregatesBefore.byProvince)!.foreignCompanies - 1);
    expect(hubei(aggregates.byProvince)?.foreignPartnerships ?? 0).toBeLessThan(hubei(aggregatesBefore.byProvince)!.foreignPartnerships);
    expect(france(aggregates.byHeadquartersCountry)?.companies ?? 0).toBe(france(aggregatesBefore.byHeadquartersCountry)!.companies - 1);
    const coBuild = (rows: { kind: string; foreignCompanies: number }[]) => rows.find((r) => r.kind === 'CO_BUILD')!.foreignCompanies;
    expect(coBuild(aggregates.byPartnershipKind)).toBe(coBuild(aggregatesBefore.byPartnershipKind) - 1);

    expect(await exportedIds(base)).not.toContain(FIRM);
    const [after] = await graph.db.read(`MATCH (:Company {id: $id})-[a:ACTIVE_IN]->() RETURN count(a) AS n`, { id: FIRM });
    expect(after!.n).toBe(0);
    expect((await read(contractOperations.ForeignCoBuilders!, { province: 'CN-HB' })).companies.totalCount).toBe(0);
    expect((await read(`{ company(id: "${FIRM}") { id retiredOn foreign } }`)).company).toEqual({ id: FIRM, retiredOn: '2025-01', foreign: true });
  });
});
