/**
 * `npx tsx bench/seedBench.ts [--runs 5]`: how long seeding takes. WIPES the
 * configured database (use your own: NEO4J_BOLT_PORT / NEO4J_DATA_DIR, or
 * NEO4J_URI). Prints, as medians of `--runs` runs:
 *   - `applySeed` in this process into an empty (wiped, migrated) graph,
 *   - `applySeed` again over the seeded graph (changes nothing),
 *   - `npm run seed` as its own process over the seeded graph (wall time,
 *     including starting Node and connecting).
 */
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import { readConfig } from '../src/config.js';
import { connect } from '../src/graphDatabase.js';
import type { Database } from '../src/neo4j/database.js';
import { migrate } from '../src/neo4j/migrations.js';
import { projectRoot } from '../src/projectRoot.js';
import { applySeed } from '../src/seed/seedGraph.js';

const run = promisify(execFile);
const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = Number(values.runs ?? 5);

async function wipe(db: Database): Promise<void> {
  for (;;) {
    const [row] = await db.write('MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted');
    if (!row || (row.deleted as number) === 0) return;
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (label: string, xs: number[]) =>
  console.log(`${label.padEnd(34)} median ${median(xs).toFixed(0).padStart(6)} ms   (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`);

const graph = await connect(readConfig(), () => undefined);
try {
  const empty: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    await wipe(graph.db);
    await migrate(graph.db);
    empty.push(await timed(() => applySeed(graph.db)));
    again.push(await timed(() => applySeed(graph.db)));
  }
  const command: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    command.push(await timed(() => run('npm', ['run', '--silent', 'seed'], { cwd: projectRoot(), env: process.env })));
  }
  show('applySeed into an empty graph', empty);
  show('applySeed over the seeded graph', again);
  show('npm run seed (process, wall time)', command);
} finally {
  await graph.close();
}
