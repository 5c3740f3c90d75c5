/**
 * `npm run derived:rebuild [-- --check]`: recomputes `Company.foreign` and
 * ACTIVE_IN for the whole graph (they are derived data; this never changes a
 * fact). `--check` only compares the stored values with a full
 * recomputation and exits 1 when they differ.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { connect } from '../graphDatabase.js';
import { migrate } from '../neo4j/migrations.js';
import { derivedMismatches, rebuildDerived } from './rebuildDerived.js';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const log = (line: string) => console.log(line);
const graph = await connect(readConfig(), log);
try {
  await migrate(graph.db);
  if (!values.check) await rebuildDerived(graph.db, log);
  const mismatches = await derivedMismatches(graph.db);
  if (mismatches.length) {
    console.error(`derived facts differ from a full recomputation for ${mismatches.length} companies (at most 20 shown):`);
    for (const row of mismatches) console.error(JSON.stringify(row));
    process.exitCode = 1;
  } else {
    log('derived facts agree with a full recomputation');
  }
} finally {
  await graph.close();
}
