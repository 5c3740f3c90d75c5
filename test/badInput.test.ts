/**
 * Bad input is answered with BAD_USER_INPUT naming the value and what is
 * allowed; unknown ids are null, not errors; nothing leaks a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/pagination.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

async function expectBadInput(query: string, variables: Record<string, unknown>, argument: string, value: unknown, allowed: RegExp) {
  const { data, errors } = await graph.execute(query, variables);
  expect(errors).toHaveLength(1);
  const [error] = errors!;
  expect(error!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, value });
  expect(String(error!.extensions!.allowed)).toMatch(allowed);
  expect(error!.message).toContain(String(value).slice(0, 20));
  expect(error!.extensions!.stacktrace).toBeUndefined();
  return data;
}

describe('bad input', () => {
  it('rejects an unknown province in a filter and lists the codes allowed', async () => {
    await expectBadInput(contractOperations.ForeignCoBuilders!, { province: 'CN-XX' }, 'where.province', 'CN-XX', /CN-HB.*CN-LN/);
    // A province's English and Chinese names are taken (test/filters.test.ts); a misspelt one is not.
    await expectBadInput(contractOperations.ForeignFirmsInProvince!, { province: 'Hubej' }, 'where.province', 'Hubej', /CN-AH/);
  });

  it('rejects first outside 0..100', async () => {
    for (const first of [-1, 101]) {
      await expectBadInput(contractOperations.ForeignCoBuilders!, { province: 'CN-HB', first }, 'first', first, /^0\.\.100$/);
    }
    await expectBadInput('{ company(id: "bmw-brilliance") { partnerships(first: 500) { totalCount } } }', {}, 'first', 500, /0\.\.100/);
  });

  it('accepts first = 0 and answers only the count', async () => {
    const { data, errors } = await graph.execute(contractOperations.ForeignCoBuilders!, { province: 'CN-HB', first: 0 });
    expect(errors).toBeUndefined();
    expect(data!.companies).toMatchObject({ totalCount: 1, nodes: [], edges: [], pageInfo: { hasNextPage: true } });
  });

  it('rejects a malformed cursor', async () => {
    for (const after of ['garbage!', 'bm90LWpzb24', Buffer.from('{"a":1}').toString('base64url')]) {
      await expectBadInput(contractOperations.ForeignCoBuilders!, { province: 'CN-HB', after }, 'after', after, /cursor/);
    }
  });

  it('pages with a well-formed cursor', async () => {
    const first = await graph.execute('{ companies(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }');
    expect(first.data!.companies.totalCount).toBe(4);
    expect(first.data!.companies.nodes.map((n: { id: string }) => n.id)).toEqual(['bmw-brilliance', 'bmw-group']);
    const next = await graph.execute('query($after: String) { companies(first: 2, after: $after) { pageInfo { hasNextPage } nodes { id } } }', {
      after: first.data!.companies.pageInfo.endCursor,
    });
    expect(next.data!.companies.nodes.map((n: { id: string }) => n.id)).toEqual(['panasonic', 'schneider-electric']);
    expect(next.data!.companies.pageInfo.hasNextPage).toBe(false);
    const beyond = await graph.execute('query($after: String) { companies(first: 2, after: $after) { nodes { id } } }', {
      after: encodeCursor('Zzz', 'zzz'),
    });
    expect(beyond.data!.companies.nodes).toEqual([]);
  });

  it('rejects out-of-range graph bounds', async () => {
    await expectBadInput(contractOperations.HowConnected!.replace('maxHops: 6', 'maxHops: 7'), { from: 'a', to: 'b' }, 'maxHops', 7, /1\.\.6/);
    await expectBadInput(contractOperations.Neighborhood!, { id: 'panasonic', depth: 4 }, 'depth', 4, /1\.\.3/);
    await expectBadInput(contractOperations.PledgesDueBy!, { year: 99999 }, 'where.targetYearLte', 99999, /1990\.\.2100/);
  });

  it('answers null for unknown ids of every kind', async () => {
    const { data, errors } = await graph.execute(`{
      company(id: "x") { id } park(id: "x") { id } partnership(id: "x") { id } pledge(id: "x") { id }
      facility(id: "x") { id } source(id: "x") { id } node(id: "x") { id } neighborhood(id: "x") { nodes { id } }
    }`);
    expect(errors).toBeUndefined();
    expect(Object.values(data!)).toEqual([null, null, null, null, null, null, null, null]);
  });

  it('answers null when an id names an entity of another type', async () => {
    const { data } = await graph.execute('{ company(id: "sino-german-park-shenyang") { id } park(id: "panasonic") { id } }');
    expect(data).toEqual({ company: null, park: null });
  });
});
