/**
 * The bench's floors (bench/floor.cypher.ts) answer the API's question: on a
 * graph where a careless floor would answer differently, the floor's answer,
 * reduced by SAME_ANSWER, is the API's.
 */
import { describe, expect, it } from 'vitest';
import { FLOOR } from '../bench/floor.cypher.js';
import { SAME_ANSWER } from '../bench/sameAnswer.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

describe('the bench floor', () => {
  it("answers CompanyProfile as the API: a partnership's province when its parks lie in several, lists cut at first", async () => {
    // Two fictional parks, in the first two provinces by id.
    const parks = await graph.db.write(`
      MATCH (pr:Province) WITH pr ORDER BY pr.id LIMIT 2
      CREATE (pr)<-[:LOCATED_IN]-(pk:Entity:Park {id: 'floor-test-park-' + pr.code, name: 'Floor test park (fictional)'})
      RETURN pk.id AS park, pr.code AS code ORDER BY pr.id`);
    expect(parks).toHaveLength(2);
    const [low, high] = parks as { park: string; code: string }[];
    // Fictional partnerships (titles sort first, so they are on the profile's first page), one
    // linked to its parks in each order: storage order puts the other park first in one of them.
    for (const [id, first, second] of [['floor-test-a', low!, high!], ['floor-test-b', high!, low!]] as const) {
      await graph.db.write(`
        MATCH (c:Company {id: 'bmw-brilliance'})
        CREATE (c)-[:PARTICIPATES_IN {role: 'LEAD'}]->(:Entity:Partnership {id: $id, kind: 'SUPPLY', title: '0 ' + $id + ' (fictional)', status: 'ACTIVE'})`, { id });
      for (const park of [first.park, second.park]) {
        await graph.db.write('MATCH (p:Partnership {id: $id}), (pk:Park {id: $park}) CREATE (p)-[:CONCERNS]->(pk)', { id, park });
      }
    }
    // More facilities than the profile lists (20 by default, by name): the floor must stop where the API does.
    await graph.db.write(`
      MATCH (c:Company {id: 'bmw-brilliance'}), (pr:Province {code: $code})
      UNWIND range(10, 34) AS i
      CREATE (c)-[:OPERATES]->(:Entity:Facility {id: 'floor-test-facility-' + i, name: 'Floor test plant ' + (44 - i) + ' (fictional)'})-[:LOCATED_IN]->(pr)`, { code: low!.code });
    const { data, errors } = await graph.execute(contractOperations.CompanyProfile!, { id: 'bmw-brilliance' }, 'CompanyProfile');
    expect(errors).toBeUndefined();
    const added = (data as any).company.partnerships.nodes.filter((p: any) => p.id.startsWith('floor-test-'));
    expect(added.map((p: any) => [p.id, p.province.code])).toEqual([['floor-test-a', low!.code], ['floor-test-b', low!.code]]);

    const [floor] = await graph.db.read(FLOOR.CompanyProfile!, { id: 'bmw-brilliance' });
    expect(SAME_ANSWER.CompanyProfile!.floor(floor!)).toEqual(SAME_ANSWER.CompanyProfile!.api(data as never));
  });
});
