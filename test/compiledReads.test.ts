/**
 * A request is compiled from its selection: aliases, fragments, inline
 * fragments on interfaces and unions, @skip/@include and `__typename` are
 * answered as GraphQL executes them, in one round trip, and a page reads
 * the same whatever else the request asks for.
 */
import { describe, expect, it } from 'vitest';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

describe('compiled reads', () => {
  it('answers two aliases of one field with different arguments and selections', async () => {
    const { data, errors, roundTrips } = await graph.execute(`{
      company(id: "bmw-brilliance") {
        one: partnerships(first: 0) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }
        all: partnerships(first: 5) { edges { cursor node { title } } }
        id: name
        name: id
      }
    }`);
    expect(errors).toBeUndefined();
    expect(roundTrips).toBe(1);
    expect(data!.company.one).toEqual({ totalCount: 1, pageInfo: { hasNextPage: true, endCursor: null }, nodes: [] });
    expect(data!.company.all.edges).toHaveLength(1);
    expect(data!.company.all.edges[0].node).toEqual({ title: 'Geothermal clean-energy heating in the Sino-German park, Shenyang' });
    expect(data!.company.id).toBe('BMW Brilliance Automotive');
    expect(data!.company.name).toBe('bmw-brilliance');
  });

  it('merges named fragments, inline fragments on Node and unions, and skips what @skip/@include leave out', async () => {
    const { data, errors, roundTrips } = await graph.execute(
      `query ($withSources: Boolean!) {
        node(id: "panasonic") { __typename ...Named ... on Company { country { code } country { name } } }
        pledges(where: { targetYearLte: 2030 }) {
          nodes {
            id
            pledger { __typename ... on Node { id } ...Named }
            sources @include(if: $withSources) { id }
            kind @skip(if: true)
          }
        }
      }
      fragment Named on Company { name }`,
      { withSources: false },
    );
    expect(errors).toBeUndefined();
    expect(roundTrips).toBe(1);
    expect(data!.node).toEqual({ __typename: 'Company', name: 'Panasonic', country: { code: 'JP', name: 'Japan' } });
    expect(data!.pledges.nodes.map((p: { pledger: unknown }) => p.pledger)).toEqual([
      { __typename: 'Park', id: 'sino-german-park-shenyang' },
      { __typename: 'Country', id: 'CN' },
      { __typename: 'Company', id: 'panasonic', name: 'Panasonic' },
    ]);
    expect(Object.keys(data!.pledges.nodes[0])).toEqual(['id', 'pledger']);
  });

  it('pages on from a cursor the same with or without totalCount', async () => {
    const first = await graph.execute(`{ sources(first: 3) { totalCount pageInfo { endCursor } nodes { id } } }`);
    expect(first.errors).toBeUndefined();
    const after = first.data!.sources.pageInfo.endCursor;
    const withCount = await graph.execute(`query ($after: String) { sources(first: 3, after: $after) { totalCount nodes { id } } }`, { after });
    const without = await graph.execute(`query ($after: String) { sources(first: 3, after: $after) { nodes { id } } }`, { after });
    expect(withCount.data!.sources.totalCount).toBe(first.data!.sources.totalCount);
    expect(without.data!.sources.nodes).toEqual(withCount.data!.sources.nodes);
    const seen = [...first.data!.sources.nodes, ...without.data!.sources.nodes].map((s: { id: string }) => s.id);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('pages pledges by target year, those without one last, the same with or without totalCount', async () => {
    await graph.db.write(
      `MATCH (cn:Country {code: 'CN'})
       UNWIND ['undated-a', 'undated-b'] AS id
       MERGE (p:Entity:Pledge {id: id}) SET p.kind = 'OTHER', p.status = 'PROPOSED'
       MERGE (cn)-[:PLEDGED]->(p)`,
    );
    const all = await graph.execute(`{ pledges(first: 100) { nodes { id targetYear } } }`);
    expect(all.errors).toBeUndefined();
    const expected = [...all.data!.pledges.nodes].sort(
      (a: { id: string; targetYear: number | null }, b: { id: string; targetYear: number | null }) =>
        (a.targetYear ?? Infinity) - (b.targetYear ?? Infinity) || a.id.localeCompare(b.id),
    );
    expect(all.data!.pledges.nodes).toEqual(expected);
    expect(expected.slice(-2).map((p: { id: string }) => p.id)).toEqual(['undated-a', 'undated-b']);
    for (const selection of ['totalCount pageInfo { hasNextPage endCursor }', 'pageInfo { hasNextPage endCursor }']) {
      const paged: unknown[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const result: { data?: any; errors?: unknown } = await graph.execute(
          `query ($after: String) { pledges(first: 2, after: $after) { ${selection} nodes { id targetYear } } }`,
          { after },
        );
        expect(result.errors).toBeUndefined();
        paged.push(...result.data!.pledges.nodes);
        if (!result.data!.pledges.pageInfo.hasNextPage) break;
        after = result.data!.pledges.pageInfo.endCursor;
      }
      expect(paged).toEqual(expected);
    }
  });

  it('reads several root fields in one round trip', async () => {
    const { errors, roundTrips } = await graph.execute(`{
      a: company(id: "panasonic") { name } b: park(id: "sino-german-park-shenyang") { name }
      c: province(code: "CN-HB") { parks { totalCount } } d: search(text: "Schneider") { node { id } }
    }`);
    expect(errors).toBeUndefined();
    expect(roundTrips).toBe(1);
  });
});
