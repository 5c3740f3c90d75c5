/**
 * The overload probe: fires N concurrent requests (default 256) at a running
 * greengraph on loopback and prints how many were answered, how many were
 * refused with 503 OVERLOADED, how many failed otherwise or hung, and the
 * latencies. Bounded: each request gives up after --timeout ms, and the
 * probe stops once every request has an outcome.
 *
 *   npm start &                               # or any server on loopback
 *   npx tsx bench/overload.ts [--url http://127.0.0.1:4000] [--requests 256] [--timeout 30000]
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 4000}` },
    requests: { type: 'string', default: '256' },
    timeout: { type: 'string', default: '30000' },
  },
});
const base = values.url!;
if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(base)) {
  throw new Error(`--url must be a loopback address (http://127.0.0.1:<port>), not ${base}: this probe overloads what it hits.`);
}
const requests = Number(values.requests);
const timeoutMs = Number(values.timeout);

const query = `query ($id: ID!) { company(id: $id) { id name country { code } facilities { id name } pledges { id targetYear } } }`;

type Outcome = { kind: 'answered' | 'overloaded' | 'error' | 'hung'; ms: number; detail?: string };

async function one(): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { id: 'panasonic' } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    const ms = performance.now() - started;
    const code = body.errors?.[0]?.extensions?.code;
    if (response.status === 503 && code === 'OVERLOADED' && response.headers.get('retry-after')) return { kind: 'overloaded', ms };
    if (response.status === 200 && !code) return { kind: 'answered', ms };
    return { kind: 'error', ms, detail: `${response.status} ${code ?? ''}` };
  } catch (error) {
    const ms = performance.now() - started;
    return (error as Error).name === 'TimeoutError' ? { kind: 'hung', ms } : { kind: 'error', ms, detail: (error as Error).message };
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);
const summary = (outcomes: Outcome[]) => {
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return `${outcomes.length} (p50 ${percentile(ms, 0.5).toFixed(0)} ms, p95 ${percentile(ms, 0.95).toFixed(0)} ms, max ${(ms.at(-1) ?? NaN).toFixed(0)} ms)`;
};

const ready = await fetch(`${base}/ready`).then((r) => r.status, () => 0);
if (ready !== 200) throw new Error(`${base}/ready answers ${ready}: start the server and wait until it is ready.`);
const started = performance.now();
const outcomes = await Promise.all(Array.from({ length: requests }, () => one()));
const totalMs = performance.now() - started;

console.log(`overload probe: ${requests} concurrent requests to ${base}, each given up after ${timeoutMs} ms`);
for (const kind of ['answered', 'overloaded', 'error', 'hung'] as const) {
  const of = outcomes.filter((o) => o.kind === kind);
  console.log(`  ${kind.padEnd(10)} ${summary(of)}${kind === 'error' && of.length ? `: ${[...new Set(of.map((o) => o.detail))].join(', ')}` : ''}`);
}
console.log(`  all ${requests} had an outcome after ${totalMs.toFixed(0)} ms`);
process.exitCode = outcomes.some((o) => o.kind === 'hung' || o.kind === 'error') ? 1 : 0;
