/**
 * `npm run bench -- --scale S|M|L [--runs 30] [--duration 30] [--concurrency 1,16,64]`
 *
 * On a synthetic graph of the scale (generated, or reused when one of that
 * size is already there), with the API running as a child process:
 * - per contract operation: median/p95/p99 latency over `runs` sequential
 *   requests over HTTP, the Cypher round trips per request, and the floor
 *   (the same answer by one hand-written Cypher statement through
 *   neo4j-driver, timed in the same run) with the ratio API/floor;
 * - throughput and errors at each concurrency with autocannon, cycling
 *   through the ten contract operations;
 * - the API process's peak resident memory (VmHWM of the child, sampled RSS).
 * Writes bench/results/<scale>-<time>.json and prints a Markdown table.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { readConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { connect } from '../src/graphDatabase.js';
import { migrate } from '../src/neo4j/migrations.js';
import { projectRoot } from '../src/projectRoot.js';
import { applySeed } from '../src/seed/seedGraph.js';
import { createServer } from '../src/server.js';
import { SCALES, type ScaleName } from '../src/synthetic/syntheticGraph.js';
import { writeSyntheticGraph } from '../src/synthetic/writeSynthetic.js';
import { contractOperations } from '../test/support/contract.js';
import { FLOOR, NEO4J_VERSION, PICK_VARIABLES, SYNTHETIC_COMPANIES } from './floor.cypher.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    runs: { type: 'string', default: '30' },
    duration: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '1,16,64' },
  },
});
const scale = args.scale.toUpperCase() as ScaleName;
if (!(scale in SCALES)) throw new Error(`--scale must be S, M or L, but got: ${args.scale}`);
const runs = Number(args.runs);
const duration = Number(args.duration);
const concurrencies = args.concurrency.split(',').map(Number);
if (!(runs >= 1) || !(duration >= 1) || concurrencies.some((c) => !(c >= 1))) {
  throw new Error('--runs, --duration and every --concurrency must be positive numbers');
}
const log = (line: string) => console.log(`bench: ${line}`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { median: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
};

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resident memory of a process in MB: now (VmRSS) and its peak so far (VmHWM). */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function startApi(neo4jUri: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'main.ts')], {
    env: { ...process.env, NEO4J_URI: neo4jUri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: '', PORT: String(port), GREENGRAPH_SEED_ON_START: 'false', GREENGRAPH_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status, () => 0);
    if (ready === 200) return child;
    if (Date.now() > deadline) throw new Error('the API did not become ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const config = readConfig();
const graph = await connect({ ...config, queryTimeoutMs: 600_000 }, log);
let api: ChildProcess | undefined;
let sampler: NodeJS.Timeout | undefined;
try {
  await migrate(graph.db);
  await applySeed(graph.db);
  const companies = SCALES[scale];
  const [existing] = await graph.db.read(SYNTHETIC_COMPANIES);
  let generation: { seconds: number; nodes: number; relationships: number } | 'reused';
  if (existing?.companies === companies) {
    generation = 'reused';
    log(`reusing the synthetic graph of ${companies} companies already in the database`);
  } else {
    generation = await writeSyntheticGraph(graph.db, companies, 42, log);
  }
  const [picked] = await graph.db.read(PICK_VARIABLES);
  const [neo4jVersion] = await graph.db.read(NEO4J_VERSION);
  const variables: Record<string, Record<string, unknown>> = {
    ForeignCoBuilders: { province: picked!.province },
    ForeignFirmsInProvince: { province: picked!.province },
    CompanyProfile: { id: picked!.company },
    ProvinceOverview: { code: picked!.province },
    ParkDetail: { id: picked!.park },
    PledgesDueBy: { year: 2030 },
    Search: { text: 'Green Power' },
    HowConnected: { from: picked!.company, to: picked!.farCompany },
    Neighborhood: { id: picked!.park },
    GraphStats: {},
  };
  const floorParams: Record<string, Record<string, unknown>> = {
    ...variables,
    ForeignCoBuilders: { ...variables.ForeignCoBuilders, first: neo4j.int(50) },
    PledgesDueBy: { year: neo4j.int(2030) },
  };

  // Round trips per request, in-process: the API's own count.
  const inProcess = await createServer({ db: graph.db });
  const roundTrips: Record<string, number> = {};
  for (const [name, query] of Object.entries(contractOperations)) {
    const context = createContext(graph.db);
    const response = await inProcess.apollo.executeOperation({ query, variables: variables[name] }, { contextValue: context });
    if (response.body.kind !== 'single' || response.body.singleResult.errors) {
      throw new Error(`${name} failed: ${JSON.stringify(response.body)}`);
    }
    roundTrips[name] = context.stats.roundTrips;
  }
  await inProcess.close();

  const port = await freePort();
  api = await startApi(graph.local?.uri ?? config.neo4j!.uri, port);
  const url = `http://127.0.0.1:${port}/graphql`;
  const memory = { peakRssMb: 0 };
  const apiPid = api.pid!;
  sampler = setInterval(() => {
    memory.peakRssMb = Math.max(memory.peakRssMb, memoryMb(apiPid).rss);
  }, 100);

  const post = async (name: string) => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: contractOperations[name], variables: variables[name] }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (response.status !== 200 || body.errors) throw new Error(`${name} failed: ${JSON.stringify(body)}`);
    return performance.now() - started;
  };
  const floor = async (name: string) => {
    const started = performance.now();
    await graph.db.driver.executeQuery(FLOOR[name]!, floorParams[name], { routing: neo4j.routing.READ });
    return performance.now() - started;
  };

  const operations: Record<string, unknown> = {};
  for (const name of Object.keys(contractOperations)) {
    for (let i = 0; i < 3; i += 1) {
      await post(name);
      await floor(name);
    }
    const apiTimes: number[] = [];
    const floorTimes: number[] = [];
    // Interleaved, so that both see the same state of caches and machine.
    for (let i = 0; i < runs; i += 1) {
      apiTimes.push(await post(name));
      floorTimes.push(await floor(name));
    }
    const apiMs = summary(apiTimes);
    const floorMs = summary(floorTimes);
    operations[name] = { roundTrips: roundTrips[name], apiMs, floorMs, ratio: Math.round((apiMs.median / floorMs.median) * 100) / 100 };
    log(`${name}: API ${apiMs.median} ms, floor ${floorMs.median} ms, ${roundTrips[name]} round trip(s)`);
  }

  const load: Record<string, unknown> = {};
  for (const connections of concurrencies) {
    let graphqlErrors = 0;
    const result = await autocannon({
      url,
      connections,
      duration,
      timeout: 30,
      requests: Object.keys(contractOperations).map((name) => ({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: contractOperations[name], variables: variables[name] }),
        onResponse: (_status: number, body: string) => {
          if (body.includes('"errors"')) graphqlErrors += 1;
        },
      })),
    });
    load[`c${connections}`] = {
      requestsPerSecond: result.requests.average,
      requests: result.requests.total,
      latencyMs: { median: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    };
    log(`concurrency ${connections}: ${result.requests.average} req/s, errors ${result.errors + result.timeouts + result.non2xx + graphqlErrors}`);
  }
  clearInterval(sampler);
  const apiMemory = { peakRssMb: Math.round(Math.max(memory.peakRssMb, memoryMb(api.pid!).peak)) };

  const result = {
    scale,
    companies,
    generation,
    runs,
    durationSeconds: duration,
    machine: {
      cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      os: `${osType()} ${release()}`,
      node: process.version,
      neo4j: neo4jVersion?.version,
    },
    variables,
    operations,
    load,
    apiMemory: { ...apiMemory, measured: 'VmHWM of the API child process (node --import tsx src/main.ts)' },
    at: new Date().toISOString(),
  };
  const dir = join(projectRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${scale}-${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);

  console.log(`\n| ${scale} operation | round trips | API median / p95 / p99 ms | floor median ms | API/floor |\n|---|---|---|---|---|`);
  for (const [name, o] of Object.entries(operations) as [string, any][]) {
    console.log(`| ${name} | ${o.roundTrips} | ${o.apiMs.median} / ${o.apiMs.p95} / ${o.apiMs.p99} | ${o.floorMs.median} | ${o.ratio} |`);
  }
  console.log(`\n| concurrency | req/s | median / p99 ms | errors |\n|---|---|---|---|`);
  for (const [c, l] of Object.entries(load) as [string, any][]) {
    console.log(`| ${c.slice(1)} | ${Math.round(l.requestsPerSecond)} | ${l.latencyMs.median} / ${l.latencyMs.p99} | ${l.errors} |`);
  }
  console.log(`\nAPI peak RSS: ${apiMemory.peakRssMb} MB`);
} catch (error) {
  console.error('bench: failed:', error);
  process.exitCode = 1;
} finally {
  clearInterval(sampler);
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    await new Promise((resolve) => api!.once('exit', resolve));
  }
  await graph.close();
}
