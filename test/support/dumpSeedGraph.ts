/**
 * `npx tsx test/support/dumpSeedGraph.ts <out.json> [--timestamps]`: wipes the
 * configured database, migrates it, seeds it and writes the canonical dump
 * of the graph (graphDump.ts) to `out.json`. For comparing what two versions
 * of the seed write. It WIPES the database: use your own (.wt-env).
 *
 * `npx tsx test/support/dumpSeedGraph.ts --fixture <dump.json> <out.json>`
 * turns such a dump into the fixture test/seed.test.ts compares with: the
 * model part in full, one node or relationship a line, and the reference
 * data as counts and a SHA-256 (graphDump.ts splitDump, fingerprint).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readConfig } from '../../src/config.js';
import { connect } from '../../src/graphDatabase.js';
import type { Database } from '../../src/neo4j/database.js';
import { migrate } from '../../src/neo4j/migrations.js';
import { applySeed } from '../../src/seed/seedGraph.js';
import { dumpGraph, fingerprint, splitDump, type GraphDump } from './graphDump.js';

/** Deletes everything (as test/support/graph.ts does, without importing vitest). */
async function wipe(db: Database): Promise<void> {
  for (;;) {
    const [row] = await db.write('MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted');
    if (!row || (row.deleted as number) === 0) return;
  }
}

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
  const graph = await connect(readConfig(), () => undefined);
  try {
    await wipe(graph.db);
    await migrate(graph.db);
    await applySeed(graph.db);
    const dump = await dumpGraph(graph.db, { timestamps: flags.includes('--timestamps') });
    writeFileSync(out, `${JSON.stringify(dump, null, 1)}\n`);
    console.log(`${out}: ${dump.nodes.length} nodes, ${dump.relationships.length} relationships`);
  } finally {
    await graph.close();
  }
}
