/**
 * `npx tsx bench/profileRetract.ts [--rows 20000] [--batch-size 5000] [--profile] [--plan NAME,…]`:
 * where an import's retraction spends its work, statement by statement.
 * Generates the bench's import set (bench/importBench.ts --files-only),
 * removes the bench's data, imports the set (writeImport, as `npm run
 * import` does), then retracts that import (retractImport) with every
 * statement of its reads and write transactions counted: calls, ids given,
 * time and, with `--profile`, db hits and the Eager operators named
 * (`--plan NAME,…` prints the operator tree of the first statement of each
 * name), and the time each write transaction's commit took, as `(commit)`.
 * Prints whether the current graph after the retraction equals the graph
 * before the import. For finding the cost, not a figure for
 * BENCHMARKS.md (that is `npm run bench:retract`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { currentGraph } from './currentGraph.js';
import { connectBenchGraph, DATABASE_OPTION } from './benchGraph.js';
import { checkImport, importFiles } from '../src/import/checkImport.js';
import { writeImport } from '../src/import/importer.js';
import { batchCommittedCypher, createImportCypher, finishImportCypher } from '../src/import/importRecord.cypher.js';
import { migrate } from '../src/neo4j/migrations.js';
import type { Database, Row } from '../src/neo4j/database.js';
import { toParams, toPlain } from '../src/neo4j/records.js';
import * as derived from '../src/derived/derived.cypher.js';
import * as retract from '../src/provenance/retract.cypher.js';
import { appendChangesCypher } from '../src/changes/changeLog.cypher.js';
import { retractImport } from '../src/provenance/retract.js';

const { values } = parseArgs({ options: { rows: { type: 'string' }, 'batch-size': { type: 'string' }, profile: { type: 'boolean' }, plan: { type: 'string' }, ...DATABASE_OPTION } });
const rows = Number(values.rows ?? 20000);
const batchSize = Number(values['batch-size'] ?? 5000);
const profile = values.profile ?? false;

const NAMES = new Map<string, string>([
  ...Object.entries(derived).filter(([, v]) => typeof v === 'string') as [string, string][],
  ...Object.entries(retract).filter(([, v]) => typeof v === 'string') as [string, string][],
  ['appendChangesCypher', appendChangesCypher] as [string, string],
].map(([name, cypher]): [string, string] => [cypher, name]));
const nameOf = (cypher: string) => NAMES.get(cypher) ?? (cypher.includes('WriteLock') ? 'lock' : cypher.trim().slice(0, 40).replace(/\s+/g, ' '));

interface Plan {
  operatorType: string;
  dbHits: number;
  rows: number;
  arguments: Record<string, unknown>;
  children: Plan[];
}
const show = (plan: Plan, depth = 0): string =>
  [`${'  '.repeat(depth)}${plan.operatorType.replace('@neo4j', '')} rows=${plan.rows} hits=${plan.dbHits} ${String(plan.arguments.Details ?? '').slice(0, 110)}`, ...plan.children.map((c) => show(c, depth + 1))].join('\n');
const walk = (plan: Plan, visit: (p: Plan) => void) => {
  visit(plan);
  for (const child of plan.children) walk(child, visit);
};

interface Sum {
  ms: number;
  calls: number;
  ids: number;
  dbHits: number;
  eager: Set<string>;
}
const sums = new Map<string, Sum>();
const printed = new Set<string>();
let transactions = 0;

async function measuredRun(run: (cypher: string, params: Row) => Promise<{ records: { toObject(): Row }[]; summary: { profile: unknown } }>, cypher: string, params: Row) {
  const started = performance.now();
  const result = await run(profile ? `PROFILE ${cypher}` : cypher, params);
  const name = nameOf(cypher);
  const sum = sums.get(name) ?? { ms: 0, calls: 0, ids: 0, dbHits: 0, eager: new Set<string>() };
  sum.ms += performance.now() - started;
  sum.calls += 1;
  sum.ids += ((params?.ids ?? params?.rels ?? params?.roots ?? params?.active) as unknown[] | undefined)?.length ?? 0;
  if (profile && result.summary.profile) {
    walk(result.summary.profile as Plan, (p) => {
      sum.dbHits += p.dbHits;
      if (p.operatorType.startsWith('Eager')) sum.eager.add(p.operatorType);
    });
    if (values.plan?.split(',').includes(name) && !printed.has(name)) {
      printed.add(name);
      console.log(`--- ${name}\n${show(result.summary.profile as Plan)}`);
    }
  }
  sums.set(name, sum);
  return result;
}

const measured = (tx: ManagedTransaction): ManagedTransaction =>
  new Proxy(tx, {
    get(target, property) {
      if (property !== 'run') return Reflect.get(target, property);
      return (cypher: string, params: Row) => measuredRun((c, p) => target.run(c, p) as never, cypher, params);
    },
  });

const dir = mkdtempSync(join(tmpdir(), 'gg-profile-retract-'));
execFileSync('npx', ['tsx', 'bench/importBench.ts', '--rows', String(rows), '--files-only', dir]);
const graph = await connectBenchGraph('bench/profileRetract.ts', { confirmedUri: values.database, queryTimeoutMs: 600_000 });
const removeBenchData = async () => {
  for (;;) {
    const [row] = await graph.db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH 'bench-' WITH n LIMIT 10000 OPTIONAL MATCH (n)-[:HAS_VERSION]->(v) DETACH DELETE n, v RETURN count(DISTINCT n) AS n`);
    if (!row || row.n === 0) break;
  }
  await graph.db.write(`MATCH (i:Import) WHERE i.id STARTS WITH 'profile-' DETACH DELETE i`);
};
try {
  await migrate(graph.db);
  await removeBenchData();
  const before = await currentGraph(graph.db);
  const { files } = importFiles(readdirSync(dir).map((f) => join(dir, f)));
  const checked = await checkImport(files, (cypher, params) => graph.db.read(cypher, params));
  // As bench/profileImport.ts, it writes the set anyway; on a graph without the seed (no countries) the rows lack their HEADQUARTERED_IN links.
  if (checked.problemCount) console.log(`warning: the check found ${checked.problemCount} problems (first: ${checked.problems[0]}); is the bench graph seeded?`);
  const importId = `profile-${Date.now()}`;
  await graph.db.write(createImportCypher, { id: importId, by: 'profile', files: [], sha256: [], records: [], rows: checked.rows });
  await writeImport(graph.db, files, checked.rows, {
    batchSize: 5000,
    by: importId,
    afterBatch: async (tx, { done }, written) => {
      const ids = written.flatMap((row) => ((row as { id?: string }).id ? [(row as { id: string }).id] : []));
      await tx.run(batchCommittedCypher, { importId, done, ids });
    },
  });
  await graph.db.write(finishImportCypher, { id: importId, status: 'committed', error: null });
  const [changesBefore] = await graph.db.read(`MATCH (b:ChangeBatch) RETURN coalesce(sum(b.last - b.first + 1), 0) AS n`);
  const db = {
    read: async (cypher: string, params: Row = {}) => {
      const session = graph.db.driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        const result = await measuredRun((c, p) => session.run(c, toParams(p) as Row) as never, cypher, params);
        return result.records.map((record) => toPlain(record.toObject()) as Row);
      } finally {
        await session.close();
      }
    },
    // The time from the end of the work to the driver's answer is the commit's (with a retry, the rerun's too).
    writeTransaction: async <T>(work: (tx: ManagedTransaction) => Promise<T>) => {
      transactions += 1;
      let worked = 0;
      const result = await graph.db.writeTransaction(async (tx) => {
        const done = await work(measured(tx));
        worked = performance.now();
        return done;
      });
      const commit = sums.get('(commit)') ?? { ms: 0, calls: 0, ids: 0, dbHits: 0, eager: new Set<string>() };
      commit.ms += performance.now() - worked;
      commit.calls += 1;
      sums.set('(commit)', commit);
      return result;
    },
  } as unknown as Database;
  const started = performance.now();
  const summary = await retractImport(db, importId, { by: 'profile', reason: 'profile', batchSize });
  const seconds = (performance.now() - started) / 1000;
  const [changesAfter] = await graph.db.read(`MATCH (b:ChangeBatch) RETURN coalesce(sum(b.last - b.first + 1), 0) AS n`);
  console.log(
    `retracted ${checked.rows} rows in ${seconds.toFixed(1)} s (${transactions} write transactions, batches of ${batchSize}${profile ? ', PROFILE' : ''}): ${summary.retiredEntities} entities, ${summary.retiredRelationships} relationships retired, ${summary.checked} checked; ${Number(changesAfter!.n) - Number(changesBefore!.n)} changes appended; load ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`| statement | calls | ids | ms |${profile ? ' db hits | db hits/retracted row | Eager |' : ''}`);
  for (const [name, s] of [...sums.entries()].sort((a, b) => b[1].dbHits - a[1].dbHits || b[1].ms - a[1].ms)) {
    console.log(`| ${name} | ${s.calls} | ${s.ids} | ${Math.round(s.ms)} |${profile ? ` ${s.dbHits} | ${(s.dbHits / checked.rows).toFixed(1)} | ${[...s.eager].join(' ')} |` : ''}`);
  }
  const total = [...sums.values()].reduce((a, s) => a + s.dbHits, 0);
  const accounted = [...sums.values()].reduce((a, s) => a + s.ms, 0);
  console.log(`outside statements and commits (client-side work, round trips): ${Math.round(seconds * 1000 - accounted)} ms of ${Math.round(seconds * 1000)}`);
  if (profile) console.log(`total db hits ${total} = ${(total / checked.rows).toFixed(1)} per row`);
  console.log(`current graph after the retraction equals before: ${isDeepStrictEqual(await currentGraph(graph.db), before)}`);
} finally {
  await removeBenchData();
  rmSync(dir, { recursive: true, force: true });
  await graph.close();
}
