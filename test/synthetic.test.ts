/**
 * The synthetic graph on a real Neo4j: written beside the real seed, answered
 * by the API like real data, and removed without touching the real graph.
 */
import { describe, expect, it } from 'vitest';
import { derivedMismatches } from '../src/derived/rebuildDerived.js';
import { DELETE_SYNTHETIC_BATCH } from '../src/synthetic/synthetic.cypher.js';
import { writeSyntheticGraph, wipeSynthetic } from '../src/synthetic/writeSynthetic.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();
/** A graph written through the writer, with its checks, can take longer than the default 30 s on a loaded 2-core machine. */
const GENERATION_TIMEOUT = 120_000;

const realCounts = async () =>
  graph.db.read('MATCH (n) WHERE NOT n:Synthetic RETURN count(n) AS nodes, COUNT { ()-[r]->() WHERE NOT startNode(r):Synthetic AND NOT endNode(r):Synthetic } AS relationships');

describe('the synthetic graph', () => {
  it('is written beside the real seed, answered by the API, and wiped without touching the real graph', async () => {
    const before = await realCounts();
    const report = await writeSyntheticGraph(graph.db, 300, 42);
    expect(report.nodes).toBeGreaterThan(600);
    expect(report.relationships).toBeGreaterThan(2000);
    const [marked] = await graph.db.read(
      'MATCH (n:Synthetic) RETURN count(n) AS all, count(CASE WHEN n.synthetic AND n:Entity AND n.id STARTS WITH "syn-" THEN 1 END) AS marked, COUNT { MATCH (n:Synthetic) WHERE NOT n:Source AND NOT (n)-[:SOURCED_FROM]->(:Synthetic:Source) } AS uncited',
    );
    expect(marked).toEqual({ all: report.nodes, marked: report.nodes, uncited: 0 });

    const { data, errors } = await graph.execute(contractOperations.CompanyProfile!, { id: 'syn-company-0' });
    expect(errors).toBeUndefined();
    expect((data as any).company.partnerships.totalCount).toBeGreaterThan(10);
    expect((data as any).company.sources[0].id).toMatch(/^syn-source-/);

    expect(await wipeSynthetic(graph.db)).toBe(report.nodes);
    expect(await realCounts()).toEqual(before);
  }, GENERATION_TIMEOUT);

  it('is a graph the writer writes: an S graph passes the derived-data check and the checks an imported graph passes', async () => {
    const report = await writeSyntheticGraph(graph.db, 1000, 42);
    // What `npm run derived:rebuild -- --check` runs.
    expect(await derivedMismatches(graph.db)).toEqual([]);
    const [checks] = await graph.db.read(`
RETURN COUNT { MATCH (n:Synthetic) } AS all,
  COUNT { MATCH (n:Synthetic) WHERE n.createdBy = 'synthetic' AND n.updatedBy = 'synthetic' AND n.createdAt IS NOT NULL AND n.updatedAt IS NOT NULL } AS stamped,
  COUNT { MATCH (n:Synthetic) WHERE NOT n:Source AND NOT EXISTS { (n)-[r:SOURCED_FROM]->(:Synthetic:Source) WHERE r.recordedBy = ['synthetic'] } } AS unsourced,
  COUNT { MATCH (:Synthetic)-[:SOURCED_FROM]->(src:Source) WHERE NOT src:Synthetic } AS citingRealSources,
  COUNT { MATCH (n:Synthetic) WHERE (n:Park OR n:Facility) AND EXISTS { (n)-[:LOCATED_IN]->(:Province)<-[:PART_OF]-(:City) }
          AND NOT EXISTS { (n)-[:LOCATED_IN]->(:Province)<-[:PART_OF]-(c:City)<-[:IN_CITY]-(n) WHERE n.city = c.name } } AS notInACityOfTheirProvince,
  COUNT { MATCH (n:Synthetic)-[:IN_CITY]->() WHERE n:Park OR n:Facility } AS inCity,
  COUNT { MATCH (n:Synthetic:Pledge) WHERE COUNT { (n)-[:HAS_VERSION]->(v:PledgeVersion) WHERE v.validTo IS NULL AND v.recordedBy = 'synthetic' AND v.kind = n.kind AND v.status = n.status } <> 1 } AS pledgesWithoutOneCurrentVersion,
  COUNT { MATCH (n:Synthetic:Pledge) } AS pledges`);
    expect(checks).toEqual({
      all: report.nodes,
      stamped: report.nodes,
      unsourced: 0,
      citingRealSources: 0,
      notInACityOfTheirProvince: 0,
      inCity: expect.any(Number),
      pledgesWithoutOneCurrentVersion: 0,
      pledges: 250,
    });
    expect(checks!.inCity).toBeGreaterThan(300);
    // The pledge versions go with the synthetic graph.
    await wipeSynthetic(graph.db);
    expect(await graph.db.read(`MATCH (v:PledgeVersion) WHERE v.pledgeId STARTS WITH 'syn-' RETURN count(v) AS left`)).toEqual([{ left: 0 }]);
  }, GENERATION_TIMEOUT);

  it('is wiped in transactions that each delete a bounded number of relationships, however many a node has', async () => {
    await writeSyntheticGraph(graph.db, 300, 42);
    // A synthetic source is cited by many entities: the graph has nodes with far more relationships than one batch may delete.
    const [{ busiest }] = (await graph.db.read('MATCH (n:Synthetic) RETURN max(COUNT { (n)--() }) AS busiest')) as [{ busiest: number }];
    expect(busiest).toBeGreaterThan(20);
    const [first] = await graph.db.write(DELETE_SYNTHETIC_BATCH, { batch: 5, perNode: 4 });
    expect(Number(first!.relationships)).toBeGreaterThan(0);
    expect(Number(first!.relationships)).toBeLessThanOrEqual(5 * 4);
    await wipeSynthetic(graph.db);
    expect(await graph.db.read('MATCH (n:Synthetic) RETURN count(n) AS left')).toEqual([{ left: 0 }]);
  }, GENERATION_TIMEOUT);
});
