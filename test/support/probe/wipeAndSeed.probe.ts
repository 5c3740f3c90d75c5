/**
 * What every test file does first (wipe, migrate, seed through
 * useSeededGraph), then a write; it records which database it was handed in
 * GREENGRAPH_PROBE_OUT.
 */
import { writeFileSync } from 'node:fs';
import { expect, inject, it } from 'vitest';
import { useSeededGraph } from '../graph.js';

const graph = useSeededGraph();

it('wipes, seeds and writes in the database the test setup hands it', async () => {
  await graph.db.write("CREATE (:Entity:Company {id: 'probe-company', name: 'Probe'})");
  const [row] = await graph.db.read('MATCH (c:Company) RETURN count(c) AS companies');
  expect(row!.companies).toBe(5);
  writeFileSync(process.env.GREENGRAPH_PROBE_OUT!, JSON.stringify({ uri: inject('neo4j').uri }));
});
