/**
 * `npm run bench:feed -- --scale S|M|L [--subscribers 100] [--mutations 30] [--phase 10] [--rounds 3]`
 *
 * The change feed's goals (issue 20), on the bench graph with the API as a
 * child process:
 * - latency from a mutation's commit to each of `--subscribers` WebSocket
 *   subscribers receiving its change (p50/p99), while the mixed read load runs
 *   (autocannon, concurrency 16, cycling through the contract operations);
 *   measured from the change's `at` (stamped in the writing transaction, on
 *   this machine's clock) and from the mutation's request;
 * - mixed read throughput with the subscribers connected and without,
 *   in interleaved phases of `--phase` seconds, printed as a ratio; both
 *   phases make the same mutations (a write bumps the graph version, which
 *   costs the reads their cached figures), so that the ratio is the
 *   subscribers' cost alone.
 * Prints JSON and a table; records nothing (BENCHMARKS.md is written by hand
 * from a quiet machine's run).
 */
import autocannon from 'autocannon';
import { createClient as createWsClient, type Client } from 'graphql-ws';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { generateKey } from '../src/auth/apiKeys.js';
import { createKeyCypher } from '../src/auth/apiKeys.cypher.js';
import { freePort } from '../src/neo4j/freePort.js';
import { SCALES, type ScaleName } from '../src/synthetic/syntheticGraph.js';
import { contractOperations } from '../test/support/contract.js';
import type { ChildProcess } from 'node:child_process';
import { prepareSyntheticGraph, startApi, stopApi } from './benchApi.js';
import { connectBenchGraph, DATABASE_OPTION } from './benchGraph.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    subscribers: { type: 'string', default: '100' },
    mutations: { type: 'string', default: '30' },
    phase: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    ...DATABASE_OPTION,
  },
});
const scale = args.scale.toUpperCase() as ScaleName;
if (!(scale in SCALES)) throw new Error(`--scale must be S, M or L, but got: ${args.scale}`);
const subscriberCount = Number(args.subscribers);
const mutationCount = Number(args.mutations);
const phaseSeconds = Number(args.phase);
const rounds = Number(args.rounds);
if (![subscriberCount, mutationCount, phaseSeconds, rounds].every((n) => Number.isInteger(n) && n >= 1)) {
  throw new Error('--subscribers, --mutations, --phase and --rounds must be positive whole numbers');
}
const CONCURRENCY = 16;
const log = (line: string) => console.log(`bench:feed: ${line}`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10 : null;
};

const SUBSCRIPTION = 'subscription { graphChanged(where: { types: ["Source"] }) { cursor at entity { id } } }';
const MUTATION = 'mutation($input: SourceInput!) { upsertSource(input: $input) { id } }';

