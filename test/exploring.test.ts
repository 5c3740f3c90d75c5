/**
 * The bounds of exploring the graph: neighbourhoods cut at the node cap say
 * so, every edge joins nodes of the result, and out-of-range bounds are
 * refused with what is allowed.
 */
import { describe, expect, it } from 'vitest';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

interface Subgraph {
  truncated: boolean;
  nodes: { id: string }[];
  edges: { from: string; to: string; type: string }[];
}

const NEIGHBORHOOD = /* GraphQL */ `
  query ($id: ID!, $depth: Int, $limit: Int) {
    neighborhood(id: $id, depth: $depth, limit: $limit) { truncated nodes { id type label } edges { type from to } }
  }
`;

function expectClosed(subgraph: Subgraph): void {
  const ids = new Set(subgraph.nodes.map((n) => n.id));
  expect(ids.size).toBe(subgraph.nodes.length);
  for (const edge of subgraph.edges) {
    expect(ids.has(edge.from), `${edge.type} from ${edge.from}`).toBe(true);
    expect(ids.has(edge.to), `${edge.type} to ${edge.to}`).toBe(true);
  }
}

describe('neighborhood', () => {
  it('says when the node cap cut the result, and keeps every edge inside it', async () => {
    const { data, errors } = await graph.execute<{ neighborhood: Subgraph }>(NEIGHBORHOOD, { id: 'CN', depth: 3, limit: 5 });
    expect(errors).toBeUndefined();
    expect(data!.neighborhood.truncated).toBe(true);
    expect(data!.neighborhood.nodes).toHaveLength(5);
    expect(data!.neighborhood.nodes[0]!.id).toBe('CN');
    expectClosed(data!.neighborhood);
  });

  it('is not truncated when everything within the depth fits', async () => {
    const { data } = await graph.execute<{ neighborhood: Subgraph }>(NEIGHBORHOOD, { id: 'sino-german-park-shenyang', depth: 3, limit: 500 });
    expect(data!.neighborhood.truncated).toBe(false);
    expect(data!.neighborhood.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['bmw-brilliance', 'bmw-group', 'CN']));
    expectClosed(data!.neighborhood);
  });

  it('places partnerships and pledges in time: the year a partnership started, the year a pledge falls due', async () => {
    const { data, errors } = await graph.execute<{ neighborhood: { nodes: { id: string; type: string; year: number | null }[] } }>(
      'query ($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id type year } } }',
      { id: 'sino-german-park-shenyang' },
    );
    expect(errors).toBeUndefined();
    const year = new Map(data!.neighborhood.nodes.map((n) => [n.id, n.year]));
    expect(year.get('sino-german-park-geothermal-heating')).toBe(2024); // startedOn "2024-10"
    expect(year.get('sino-german-park-zero-carbon-2027')).toBe(2027);
    expect(year.get('sino-german-park-shenyang')).toBeNull();
    expect(year.get('bmw-brilliance')).toBeNull();
    const hubei = await graph.execute<{ neighborhood: { nodes: { id: string; year: number | null }[] } }>(
      '{ neighborhood(id: "hubei") { nodes { id year } } }',
    );
    // No source dates Schneider's Hubei partnerships: they have no year rather than a made-up one.
    expect(hubei.data!.neighborhood.nodes.find((n) => n.id === 'schneider-electric-hubei-zero-carbon-parks')?.year).toBeNull();
  });

  it.each([
    [{ id: 'hubei', depth: 4 }, 'depth'],
    [{ id: 'hubei', depth: 0 }, 'depth'],
    [{ id: 'hubei', limit: 501 }, 'limit'],
  ])('refuses %o, naming %s and what is allowed', async (variables, argument) => {
    const { errors } = await graph.execute(NEIGHBORHOOD, variables);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(errors?.[0]?.extensions?.allowed).toBeTruthy();
  });
});

describe('shortestPath', () => {
  const PATH = /* GraphQL */ `
    query ($from: ID!, $to: ID!, $maxHops: Int) {
      shortestPath(from: $from, to: $to, maxHops: $maxHops) { length nodes { id } edges { type from to } }
    }
  `;

  it('returns a path whose edges join its consecutive nodes', async () => {
    const { data } = await graph.execute<{ shortestPath: Subgraph & { length: number } }>(PATH, { from: 'schneider-electric', to: 'panasonic' });
    const path = data!.shortestPath;
    expect(path.length).toBe(path.edges.length);
    expect(path.nodes).toHaveLength(path.length + 1);
    path.edges.forEach((edge, i) => {
      expect([edge.from, edge.to].sort()).toEqual([path.nodes[i]!.id, path.nodes[i + 1]!.id].sort());
    });
  });

  it('from a node to itself is that node alone, labelled and dated like any path node', async () => {
    const { data } = await graph.execute<{ shortestPath: { length: number; nodes: unknown[] } }>(
      '{ shortestPath(from: "china-co2-peak-2030", to: "china-co2-peak-2030") { length nodes { id type label year } } }',
    );
    expect(data!.shortestPath).toEqual({
      length: 0,
      nodes: [{ id: 'china-co2-peak-2030', type: 'Pledge', label: "CO2 emissions to peak before 2030 (the first of China's dual carbon goals).", year: 2030 }],
    });
  });

  it('is null when no path fits in maxHops, and refuses more than 6 hops', async () => {
    const short = await graph.execute(PATH, { from: 'schneider-electric', to: 'panasonic', maxHops: 1 });
    expect(short.data!.shortestPath).toBeNull();
    const long = await graph.execute(PATH, { from: 'schneider-electric', to: 'panasonic', maxHops: 7 });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'maxHops' });
  });
});

describe('search', () => {
  it('narrows to node types, best first', async () => {
    const { data } = await graph.execute<{ search: { score: number; node: { __typename: string; id: string } }[] }>(
      /* GraphQL */ `query { search(text: "Sino-German", types: [Park]) { score node { __typename id } } }`,
    );
    expect(data!.search.map((hit) => hit.node)).toEqual([{ __typename: 'Park', id: 'sino-german-park-shenyang' }]);
  });
});
