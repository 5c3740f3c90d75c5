/**
 * `npx tsx bench/profileImport.ts [--rows 20000] [--batch-size 5000] [--profile]`:
 * where an import's write pass spends its time, statement by statement.
 * Generates the bench's import set (bench/importBench.ts --files-only),
 * removes the bench's data, then runs the importer's write pass
 * (writeImport, as `npm run import` does, with the same afterBatch
 * statement) and sums, per kind and statement, the time each `tx.run`
 * took and the rows it was given; with `--profile` every statement runs
 * as PROFILE and the sums are db hits, with the Eager operators named
 * (PROFILE slows the statements, so take times from a run without it).
 * The bench's data is removed afterwards. For finding the cost, not a
 * figure for BENCHMARKS.md (that is `npm run bench:import`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ManagedTransaction } from 'neo4j-driver';
import { AFFECTED_COMPANIES, BUMP_GRAPH_VERSION, RECOMPUTE_ACTIVE_IN, RECOMPUTE_FOREIGN, RECOMPUTE_RETIRED_ACTIVE_IN } from '../src/derived/derived.cypher.js';
import { connectBenchGraph, DATABASE_OPTION } from './benchGraph.js';
import { checkImport, importFiles } from '../src/import/checkImport.js';
import { writeImport } from '../src/import/importer.js';
import { batchCommittedCypher, createImportCypher } from '../src/import/importRecord.cypher.js';
import { migrate } from '../src/neo4j/migrations.js';
import type { Database } from '../src/neo4j/database.js';
import { entityTypesCypher, parentChainsCypher, storedRowsCypher } from '../src/write/write.cypher.js';
import { rowWriteOf, WRITE_ORDER } from '../src/domains.js';

const { values } = parseArgs({ options: { rows: { type: 'string' }, 'batch-size': { type: 'string' }, profile: { type: 'boolean' }, plan: { type: 'string' }, ...DATABASE_OPTION } });
/** `--plan STATEMENT`: with --profile, print the operator tree of the first statement of that name (e.g. write, RECOMPUTE_ACTIVE_IN) in each kind. */
const planOf = values.plan;
const printed = new Set<string>();
const rows = Number(values.rows ?? 20000);
const batchSize = Number(values['batch-size'] ?? 5000);
const profile = values.profile ?? false;

const NAMES = new Map<string, string>([
  [AFFECTED_COMPANIES, 'AFFECTED_COMPANIES'],
  [RECOMPUTE_FOREIGN, 'RECOMPUTE_FOREIGN'],
  [RECOMPUTE_ACTIVE_IN, 'RECOMPUTE_ACTIVE_IN'],
  [RECOMPUTE_RETIRED_ACTIVE_IN, 'RECOMPUTE_RETIRED_ACTIVE_IN'],
  [BUMP_GRAPH_VERSION, 'BUMP_GRAPH_VERSION'],
  [storedRowsCypher, 'storedRows'],
  [entityTypesCypher, 'entityTypes (recheck)'],
  [parentChainsCypher, 'parentChains'],
  [batchCommittedCypher, 'RECORDED_IN/progress'],
  ...WRITE_ORDER.map((kind): [string, string] => [rowWriteOf(kind).cypher, 'write']),
]);
const KIND_OF = new Map(WRITE_ORDER.map((kind) => [rowWriteOf(kind).cypher, kind]));
const nameOf = (cypher: string) =>
  NAMES.get(cypher) ?? (cypher.includes('WriteLock') ? (cypher.includes('importHash') ? 'lock + types + hashes' : cypher.includes('MATCH (l:WriteLock') ? 'unlock' : 'lock') : cypher.trim().slice(0, 40));

interface Sum {
  ms: number;
  calls: number;
  rows: number;
  dbHits: number;
  eager: Set<string>;
}
const sums = new Map<string, Sum>();
/** The statements of the running transaction, attributed to its batch's kind (that of its write statement) when it ends. */
let pending: [string, Sum][] = [];
let kind = '';
let commitMs = 0;
let transactionsMs = 0;

interface Plan {
  operatorType: string;
  dbHits: number;
  rows: number;
  time?: number;
  arguments: Record<string, unknown>;
  children: Plan[];
}
const show = (plan: Plan, depth = 0): string =>
  [`${'  '.repeat(depth)}${plan.operatorType.replace('@neo4j', '')} rows=${plan.rows} hits=${plan.dbHits} time=${Math.round(Number(plan.time ?? 0) / 1e6)}ms ${String(plan.arguments.Details ?? '').slice(0, 110)}`, ...plan.children.map((c) => show(c, depth + 1))].join('\n');
const walk = (plan: Plan, visit: (p: Plan) => void) => {
  visit(plan);
  for (const child of plan.children) walk(child, visit);
};

