/**
 * Lists that can grow answer at most `first` items (default 20, at most 100),
 * read with a LIMIT in Cypher: a park with 150 partnerships no longer sends
 * all of them to anyone who asks for the park.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
const PARK = 'sino-german-park-shenyang';
const PARTNERSHIPS = 150;

beforeAll(async () => {
  await graph.db.write(
    `MATCH (park:Park {id: $park}), (src:Source {id: 'report-zero-carbon-parks-de'})
     UNWIND range(1, $n) AS i
     CREATE (p:Entity:Partnership {id: 'bulk-' + i, kind: 'OTHER', title: 'Bulk partnership ' + right('000' + i, 3)})
     CREATE (p)-[:CONCERNS {sources: [src.id]}]->(park)
     CREATE (p)-[:SOURCED_FROM]->(src)`,
    { park: PARK, n: PARTNERSHIPS },
  );
});

const partnershipsOf = async (args: string) => {
  const { data, errors } = await graph.execute(`{ park(id: "${PARK}") { partnerships${args} { id title } } }`);
  return { list: data?.park?.partnerships as { id: string; title: string }[] | undefined, errors };
};

describe('a list that can grow', () => {
  it('answers its default of 20 items when no `first` is given, in title order', async () => {
    const { list, errors } = await partnershipsOf('');
    expect(errors).toBeUndefined();
    expect(list).toHaveLength(20);
    expect(list!.map((p) => p.title)).toEqual([...list!.map((p) => p.title)].sort());
    expect(list![0]!.title).toBe('Bulk partnership 001');
  });

  it('answers `first` items, up to 100', async () => {
    expect((await partnershipsOf('(first: 3)')).list!.map((p) => p.id)).toEqual(['bulk-1', 'bulk-2', 'bulk-3']);
    expect((await partnershipsOf('(first: 100)')).list).toHaveLength(100);
    expect((await partnershipsOf('(first: 0)')).list).toEqual([]);
  });

  it('refuses a `first` over 100 or below 0 with BAD_USER_INPUT naming the range', async () => {
    for (const first of [101, -1]) {
      const { errors } = await partnershipsOf(`(first: ${first})`);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first', value: first, allowed: '0..100' });
    }
  });

  it('bounds a pledge history by `last`, keeping the current terms last', async () => {
    await graph.db.write(
      // A history of 130 versions in place of the one the seed recorded.
      `MATCH (p:Pledge {id: 'panasonic-zero-co2-2030'})
       OPTIONAL MATCH (p)-[:HAS_VERSION]->(seeded:PledgeVersion)
       DETACH DELETE seeded
       WITH DISTINCT p
       UNWIND range(1, 130) AS i
       CREATE (p)-[:HAS_VERSION]->(:PledgeVersion {pledgeId: p.id, kind: p.kind, status: p.status, targetYear: 2030, statement: 'v' + i,
         validFrom: datetime('2020-01-01T00:00:00Z') + duration({days: i}),
         validTo: CASE WHEN i = 130 THEN null ELSE datetime('2020-01-01T00:00:00Z') + duration({days: i + 1}) END, sources: []})`,
    );
    const read = async (args: string) =>
      (await graph.execute(`{ pledge(id: "panasonic-zero-co2-2030") { history${args} { statement validTo } } }`)).data!.pledge.history as {
        statement: string;
        validTo: string | null;
      }[];
    const latest = await read('');
    expect(latest).toHaveLength(20);
    expect(latest.at(-1)).toEqual({ statement: 'v130', validTo: null });
    expect(latest[0]!.statement).toBe('v111');
    expect((await read('(last: 2)')).map((v) => v.statement)).toEqual(['v129', 'v130']);
  });
});
