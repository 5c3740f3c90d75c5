/**
 * `npm run bench -- --scale S|M|L [--runs 30] [--duration 30] [--op-duration 10] [--concurrency 1,16,64]`
 *
 * On a synthetic graph of the scale (generated, or reused when one of that
 * size is already there), with the API running as a child process:
 * - per contract operation: median/p95/p99 latency over `runs` sequential
 *   requests over HTTP, the Cypher round trips per request, and the floor
 *   (the same answer by one hand-written Cypher statement through
 *   neo4j-driver, timed in the same run) with the ratio API/floor;
 * - whether the API and the floor give the same answer (SAME_ANSWER);
 * - per operation, throughput at concurrency 16 of the API (autocannon) and
 *   of the floor (16 concurrent loops through neo4j-driver), and the API's
 *   CPU milliseconds per request (the child process's user+system time
 *   over the requests it served);
 * - throughput, errors and CPU per request at each concurrency with
 *   autocannon, cycling through the ten contract operations, and the floor's
 *   mixed throughput at concurrency 16;
 * - the API process's peak resident memory (VmHWM of the child, sampled RSS);
 * - beside each floor, the same statement as an auto-commit read (one network
 *   exchange instead of three), and the machine's load average.
 * Writes bench/results/<scale>-<time>.json and prints a Markdown table.
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { freePort } from '../src/neo4j/freePort.js';
import { connectBenchGraph, DATABASE_OPTION } from './benchGraph.js';
import { createContext } from '../src/context.js';
import { projectRoot } from '../src/projectRoot.js';
import { createServer } from '../src/server.js';
import { SCALES } from '../src/synthetic/syntheticGraph.js';
import { contractOperations } from '../test/support/contract.js';
import { prepareSyntheticGraph, scaleOf, startApi, stopApi } from './benchApi.js';
import { ANALYST_FLOOR, FLOOR as CONTRACT_FLOOR, floorParamsOf, NEO4J_VERSION } from './floor.cypher.js';
import { SAME_ANSWER } from './sameAnswer.js';
import { parse, print, type OperationDefinitionNode } from 'graphql';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    runs: { type: 'string', default: '30' },
    duration: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '1,16,64' },
    'op-duration': { type: 'string', default: '10' },
    ...DATABASE_OPTION,
  },
});
const scale = scaleOf(args.scale);
const runs = Number(args.runs);
const duration = Number(args.duration);
const concurrencies = args.concurrency.split(',').map(Number);
const opDuration = Number(args['op-duration']);
/** The concurrency of the per-operation throughput, API and floor alike. */
const OP_CONCURRENCY = 16;
if (!(runs >= 1) || !(duration >= 1) || !(opDuration >= 1) || concurrencies.some((c) => !(c >= 1))) {
  throw new Error('--runs, --duration, --op-duration and every --concurrency must be positive numbers');
}
const log = (line: string) => console.log(`bench: ${line}`);

/** The analysts' six questions (those with a hand-written floor), each printed on its own, measured beside the contract's. */
const analystOperations: Record<string, string> = Object.fromEntries(
  parse(readFileSync(join(projectRoot(), 'src', 'client', 'operations', 'analysts.graphql'), 'utf8'))
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && d.name!.value in ANALYST_FLOOR)
    .map((d) => [d.name!.value, print(d)]),
);
if (Object.keys(analystOperations).length !== Object.keys(ANALYST_FLOOR).length) {
  throw new Error(`Every analyst floor needs its operation in analysts.graphql; found ${Object.keys(analystOperations).join(', ')}`);
}
/** Every operation measured one by one; the mixed load stays the contract's ten, comparable with earlier runs. */
const allOperations: Record<string, string> = { ...contractOperations, ...analystOperations };
const FLOOR: Record<string, string> = { ...CONTRACT_FLOOR, ...ANALYST_FLOOR };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { median: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
};

