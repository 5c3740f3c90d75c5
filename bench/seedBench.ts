/**
 * `npx tsx bench/seedBench.ts [--runs 5] [--database <uri>]`: how long seeding
 * takes. Wipes its database between runs, so it runs on the bench's own
 * (bench/benchGraph.ts), never on a graph it did not claim. Prints, as medians of `--runs` runs:
 *   - `applySeed` in this process into an empty (wiped, migrated) graph,
 *   - `applySeed` again over the seeded graph (changes nothing),
 *   - `npm run seed` as its own process over the seeded graph (wall time,
 *     including starting Node and connecting).
 */
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import { connectBenchGraph, DATABASE_OPTION } from './benchGraph.js';
import { wipeScratchDatabase } from '../src/neo4j/scratchDatabase.js';
import { migrate } from '../src/neo4j/migrations.js';
import { projectRoot } from '../src/projectRoot.js';
import { applySeed } from '../src/seed/seedGraph.js';

const run = promisify(execFile);
const { values } = parseArgs({ options: { runs: { type: 'string' }, ...DATABASE_OPTION } });
const runs = Number(values.runs ?? 5);


async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (label: string, xs: number[]) =>
  console.log(`${label.padEnd(34)} median ${median(xs).toFixed(0).padStart(6)} ms   (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`);

const graph = await connectBenchGraph('bench/seedBench.ts', { confirmedUri: values.database });
try {
  const empty: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    await wipeScratchDatabase(graph.db);
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
