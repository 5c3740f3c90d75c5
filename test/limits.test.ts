/**
 * Query limits over HTTP: hostile queries are refused with 400 and an error
 * that names the limit, the value found and the maximum, before any Cypher
 * runs; the contract operations stay far inside the defaults.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS, operationCost, operationCostDetail, operationDepth } from '../src/limits/queryLimits.js';
import { CONTRACT_EXAMPLE_VARIABLES } from '../src/client/operations/contractExamples.js';
import { projectRoot } from '../src/projectRoot.js';
import { loadTypeDefs } from '../src/schema.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
let base: string;

beforeAll(async () => {
  base = `http://127.0.0.1:${await graph.server.listen(0)}`;
});

const post = async (query: string, variables?: Record<string, unknown>) => {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
};

const expectRefused = (
  result: Awaited<ReturnType<typeof post>>,
  limit: string,
  max: number,
) => {
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  const [error] = result.body.errors;
  expect(error.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit, max });
  expect(error.extensions.found).toBeGreaterThan(max);
  expect(error.message).toContain(`${limit} is ${error.extensions.found}, over the limit of ${max}`);
};

/** Typical variables for each contract operation; cost depends on them only through `first`. */
const contractVariables: Record<string, Record<string, unknown>> = {
  ForeignCoBuilders: { province: 'CN-HB' },
  ForeignFirmsInProvince: { province: 'CN-HB' },
  CompanyProfile: { id: 'schneider-electric' },
  ProvinceOverview: { code: 'CN-HB' },
  ParkDetail: { id: 'x' },
  PledgesDueBy: { year: 2030 },
  Search: { text: 'wind' },
  HowConnected: { from: 'a', to: 'b' },
  Neighborhood: { id: 'x' },
  GraphStats: {},
};

describe('query limits', () => {
  it('leave every contract operation far inside the defaults, and answer them', async () => {
    const schema = buildSchema(loadTypeDefs());
    const measured: Record<string, { depth: number; cost: number }> = {};
    for (const [name, query] of Object.entries(contractOperations)) {
      const document = parse(query);
      measured[name] = {
        depth: operationDepth(schema, document),
        cost: operationCost(schema, document, contractVariables[name]),
      };
      const result = await post(query, contractVariables[name]);
      expect(result.status, name).toBe(200);
      expect(result.body.errors, name).toBeUndefined();
    }
    console.log('contract operations, depth and cost:', JSON.stringify(measured));
    expect(Object.keys(measured)).toHaveLength(10);
    for (const { depth, cost } of Object.values(measured)) {
      expect(depth).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxDepth - 3);
      expect(cost).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxCost / 4);
    }
  });

  it('refuse a deeply nested query', async () => {
    let selection = 'id';
    for (let i = 0; i < 10; i += 1) selection = `parent { ${selection} }`;
    const result = await post(`{ company(id: "schneider-electric") { ${selection} } }`);
    expectRefused(result, 'depth', DEFAULT_QUERY_LIMITS.maxDepth);
    expect(result.body.errors[0].extensions.found).toBe(12);
  });

  it('refuse an alias bomb', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: stats { companies }`).join(' ');
    expectRefused(await post(`{ ${aliases} }`), 'alias count', DEFAULT_QUERY_LIMITS.maxAliases);
  });

  it('refuse a huge page request by its cost', async () => {
    const result = await post('query ($n: Int) { companies(first: $n) { nodes { id name country { code } } } }', { n: 1_000_000 });
    expectRefused(result, 'cost', DEFAULT_QUERY_LIMITS.maxCost);
  });

  it('refuse a cost bomb through nested connections, each page small', async () => {
    const query = `{
      companies(first: 100) { nodes { id
        partnerships(first: 100) { nodes { id
          participants { company { id partnerships(first: 100) { nodes { id } } } } } } } }
    }`;
    const result = await post(query);
    expectRefused(result, 'cost', DEFAULT_QUERY_LIMITS.maxCost);
    expect(result.body.errors[0].message).toMatch(/smaller pages/);
  });

  it('refuse an abusive filter before it runs, naming its costly part; the analysts\' operations stay inside', async () => {
    const deep = '{ partnerships: { some: { participants: { some: { company: { pledges: { some: { targetYear: { gte: 2030 } } } } } } } } }';
    const branches = Array.from({ length: 40 }, () => deep).join(', ');
    const result = await post(`{ companies(where: { OR: [${branches}] }, first: 5) { nodes { id } } }`);
    expectRefused(result, 'filter cost', DEFAULT_QUERY_LIMITS.maxCost);
    expect(result.body.errors[0].message).toMatch(/its costliest part is "companies\(where\)\.OR" \(\d+\): .*use fewer OR branches or nest relationship filters less deeply/);

    // Two nested relationship filters and a handful of conditions are an ordinary question.
    const ordinary = `{ companies(where: { sector: { contains: "a" }, foreign: false, partnerships: { some: { kind: CO_BUILD,
      startedOn: { gte: "2020" }, participants: { some: { role: { eq: LEAD }, company: { foreign: true, name: { startsWith: "S" } } } } } } }) { totalCount } }`;
    expect((await post(ordinary)).status).toBe(200);
    const analysts = readFileSync(join(projectRoot(), 'src', 'client', 'operations', 'analysts.graphql'), 'utf8');
    const document = parse(analysts);
    const schema = buildSchema(loadTypeDefs());
    for (const definition of document.definitions) {
      const name = (definition as OperationDefinitionNode).name!.value;
      const { cost, filterCost } = operationCostDetail(schema, document, CONTRACT_EXAMPLE_VARIABLES[name] ?? {}, name);
      expect({ name, cost: cost <= DEFAULT_QUERY_LIMITS.maxCost, filterCost: filterCost <= DEFAULT_QUERY_LIMITS.maxCost / 10 }).toEqual({ name, cost: true, filterCost: true });
    }
  });

  it('refuse too many directives', async () => {
    const fields = Array.from({ length: 12 }, () => 'companies @include(if: true)').join(' ');
    expectRefused(await post(`{ stats { ${fields} } }`), 'directive count', DEFAULT_QUERY_LIMITS.maxDirectives);
  });

  it('refuse a document of too many tokens before parsing it all', async () => {
    const result = await post(`{ stats { ${'companies '.repeat(3000)} } }`);
    expect(result.status).toBe(400);
    expect(result.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    // graphql-js's own wording, typo included.
    expect(result.body.errors[0].message).toContain(`Document contains more that ${DEFAULT_QUERY_LIMITS.maxTokens} tokens`);
  });

  it('refuse a 1 MB body with 413 and a JSON error', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ stats { companies } } # ${'x'.repeat(1024 * 1024)}` }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/exceeds 262144 bytes/);
  });

  it('take limits from the server options', async () => {
    const { createServer } = await import('../src/server.js');
    const strict = await createServer({ db: graph.db, limits: { maxDepth: 2 }, logError: () => undefined });
    const url = `http://127.0.0.1:${await strict.listen(0)}/graphql`;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ company(id: "schneider-electric") { country { name } } }' }),
      });
      const body = (await response.json()) as any;
      expect(body.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', max: 2, found: 3 });
    } finally {
      await strict.close();
    }
  });
});

describe('the alias limit', () => {
  it('counts __typename aliases like any other', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `t${i}: __typename`).join(' ');
    expectRefused(await post(`{ ${aliases} }`), 'alias count', DEFAULT_QUERY_LIMITS.maxAliases);
  });
});