/** Resident memory of a process in MB: now (VmRSS) and its peak so far (VmHWM). */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU time (user + system) a process has used so far, in ms (clock ticks of 10 ms on Linux). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
const graph = await connectBenchGraph('npm run bench', { confirmedUri: args.database, queryTimeoutMs: 600_000, log });
let api: ChildProcess | undefined;
let sampler: NodeJS.Timeout | undefined;
try {
  const companies = SCALES[scale];
  const { generation, variables } = await prepareSyntheticGraph(graph.db, scale, log);
  const [neo4jVersion] = await graph.db.read(NEO4J_VERSION);
  const floorParams = floorParamsOf(variables);

  // Round trips per request, in-process: the API's own count.
  const inProcess = await createServer({ db: graph.db });
  const roundTrips: Record<string, number> = {};
  for (const [name, query] of Object.entries(allOperations)) {
    const context = createContext(graph.db);
    const response = await inProcess.apollo.executeOperation({ query, variables: variables[name] }, { contextValue: context });
    if (response.body.kind !== 'single' || response.body.singleResult.errors) {
      throw new Error(`${name} failed: ${JSON.stringify(response.body)}`);
    }
    roundTrips[name] = context.stats.roundTrips;
  }
  await inProcess.close();

  const port = await freePort();
  api = await startApi(graph.uri, port);
  const url = `http://127.0.0.1:${port}/graphql`;
  const memory = { peakRssMb: 0 };
  const apiPid = api.pid!;
  sampler = setInterval(() => {
    memory.peakRssMb = Math.max(memory.peakRssMb, memoryMb(apiPid).rss);
  }, 100);

  const request = async (name: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: allOperations[name], variables: variables[name] }),
    });
    const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown };
    if (response.status !== 200 || body.errors) throw new Error(`${name} failed: ${JSON.stringify(body)}`);
    return body.data!;
  };
  const post = async (name: string) => {
    const started = performance.now();
    await request(name);
    return performance.now() - started;
  };
  const floorQuery = (name: string) => graph.db.driver.executeQuery(FLOOR[name]!, floorParams[name], { routing: neo4j.routing.READ });
  /**
   * The same statement as an auto-commit read (one network exchange, as the
   * API's reads are since issue 8's third session; executeQuery's managed
   * transaction takes three): the lower floor.
   */
  const floorAutoCommit = async (name: string) => {
    const session = graph.db.driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      return await session.run(FLOOR[name]!, floorParams[name]);
    } finally {
      await session.close();
    }
  };
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const floor = (name: string) => timed(() => floorQuery(name));
  /** Queries per second of `queries` run by OP_CONCURRENCY loops for `seconds`. */
  const floorThroughput = async (seconds: number, queries: string[], query: (name: string) => Promise<unknown> = floorQuery) => {
    const end = performance.now() + seconds * 1000;
    let done = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: OP_CONCURRENCY }, async () => {
        while (performance.now() < end) {
          await query(queries[next++ % queries.length]!);
          done += 1;
        }
      }),
    );
    return Math.round((done / seconds) * 10) / 10;
  };
  const apiLoad = async (connections: number, seconds: number, names: string[]) => {
    let graphqlErrors = 0;
    const cpuBefore = cpuMs(apiPid);
    const result = await autocannon({
      url,
      connections,
      duration: seconds,
      timeout: 30,
      requests: names.map((name) => ({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: allOperations[name], variables: variables[name] }),
        onResponse: (_status: number, body: string) => {
          if (body.includes('"errors"')) graphqlErrors += 1;
        },
      })),
    });
    const cpu = cpuMs(apiPid) - cpuBefore;
    return {
      requestsPerSecond: result.requests.average,
      requests: result.requests.total,
      latencyMs: { median: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
      cpuMsPerRequest: result.requests.total ? Math.round((cpu / result.requests.total) * 100) / 100 : null,
    };
  };

  const operations: Record<string, unknown> = {};
  for (const name of Object.keys(allOperations)) {
    for (let i = 0; i < 3; i += 1) {
      await post(name);
      await floor(name);
      await floorAutoCommit(name);
    }
    const apiTimes: number[] = [];
    const floorTimes: number[] = [];
    const autoCommitTimes: number[] = [];
    // Interleaved, so that all see the same state of caches and machine.
    for (let i = 0; i < runs; i += 1) {
      apiTimes.push(await post(name));
      floorTimes.push(await floor(name));
      autoCommitTimes.push(await timed(() => floorAutoCommit(name)));
    }
    const apiMs = summary(apiTimes);
    const floorMs = summary(floorTimes);
    const floorAutoCommitMs = summary(autoCommitTimes);
    const same = SAME_ANSWER[name]!;
    const apiAnswer = JSON.stringify(same.api(await request(name)));
    const floorRecord = (await floorQuery(name)).records[0]?.toObject() ?? {};
    const floorAnswer = JSON.stringify(same.floor(floorRecord));
    const sameAnswer = apiAnswer === floorAnswer;
    if (!sameAnswer) log(`${name}: the floor answers differently!\n  API:   ${apiAnswer.slice(0, 600)}\n  floor: ${floorAnswer.slice(0, 600)}`);
    const apiAtC16 = await apiLoad(OP_CONCURRENCY, opDuration, [name]);
    const floorAtC16 = await floorThroughput(opDuration, [name]);
    operations[name] = {
      roundTrips: roundTrips[name], apiMs, floorMs, ratio: Math.round((apiMs.median / floorMs.median) * 100) / 100,
      floorAutoCommitMs, ratioAutoCommit: Math.round((apiMs.median / floorAutoCommitMs.median) * 100) / 100, sameAnswer,
      [`c${OP_CONCURRENCY}`]: { apiRequestsPerSecond: apiAtC16.requestsPerSecond, floorQueriesPerSecond: floorAtC16, apiErrors: apiAtC16.errors, apiCpuMsPerRequest: apiAtC16.cpuMsPerRequest },
    };
    log(`${name}: API ${apiMs.median} ms, floor ${floorMs.median} ms (auto-commit ${floorAutoCommitMs.median} ms), ${roundTrips[name]} round trip(s), same answer: ${sameAnswer}; ` +
      `c${OP_CONCURRENCY}: API ${apiAtC16.requestsPerSecond} req/s (${apiAtC16.cpuMsPerRequest} CPU ms/req), floor ${floorAtC16} q/s`);
  }

  const load: Record<string, unknown> = {};
  for (const connections of concurrencies) {
    const result = await apiLoad(connections, duration, Object.keys(contractOperations));
    load[`c${connections}`] = result;
    log(`concurrency ${connections}: ${result.requestsPerSecond} req/s, ${result.cpuMsPerRequest} CPU ms/req, errors ${result.errors}`);
  }
  const floorMixed = {
    concurrency: OP_CONCURRENCY,
    queriesPerSecond: await floorThroughput(duration, Object.keys(contractOperations)),
    autoCommitQueriesPerSecond: await floorThroughput(duration, Object.keys(contractOperations), floorAutoCommit),
  };
  log(`floor, mixed, concurrency ${OP_CONCURRENCY}: ${floorMixed.queriesPerSecond} q/s (auto-commit ${floorMixed.autoCommitQueriesPerSecond} q/s)`);
  clearInterval(sampler);
  const apiMemory = { peakRssMb: Math.round(Math.max(memory.peakRssMb, memoryMb(api.pid!).peak)) };

  const result = {
    scale,
    companies,
    generation,
    runs,
    durationSeconds: duration,
    opDurationSeconds: opDuration,
    machine: {
      cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      os: `${osType()} ${release()}`,
      node: process.version,
      neo4j: neo4jVersion?.version,
      // The machine is shared: its load average at the start and the end of the run.
      loadAverage: { start: loadAtStart, end: loadavg().map((l) => Math.round(l * 100) / 100) },
    },
    variables,
    operations,
    load,
    floorMixed,
    apiMemory: { ...apiMemory, measured: 'VmHWM of the API child process (node --import tsx src/main.ts)' },
    at: new Date().toISOString(),
  };
  const dir = join(projectRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${scale}-${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);

  console.log(`\n| ${scale} operation | round trips | API median / p95 / p99 ms | floor median ms | API/floor | floor auto-commit ms | API/auto-commit floor | same answer | c${OP_CONCURRENCY} API req/s | c${OP_CONCURRENCY} floor q/s | API CPU ms/req |\n|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const [name, o] of Object.entries(operations) as [string, any][]) {
    const c = o[`c${OP_CONCURRENCY}`];
    console.log(`| ${name} | ${o.roundTrips} | ${o.apiMs.median} / ${o.apiMs.p95} / ${o.apiMs.p99} | ${o.floorMs.median} | ${o.ratio} | ${o.floorAutoCommitMs.median} | ${o.ratioAutoCommit} | ${o.sameAnswer ? 'yes' : '**no**'} | ${c.apiRequestsPerSecond} | ${c.floorQueriesPerSecond} | ${c.apiCpuMsPerRequest} |`);
  }
  console.log(`\n| concurrency | req/s | median / p99 ms | errors | API CPU ms/req |\n|---|---|---|---|---|`);
  for (const [c, l] of Object.entries(load) as [string, any][]) {
    console.log(`| ${c.slice(1)} | ${Math.round(l.requestsPerSecond)} | ${l.latencyMs.median} / ${l.latencyMs.p99} | ${l.errors} | ${l.cpuMsPerRequest} |`);
  }
  console.log(`\nFloor, mixed, concurrency ${OP_CONCURRENCY}: ${floorMixed.queriesPerSecond} queries/s (auto-commit: ${floorMixed.autoCommitQueriesPerSecond})`);
  console.log(`Load average (1/5/15 min) at start ${loadAtStart.join(' / ')}, at end ${result.machine.loadAverage.end.join(' / ')}`);
  console.log(`\nAPI peak RSS: ${apiMemory.peakRssMb} MB`);
  // Figures of a wrong answer or of a load with errors measure nothing: the run fails (CI's smoke test relies on it).
  const wrong = [
    ...Object.entries(operations).flatMap(([name, o]: [string, any]) => (o.sameAnswer ? [] : [`${name} answers differently from its floor`])),
    ...Object.entries(load).flatMap(([c, l]: [string, any]) => (l.errors ? [`${l.errors} errors at concurrency ${c.slice(1)}`] : [])),
  ];
  if (wrong.length) {
    console.error(`bench: failed: ${wrong.join('; ')}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error('bench: failed:', error);
  process.exitCode = 1;
} finally {
  clearInterval(sampler);
  await stopApi(api);
  await graph.close();
}