const graph = await connectBenchGraph('npm run bench:feed', { confirmedUri: args.database, queryTimeoutMs: 600_000, log });
let api: ChildProcess | undefined;
const clients: Client[] = [];
try {
  const { variables } = await prepareSyntheticGraph(graph.db, scale, log);
  const { id, key, hash } = generateKey();
  await graph.db.write(createKeyCypher, { id, name: 'bench:feed editor', role: 'editor', hash });

  const port = await freePort();
  api = await startApi(graph.uri, port);
  const base = `http://127.0.0.1:${port}`;

  const readLoad = async (seconds: number) => {
    let graphqlErrors = 0;
    const result = await autocannon({
      url: `${base}/graphql`,
      connections: CONCURRENCY,
      duration: seconds,
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
    return { requestsPerSecond: result.requests.average, errors: result.errors + result.timeouts + result.non2xx + graphqlErrors };
  };

  /** Received changes: per source id, the receipt times of every subscriber. */
  const receipts = new Map<string, { at: number; received: number[] }>();
  let connected = 0;
  const connect = async () => {
    await Promise.all(
      Array.from({ length: subscriberCount }, async () => {
        const client = createWsClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
        clients.push(client);
        await new Promise<void>((resolve, reject) => {
          client.on('connected', () => resolve());
          client.subscribe<{ graphChanged: { at: string; entity: { id: string } } }>(
            { query: SUBSCRIPTION },
            {
              next: ({ data }) => {
                const now = Date.now();
                const change = data!.graphChanged;
                const entry = receipts.get(change.entity.id) ?? { at: Date.parse(change.at), received: [] };
                entry.received.push(now);
                receipts.set(change.entity.id, entry);
              },
              error: reject,
              complete: () => undefined,
            },
          );
        });
        connected += 1;
      }),
    );
  };
  const disconnect = async () => {
    for (const client of clients.splice(0)) await client.dispose();
    connected = 0;
  };

  // Interleaved phases: without subscribers, then with them, `rounds` times.
  const without: number[] = [];
  const withSubscribers: number[] = [];
  const sentAt = new Map<string, number>();
  let errors = 0;
  const mutationErrors: string[] = [];
  const perRound = Math.ceil(mutationCount / rounds);
  /** Mutations spread over a phase, while the read load runs; `measured` ones count for latency. */
  const mutate = async (round: number, measured: boolean) => {
    for (let i = 0; i < perRound; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, (phaseSeconds * 1000) / (perRound + 1)));
      const sourceId = `bench-feed-${Date.now()}-${round}-${i}`;
      const sent = Date.now();
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: MUTATION, variables: { input: { id: sourceId, title: `Bench feed ${i} (fictional)` } } }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      // A refused mutation (e.g. OVERLOADED under the read load) wrote nothing, so no subscriber can miss it.
      if (body.errors) {
        mutationErrors.push(body.errors[0]?.extensions?.code ?? String(response.status));
        continue;
      }
      if (measured) sentAt.set(sourceId, sent);
    }
  };
  await readLoad(2); // warm-up
  for (let round = 0; round < rounds; round += 1) {
    const plainLoad = readLoad(phaseSeconds);
    await mutate(round, false);
    const plain = await plainLoad;
    without.push(plain.requestsPerSecond);
    errors += plain.errors;
    await connect();
    log(`round ${round + 1}: ${connected} subscribers connected`);
    const loaded = readLoad(phaseSeconds);
    await mutate(round, true);
    const busy = await loaded;
    withSubscribers.push(busy.requestsPerSecond);
    errors += busy.errors;
    // Let the last changes arrive before the subscribers go.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await disconnect();
  }

  const fromCommit: number[] = [];
  const fromRequest: number[] = [];
  let missing = 0;
  for (const [sourceId, sent] of sentAt) {
    const entry = receipts.get(sourceId);
    missing += subscriberCount - (entry?.received.length ?? 0);
    for (const received of entry?.received ?? []) {
      fromCommit.push(received - entry!.at);
      fromRequest.push(received - sent);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const result = {
    scale,
    subscribers: subscriberCount,
    mutations: sentAt.size,
    concurrency: CONCURRENCY,
    latencyMs: {
      fromCommit: { p50: percentile(fromCommit, 50), p99: percentile(fromCommit, 99), max: percentile(fromCommit, 100) },
      fromRequest: { p50: percentile(fromRequest, 50), p99: percentile(fromRequest, 99), max: percentile(fromRequest, 100) },
    },
    deliveries: fromCommit.length,
    missing,
    readThroughput: {
      withoutSubscribers: without.map(Math.round),
      withSubscribers: withSubscribers.map(Math.round),
      ratio: Math.round((mean(withSubscribers) / mean(without)) * 1000) / 1000,
    },
    errors,
    mutationErrors,
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(`\n| ${scale} | subscribers | commit→receipt p50 / p99 ms | request→receipt p50 / p99 ms | missing | read req/s without / with | ratio |\n|---|---|---|---|---|---|---|`);
  console.log(
    `| c${CONCURRENCY} | ${subscriberCount} | ${result.latencyMs.fromCommit.p50} / ${result.latencyMs.fromCommit.p99} | ${result.latencyMs.fromRequest.p50} / ${result.latencyMs.fromRequest.p99} | ${missing} | ${Math.round(mean(without))} / ${Math.round(mean(withSubscribers))} | ${result.readThroughput.ratio} |`,
  );
  if (missing || errors || mutationErrors.length) process.exitCode = 1;
} catch (error) {
  console.error('bench:feed: failed:', error);
  process.exitCode = 1;
} finally {
  for (const client of clients) await client.dispose();
  await stopApi(api);
  await graph.close();
}