function measured(tx: ManagedTransaction): ManagedTransaction {
  return new Proxy(tx, {
    get(target, property) {
      if (property !== 'run') return Reflect.get(target, property);
      return async (cypher: string, params: Record<string, unknown>) => {
        kind = KIND_OF.get(cypher) ?? kind;
        const started = performance.now();
        const result = await target.run(profile ? `PROFILE ${cypher}` : cypher, params);
        const ms = performance.now() - started;
        const sum: Sum = { ms, calls: 1, rows: 0, dbHits: 0, eager: new Set<string>() };
        const list = (params?.rows ?? params?.ids ?? params?.roots ?? params?.active) as unknown[] | undefined;
        sum.rows += list?.length ?? 0;
        if (profile && planOf === nameOf(cypher) && !printed.has(cypher)) {
          printed.add(cypher);
          console.log(`--- ${KIND_OF.get(cypher) ?? kind} ${nameOf(cypher)}\n${show(result.summary.profile as unknown as Plan)}`);
        }
        if (profile && result.summary.profile) {
          walk(result.summary.profile as unknown as Plan, (p) => {
            sum.dbHits += p.dbHits;
            if (p.operatorType.startsWith('Eager')) sum.eager.add(p.operatorType);
          });
        }
        pending.push([nameOf(cypher), sum]);
        return result;
      };
    },
  });
}

const dir = mkdtempSync(join(tmpdir(), 'gg-profile-import-'));
execFileSync('npx', ['tsx', 'bench/importBench.ts', '--rows', String(rows), '--files-only', dir]);
const graph = await connectBenchGraph('bench/profileImport.ts', { confirmedUri: values.database, queryTimeoutMs: 600_000 });
const removeBenchData = async () => {
  for (;;) {
    const [row] = await graph.db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH 'bench-' WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n`);
    if (!row || row.n === 0) break;
  }
  await graph.db.write(`MATCH (i:Import) WHERE i.id STARTS WITH 'profile-' DETACH DELETE i`);
};
try {
  await migrate(graph.db);
  await removeBenchData();
  const { files } = importFiles(readdirSync(dir).map((f) => join(dir, f)));
  const checked = await checkImport(files, (cypher, params) => graph.db.read(cypher, params));
  // A refused set would still be written here, without the links its problems name (a bench graph without the seed's countries, provinces and cities: no HEADQUARTERED_IN, LOCATED_IN, IN_CITY), and profiled as if it were the import.
  if (checked.problemCount) throw new Error(`the import set has ${checked.problemCount} problems (is the seed applied to the bench graph?):\n${checked.problems.slice(0, 5).join('\n')}`);
  const importId = `profile-${Date.now()}`;
  await graph.db.write(createImportCypher, { id: importId, by: 'profile', files: [], sha256: [], records: [], rows: checked.rows });
  const db = {
    writeTransaction: async <T>(work: (tx: ManagedTransaction) => Promise<T>) => {
      const started = performance.now();
      let inWork = 0;
      kind = '?';
      const result = await graph.db.writeTransaction(async (tx) => {
        const workStarted = performance.now();
        const value = await work(measured(tx));
        inWork = performance.now() - workStarted;
        return value;
      });
      const total = performance.now() - started;
      for (const [name, one] of pending) {
        const key = `${kind.padEnd(13)} ${name}`;
        const sum = sums.get(key) ?? { ms: 0, calls: 0, rows: 0, dbHits: 0, eager: new Set<string>() };
        sum.ms += one.ms;
        sum.calls += one.calls;
        sum.rows += one.rows;
        sum.dbHits += one.dbHits;
        for (const e of one.eager) sum.eager.add(e);
        sums.set(key, sum);
      }
      pending = [];
      transactionsMs += total;
      commitMs += total - inWork;
      return result;
    },
  } as unknown as Database;
  const started = performance.now();
  await writeImport(db, files, checked.rows, {
    batchSize,
    by: importId,
    onBatch: () => undefined,
    afterBatch: async (tx, { done }, written) => {
      const ids = written.flatMap((row) => ((row as { id?: string }).id ? [(row as { id: string }).id] : []));
      await tx.run(batchCommittedCypher, { importId, done, ids });
    },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${checked.rows} rows written in ${seconds.toFixed(1)} s = ${Math.round(checked.rows / seconds)} rows/s (batches of ${batchSize}${profile ? ', PROFILE' : ''}); load ${loadavg()[0]!.toFixed(1)}`);
  const total = [...sums.values()].reduce((a, s) => a + s.ms, 0);
  console.log(`statements ${Math.round(total)} ms, transactions ${Math.round(transactionsMs)} ms, of which outside the work (begin+commit) ${Math.round(commitMs)} ms`);
  console.log(`| kind | statement | calls | rows | ms | µs/row |${profile ? ' db hits/row | Eager |' : ''}`);
  for (const [key, s] of [...sums.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
    const [k, ...rest] = key.split(/\s+/);
    const perRow = s.rows ? (s.ms * 1000) / s.rows : 0;
    console.log(
      `| ${k} | ${rest.join(' ')} | ${s.calls} | ${s.rows} | ${Math.round(s.ms)} | ${perRow.toFixed(0)} |${profile ? ` ${s.rows ? (s.dbHits / s.rows).toFixed(1) : s.dbHits} | ${[...s.eager].join(' ')} |` : ''}`,
    );
  }
} finally {
  await removeBenchData();
  rmSync(dir, { recursive: true, force: true });
  await graph.close();
}
