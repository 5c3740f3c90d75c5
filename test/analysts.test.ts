/**
 * The analysts' operations (src/client/operations/analysts.graphql, the
 * team's shared analysts.graphql unchanged) against the seed graph, and the
 * filter grammar's edges: province names, two-valued logic, bad filters.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CONTRACT_EXAMPLE_VARIABLES } from '../src/client/operations/contractExamples.js';
import { projectRoot } from '../src/projectRoot.js';
import { loadTypeDefs } from '../src/schema.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

const operationsOf = (text: string): Record<string, string> =>
  Object.fromEntries(
    parse(text)
      .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
      .map((d) => [d.name!.value, print(d)]),
  );

const ours = operationsOf(readFileSync(join(projectRoot(), 'src', 'client', 'operations', 'analysts.graphql'), 'utf8'));
const SHARED = join(projectRoot(), '..', 'shared', 'contract', 'analysts.graphql');
const ANALYST_OPERATIONS = ['PledgedCompanies', 'ForeignLedPartnerships', 'ParksWithTargets', 'ParentGroups', 'DomesticPartnersOfForeignFirms', 'PledgeWindow'];

const run = async (name: string, variables: Record<string, unknown> = CONTRACT_EXAMPLE_VARIABLES[name] ?? {}) => {
  const result = await graph.execute(ours[name]!, variables, name);
  expect(result.errors).toBeUndefined();
  return result.data!;
};

describe("the analysts' operations", () => {
  it('validate against the schema unchanged', () => {
    const text = readFileSync(join(projectRoot(), 'src', 'client', 'operations', 'analysts.graphql'), 'utf8');
    expect(validate(buildSchema(loadTypeDefs()), parse(text)).map((e) => e.message)).toEqual([]);
  });

  it("are the team's shared analysts.graphql, operation for operation, when that folder is there", () => {
    // The shared folder exists beside the repo only on the team's machines; a clone works without it.
    // Ours holds one more operation of our own (Aggregates), so without the folder it is checked for the six.
    const shared = existsSync(SHARED) ? operationsOf(readFileSync(SHARED, 'utf8')) : ours;
    if (shared !== ours) expect(Object.keys(shared).sort()).toEqual([...ANALYST_OPERATIONS].sort());
    for (const name of ANALYST_OPERATIONS) {
      expect(ours[name], name).toEqual(expect.stringContaining(`query ${name}`));
      expect(ours[name], name).toBe(shared[name]);
    }
  });

  it('PledgedCompanies: electronics firms with a zero-emissions pledge due by 2050', async () => {
    const data = await run('PledgedCompanies');
    expect(data.companies).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      nodes: [{ id: 'panasonic', name: 'Panasonic', sector: 'Electronics', country: { code: 'JP' }, pledges: [{ kind: 'ZERO_EMISSIONS', targetYear: 2030 }] }],
    });
    expect((await run('PledgedCompanies', { sector: 'electr', year: 2029 })).companies.totalCount).toBe(0);
  });

  it('ForeignLedPartnerships: the geothermal heating led by BMW Brilliance since 2024', async () => {
    const data = await run('ForeignLedPartnerships');
    expect(data.partnerships.totalCount).toBe(1);
    expect(data.partnerships.nodes[0]).toMatchObject({ id: 'sino-german-park-geothermal-heating', startedOn: '2024-10' });
    expect((await run('ForeignLedPartnerships', { since: '2024-11' })).partnerships.totalCount).toBe(0);
  });

  it('ParksWithTargets: the Sino-German park, with its province named in English', async () => {
    const data = await run('ParksWithTargets');
    expect(data.parks).toEqual({
      totalCount: 1,
      nodes: [{ id: 'sino-german-park-shenyang', name: 'Sino-German Industrial Park for Equipment Manufacturing', province: { code: 'CN-LN' }, zeroCarbonTargetYear: 2027 }],
    });
    expect((await run('ParksWithTargets', { provinceA: 'CN-HB', provinceB: '湖北省', year: 2030 })).parks.totalCount).toBe(0);
  });

  it('ParentGroups: BMW Group, not its Chinese joint venture', async () => {
    const data = await run('ParentGroups');
    expect(data.companies).toEqual({
      totalCount: 1,
      nodes: [{ id: 'bmw-group', name: 'BMW Group', country: { code: 'DE' }, subsidiaries: [{ id: 'bmw-brilliance', name: 'BMW Brilliance Automotive' }] }],
    });
  });

  it('DomesticPartnersOfForeignFirms: none in the seed, whose partnerships each have one named participant', async () => {
    const data = await run('DomesticPartnersOfForeignFirms');
    expect(data.companies).toEqual({ totalCount: 0, nodes: [] });
  });

  it('PledgeWindow: pledges due 2027-2035 soonest first, with figures over the window', async () => {
    const data = await run('PledgeWindow');
    expect(data.pledges.totalCount).toBe(3);
    expect(data.pledges.aggregate).toEqual({ count: 3, targetYear: { min: 2027, max: 2030, avg: (2027 + 2030 + 2030) / 3 } });
    expect(data.pledges.nodes.map((p: { id: string }) => p.id)).toEqual(['sino-german-park-zero-carbon-2027', 'china-co2-peak-2030', 'panasonic-zero-co2-2030']);
  });
});
