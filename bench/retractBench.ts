/**
 * `npm run bench:retract -- [--rows 100000] [--keep]`: generates an import
 * set with `bench:import --files-only`, imports it with `npm run import`,
 * then retracts that import with `npm run import -- retract <id>`, each as
 * a separate process, and prints the seconds each took and whether the
 * current graph (counts of current entities and relationships per type,
 * `stats`, the derived foreign flags and ACTIVE_IN) is exactly what it was before the import.
 * The bench's data (ids start with `bench-`) is removed before and after
 * (unless --keep), history included.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs, promisify } from 'node:util';
import { connectBenchGraph, DATABASE_OPTION } from './benchGraph.js';
import { currentGraph } from './currentGraph.js';
import type { Database } from '../src/neo4j/database.js';

const run = promisify(execFile);
const { values } = parseArgs({ options: { rows: { type: 'string' }, keep: { type: 'boolean' }, ...DATABASE_OPTION } });
const rows = Number(values.rows ?? 100_000);

async function removeBenchData(db: Database): Promise<void> {
  for (;;) {
    const [row] = await db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH 'bench-' WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n`);
    if (!row || (row.n as number) === 0) break;
  }
  await db.write(`MATCH (i:Import) WHERE i.files[0] CONTAINS 'gg-retract-bench-' DETACH DELETE i`);
}

async function timed(args: string[]): Promise<{ seconds: number; stdout: string }> {
  const started = process.hrtime.bigint();
  const { stdout } = await run('npx', ['tsx', 'src/import/importCli.ts', ...args], { maxBuffer: 64 * 1024 * 1024 });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, stdout };
}

// Whole-graph counts of a 100k-row graph outlast the API's per-query limit on a busy machine.
const graph = await connectBenchGraph('npm run bench:retract', { confirmedUri: values.database, queryTimeoutMs: 600_000 });
const dir = mkdtempSync(join(tmpdir(), 'gg-retract-bench-'));
try {
  await removeBenchData(graph.db);
  await run('npx', ['tsx', 'bench/importBench.ts', '--rows', String(rows), '--files-only', dir], { maxBuffer: 64 * 1024 * 1024 });
  const files = readdirSync(dir).sort().map((f) => join(dir, f));
  const before = await currentGraph(graph.db);
  const imported = await timed(files);
  const importId = /recorded as (import-\S+)/.exec(imported.stdout)?.[1];
  if (!importId) throw new Error(`the import printed no id:\n${imported.stdout}`);
  const written = Number(/(\d+) rows/.exec(imported.stdout.split('\n').find((l) => l.includes('writing')) ?? '')?.[1] ?? rows);
  console.log(`import:  ${written} rows in ${imported.seconds.toFixed(1)} s (npm run import, one process)`);
  const during = await currentGraph(graph.db);
  const retracted = await timed(['retract', importId, '--reason', 'bench']);
  const after = await currentGraph(graph.db);
  console.log(`retract: ${written} rows in ${retracted.seconds.toFixed(1)} s (npm run import -- retract ${importId}, one process)`);
  console.log(`         ${retracted.stdout.trim().split('\n').at(-1)}`);
  console.log(`current graph after the import differs from before: ${!isDeepStrictEqual(during, before)}`);
  console.log(`current graph after the retraction equals before:   ${isDeepStrictEqual(after, before)}`);
  if (!isDeepStrictEqual(after, before)) {
    console.log(JSON.stringify({ before, after }, null, 1));
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (!values.keep) await removeBenchData(graph.db);
  await graph.close();
}
