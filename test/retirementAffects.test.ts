/**
 * RETIREMENT_AFFECTS (src/derived/derived.cypher.ts), the companies whose
 * derived facts a retraction batch can change, answered from what the batch
 * retired: each company once, however many of its links the batch retired.
 */
import { describe, expect, it } from 'vitest';
import { RETIREMENT_AFFECTS } from '../src/derived/derived.cypher.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

describe('the companies a retraction batch reaches', () => {
  it('are those it retired and the current ones reached through what it retired, each once', async () => {
    // The batch retired a company with all its links, and a partnership: the retired company's own links bring nothing more.
    await graph.db.write(`
CREATE (kept:Entity:Company {id: 'ra-kept'}), (gone:Entity:Company {id: 'ra-gone', retiredOn: '2025-01-01'}), (parent:Entity:Company {id: 'ra-parent'}),
  (deal:Entity:Partnership {id: 'ra-deal', retiredOn: '2025-01-01'}), (other:Entity:Partnership {id: 'ra-other'}),
  (kept)-[:PARTICIPATES_IN]->(deal), (gone)-[:PARTICIPATES_IN {retiredOn: '2025-01-01'}]->(deal), (gone)-[:SUBSIDIARY_OF {retiredOn: '2025-01-01'}]->(parent),
  (gone)-[:PARTICIPATES_IN {retiredOn: '2025-01-01'}]->(other), (kept)-[:PARTICIPATES_IN {retiredOn: '2025-01-01'}]->(other)`);
    try {
      // As a batch states them: one entry per retired link (the batch collects each pair once; this is the worst case).
      const rels = ['SUBSIDIARY_OF', 'PARTICIPATES_IN', 'PARTICIPATES_IN'].map((type) => ({ from: 'ra-gone', type })).concat({ from: 'ra-kept', type: 'PARTICIPATES_IN' });
      const [row] = await graph.db.read(RETIREMENT_AFFECTS, { rels, retired: ['ra-gone', 'ra-deal'] });
      expect(row!.roots).toEqual(['ra-gone']);
      expect([...(row!.active as string[])].sort()).toEqual(['ra-gone', 'ra-kept']);
    } finally {
      await graph.db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH 'ra-' DETACH DELETE n`);
    }
  });
});
