/**
 * `npx tsx test/support/dumpSeedGraph.ts <out.json> [--timestamps]`: starts a
 * Neo4j of its own (testNeo4j.ts: free port, fresh data directory), migrates
 * and seeds it and writes the canonical dump of the graph (graphDump.ts) to
 * `out.json`. For comparing what two versions of the seed write.
 *
 * `npx tsx test/support/dumpSeedGraph.ts --fixture <dump.json> <out.json>`
 * turns such a dump into the fixture test/seed.test.ts compares with: the
 * model part in full, one node or relationship a line, and the reference
 * data as counts and a SHA-256 (graphDump.ts splitDump, fingerprint).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createDriver, Database } from '../../src/neo4j/database.js';
import { migrate } from '../../src/neo4j/migrations.js';
import { applySeed } from '../../src/seed/seedGraph.js';
import { startTestNeo4j } from './testNeo4j.js';
import { dumpGraph, fingerprint, splitDump, type GraphDump } from './graphDump.js';

/** The fixture: readable in a diff (one item a line), small (the reference data only fingerprinted). */
function fixture(dump: GraphDump, note: string): string {
  const { model, reference } = splitDump(dump);
  const lines = (items: unknown[]) => items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
  return `{
  "note": ${JSON.stringify(note)},
  "reference": ${JSON.stringify(fingerprint(reference))},
  "model": {
  "nodes": [
${lines(model.nodes)}
  ],
  "relationships": [
${lines(model.relationships)}
  ]
  }
}
`;
}

const args = process.argv.slice(2);
if (args[0] === '--fixture') {
  const [, from, out, note] = args;
  if (!from || !out) throw new Error('usage: dumpSeedGraph.ts --fixture <dump.json> <out.json> [note]');
  writeFileSync(out, fixture(JSON.parse(readFileSync(from, 'utf8')) as GraphDump, note ?? ''));
} else {
  const [out, ...flags] = args;
  if (!out) throw new Error('usage: dumpSeedGraph.ts <out.json> [--timestamps]');
  const neo4j = await startTestNeo4j('dump');
  const db = new Database(createDriver(neo4j.connection), null, 60_000);
  try {
    await migrate(db);
    await applySeed(db);
    const dump = await dumpGraph(db, { timestamps: flags.includes('--timestamps') });
    writeFileSync(out, `${JSON.stringify(dump, null, 1)}\n`);
    console.log(`${out}: ${dump.nodes.length} nodes, ${dump.relationships.length} relationships`);
  } finally {
    await db.driver.close();
    await neo4j.stop();
  }
}
