/**
 * `npm run bench:observability -- --scale S|M|L [--rounds 5] [--duration 20] [--concurrency 16] [--baseline DIR]`
 *
 * What metrics and traces cost (issue 20's goal: with both off, mixed read
 * throughput within the noise of before; with metrics on, within 3 %). On
 * the synthetic graph of the scale, three APIs run side by side as child
 * processes:
 * - off: GREENGRAPH_METRICS=off, no OTEL_EXPORTER_OTLP_ENDPOINT;
 * - metrics: GREENGRAPH_METRICS=open;
 * - metrics+traces: metrics, and every span exported over OTLP/HTTP to a
 *   sink in this process that accepts and discards what it is sent.
 * With `--baseline DIR` (a checkout of an earlier commit, e.g. a git
 * worktree with node_modules), a fourth API runs from it, `before`: off
 * against before is the cost of having metrics and traces at all.
 * Each round runs the mixed read load (the ten contract operations, cycled,
 * autocannon) for `duration` seconds against each API in turn, the order
 * rotating from round to round, so that all three see the same machine:
 * the shared machine's load drifts, and interleaving spreads the drift over
 * all three. Prints every phase, the median per configuration and the
 * ratios to off. Nothing is written: the figures go to BENCHMARKS.md by hand
 * from a quiet machine.
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { freePort } from '../src/neo4j/freePort.js';
import { contractOperations } from '../test/support/contract.js';
import { prepareSyntheticGraph, scaleOf, startApi, stopApi } from './benchApi.js';
import { connectBenchGraph, DATABASE_OPTION } from './benchGraph.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '16' },
    baseline: { type: 'string' },
    ...DATABASE_OPTION,
  },
});
const scale = scaleOf(args.scale);
const rounds = Number(args.rounds);
const duration = Number(args.duration);
const concurrency = Number(args.concurrency);
if (!(rounds >= 1) || !(duration >= 1) || !(concurrency >= 1)) throw new Error('--rounds, --duration and --concurrency must be positive numbers');
const log = (line: string) => console.log(`bench: ${line}`);
const loadAverage = () => loadavg().map((l) => Math.round(l * 100) / 100).join(' / ');

/** An OTLP/HTTP endpoint that reads every export to its end, answers 200 and keeps nothing but counts. */
async function startOtlpSink(): Promise<{ url: string; received: { requests: number; bytes: number }; close: () => Promise<void> }> {
  const received = { requests: 0, bytes: 0 };
  const sink = createHttpServer((req, res) => {
    req.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
    req.on('end', () => {
      received.requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => sink.close(() => resolve())),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const graph = await connectBenchGraph('npm run bench:observability', { confirmedUri: args.database, queryTimeoutMs: 600_000, log });
const apis: { name: string; child: ChildProcess; url: string }[] = [];
let sink: Awaited<ReturnType<typeof startOtlpSink>> | undefined;
try {
  const { variables } = await prepareSyntheticGraph(graph.db, scale, log);
  sink = await startOtlpSink();
  const configurations: [string, Record<string, string>][] = [
    ['off', { GREENGRAPH_METRICS: 'off' }],
    ['metrics', { GREENGRAPH_METRICS: 'open' }],
    ['metrics+traces', { GREENGRAPH_METRICS: 'open', OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_SERVICE_NAME: 'greengraph-bench' }],
  ];
  const roots: Record<string, string> = {};
  if (args.baseline) {
    configurations.unshift(['before', {}]);
    roots.before = args.baseline;
  }
  for (const [name, env] of configurations) {
    const port = await freePort();
    // Inherited OTEL variables would trace the off and metrics APIs too.
    const child = await startApi(graph.uri, port, { OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '', ...env }, roots[name]);
    apis.push({ name, child, url: `http://127.0.0.1:${port}/graphql` });
    log(`started the API with ${name} on port ${port}`);
  }
  const requests = Object.keys(contractOperations).map((name) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: contractOperations[name], variables: variables[name] }),
  }));
  const load = async (url: string, seconds: number) => {
    let graphqlErrors = 0;
    const result = await autocannon({
      url,
      connections: concurrency,
      duration: seconds,
      timeout: 30,
      requests: requests.map((request) => ({
        ...request,
        onResponse: (_status: number, body: string) => {
          if (body.includes('"errors"')) graphqlErrors += 1;
        },
      })),
    });
    return { requestsPerSecond: result.requests.average, errors: result.errors + result.timeouts + result.non2xx + graphqlErrors };
  };

  // Warm each API's query plans and JIT before anything is measured.
  for (const api of apis) await load(api.url, Math.min(5, duration));
  log(`load average before the rounds: ${loadAverage()}`);

  const throughput: Record<string, number[]> = Object.fromEntries(apis.map((api) => [api.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    const order = apis.map((_, i) => apis[(i + round) % apis.length]!);
    for (const api of order) {
      const { requestsPerSecond, errors } = await load(api.url, duration);
      throughput[api.name]!.push(requestsPerSecond);
      log(`round ${round + 1}/${rounds} ${api.name}: ${requestsPerSecond} req/s, errors ${errors} (load ${loadAverage()})`);
      if (errors) throw new Error(`${api.name}: ${errors} requests failed; the figures would not compare`);
    }
  }

  const metricsUrl = apis.find((api) => api.name === 'metrics')!.url.replace('/graphql', '/metrics');
  const exposition = await (await fetch(metricsUrl)).text();
  if (!/^greengraph_graphql_requests_total\{operation="CompanyProfile",outcome="ok"\} [1-9]/m.test(exposition)) {
    throw new Error('the metrics API counted no CompanyProfile request: the bench did not measure metrics on');
  }
  // Let the traced API's batch processor flush (5 s by default) before the sink is asked.
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  if (sink.received.requests === 0) throw new Error('the OTLP sink received no export: the bench did not measure traces on');

  const off = median(throughput.off!);
  console.log(`\n${scale}, mixed reads at concurrency ${concurrency}, ${rounds} interleaved rounds of ${duration} s\n`);
  console.log('| configuration | req/s per round | median req/s | ratio to off |\n|---|---|---|---|');
  for (const api of apis) {
    const runs = throughput[api.name]!;
    console.log(`| ${api.name} | ${runs.map((r) => Math.round(r)).join(', ')} | ${Math.round(median(runs))} | ${(median(runs) / off).toFixed(3)} |`);
  }
  console.log(`\nOTLP sink: ${sink.received.requests} exports, ${Math.round(sink.received.bytes / 1024)} KiB. Load average at the end: ${loadAverage()}`);
} catch (error) {
  console.error('bench: failed:', error);
  process.exitCode = 1;
} finally {
  for (const api of apis) await stopApi(api.child);
  await sink?.close();
  await graph.close();
}
