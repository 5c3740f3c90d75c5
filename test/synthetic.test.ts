/**
 * The synthetic graph on a real Neo4j: written beside the real seed, answered
 * by the API like real data, and removed without touching the real graph.
 */
import { describe, expect, it } from 'vitest';
import { writeSyntheticGraph, wipeSynthetic } from '../src/synthetic/writeSynthetic.js';
import { contractOperations } from './support/contract.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

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
  });
});
