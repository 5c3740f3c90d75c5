/**
 * Prometheus metrics, served at GET /metrics in the text exposition format
 * (prom-client). Each server has a registry of its own, so that tests that
 * build several servers in one process count separately; the default
 * process metrics (CPU, memory, event loop, GC) are collected once per
 * process and merged into every server's registry.
 *
 * Every update on the request and statement paths is O(1): a counter, a
 * histogram bucket, nothing that grows with traffic. Label values are
 * bounded: operation names by `operationLabels`, error codes by the codes
 * greengraph raises (a client cannot choose them), modes and outcomes by
 * their types.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ErrorCode } from '../errors.js';
import type { ImportProgress } from '../import/importer.js';
import type { StatementObserver } from '../neo4j/database.js';

/** Who may read /metrics: anyone, callers with a valid API key (any role), or nobody (no metrics kept). */
export type MetricsAccess = 'open' | 'key' | 'off';

export const METRICS_ACCESS: readonly MetricsAccess[] = ['open', 'key', 'off'];

/**
 * How a GraphQL request ended: answered without errors, answered with at
 * least one error (the code is counted by greengraph_graphql_errors_total),
 * or refused by admission control before it reached Apollo (503 OVERLOADED).
 */
export type Outcome = 'ok' | 'error' | 'refused';

/** Distinct operation names kept as label values; later names are counted as `other`. */
export const MAX_OPERATION_NAMES = 100;

/** Longer operation names are counted as `other`: no legitimate client needs them. */
const MAX_OPERATION_NAME_LENGTH = 64;

/** The label of requests that never resolved to an operation: unparsable, invalid, refused. */
export const UNRESOLVED_OPERATION = 'unresolved';

/**
 * The operation label of a request, bounded: an attacker can send any name,
 * so a name is kept only for an operation that parsed and validated, and
 * only for the first `max` distinct names; the rest are `other`, unnamed
 * operations `anonymous`.
 */
export function operationLabels(max = MAX_OPERATION_NAMES): (name: string | null | undefined) => string {
  const known = new Set<string>();
  return (name) => {
    if (!name) return 'anonymous';
    if (known.has(name)) return name;
    if (known.size >= max || name.length > MAX_OPERATION_NAME_LENGTH) return 'other';
    known.add(name);
    return name;
  };
}

const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** An error code as a label: one greengraph or Apollo declares, else OTHER. */
export const errorCodeLabel = (code: unknown): string => (typeof code === 'string' && ERROR_CODES.has(code) ? code : 'OTHER');

/** Seconds: from a cached read (a few ms) to the query timeout (15 s by default). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Round trips of one request: a compiled read takes one, a mutation a handful. */
const ROUND_TRIP_BUCKETS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55];

let processRegistry: Registry | undefined;

/** The default process metrics, prefixed greengraph_, collected once per process however many servers it runs. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'greengraph_' });
  }
  return processRegistry;
}

/** The gauges the change feed sets: see `feedMetrics`. */
export interface FeedMetrics {
  /** greengraph_feed_subscribers: subscriptions open right now (WebSocket and SSE). */
  subscribers: Gauge;
  /** greengraph_feed_lag_changes: changes in the log that the slowest subscriber has not been sent yet. */
  lagChanges: Gauge;
}

export interface Metrics {
  readonly registry: Registry;
  /** One GraphQL request ended; `operation` is already bounded (see `operationLabel`). */
  request(operation: string, outcome: Outcome, seconds: number, roundTrips: number | null): void;
  /** One error of a request, by its code. */
  error(code: unknown): void;
  /** The bounded label of a resolved operation's name. */
  operationLabel(name: string | null | undefined): string;
  /** A request refused by admission control. */
  refused(reason: string): void;
  /** Counts Cypher statements and Neo4j sessions of the database it observes. */
  readonly statements: StatementObserver;
  /** A progress callback for `writeImport`'s onBatch: counts the rows and batches of one import. */
  importProgress(): (progress: ImportProgress) => void;
  readonly feed: FeedMetrics;
}

/**
 * The metrics of one server. `admissionLoad` is read at scrape time, so that
 * admission costs nothing more per request.
 */
export function createMetrics(options: { admissionLoad?: () => { active: number; queued: number } } = {}): Metrics {
  const own = new Registry();
  const registers = [own];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) => new Counter<L>({ name, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []) =>
    new Histogram<L>({ name, help, labelNames, buckets, registers });
  /** A gauge set by its owner, or read at scrape time from `value`. */
  const gauge = (name: string, help: string, value?: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      ...(value && {
        collect(this: Gauge) {
          this.set(value());
        },
      }),
    });

  const requests = counter('greengraph_graphql_requests_total', 'GraphQL requests by operation name (bounded) and outcome (ok, error, refused).', ['operation', 'outcome']);
  const errors = counter('greengraph_graphql_errors_total', 'Errors in GraphQL responses, by extensions.code.', ['code']);
  const duration = histogram('greengraph_graphql_request_duration_seconds', 'Time from a GraphQL request reaching the server (admission wait included) to its response, by operation.', DURATION_BUCKETS, ['operation']);
  const roundTrips = histogram('greengraph_graphql_request_round_trips', 'Cypher round trips (statements) one GraphQL request made.', ROUND_TRIP_BUCKETS);
  const statements = counter('greengraph_cypher_statements_total', 'Cypher statements run, by mode (read or write); a retried read counts once.', ['mode']);
  const statementDuration = histogram('greengraph_cypher_statement_duration_seconds', 'Time a Cypher statement took until its last record arrived, by mode (read or write).', DURATION_BUCKETS, ['mode']);
  let sessionsOpen = 0;
  gauge('greengraph_neo4j_sessions_open', 'Neo4j sessions open right now; each holds one pooled connection while its statement or transaction runs.', () => sessionsOpen);
  const admissionLoad = options.admissionLoad ?? (() => ({ active: 0, queued: 0 }));
  gauge('greengraph_admission_active', 'Requests working on Neo4j right now (at most GREENGRAPH_MAX_CONCURRENT_QUERIES).', () => admissionLoad().active);
  gauge('greengraph_admission_queued', 'Requests waiting for a turn right now (at most GREENGRAPH_MAX_QUEUED_QUERIES).', () => admissionLoad().queued);
  const refusals = counter('greengraph_admission_refused_total', 'Requests refused with 503 OVERLOADED, by reason (queue_full, waited_too_long).', ['reason']);
  const importRows = counter('greengraph_import_rows_total', 'Import rows written (changed or unchanged), by kind.', ['kind']);
  const importBatches = counter('greengraph_import_batches_total', 'Import batches committed, by kind.', ['kind']);
  const feed: FeedMetrics = {
    subscribers: gauge('greengraph_feed_subscribers', 'Change-feed subscriptions open right now (WebSocket and SSE).'),
    lagChanges: gauge('greengraph_feed_lag_changes', 'Changes in the change log that the slowest subscriber has not been sent yet.'),
  };

  const read = { mode: 'read' } as const;
  const write = { mode: 'write' } as const;
  const operationLabel = operationLabels();
  return {
    registry: Registry.merge([processMetrics(), own]),
    request(operation, outcome, seconds, trips) {
      requests.inc({ operation, outcome });
      duration.observe({ operation }, seconds);
      if (trips !== null) roundTrips.observe(trips);
    },
    error: (code) => errors.inc({ code: errorCodeLabel(code) }),
    operationLabel,
    refused: (reason) => refusals.inc({ reason: reason.replace(/\W+/g, '_') }),
    statements: {
      sessionOpened: () => void (sessionsOpen += 1),
      sessionClosed: () => void (sessionsOpen -= 1),
      statement(mode, seconds) {
        const labels = mode === 'read' ? read : write;
        statements.inc(labels);
        statementDuration.observe(labels, seconds);
      },
    },
    importProgress() {
      let done = 0;
      return (progress) => {
        importRows.inc({ kind: progress.kind }, progress.done - done);
        importBatches.inc({ kind: progress.kind });
        done = progress.done;
      };
    },
    feed,
  };
}

/**
 * The change feed's gauges in a server's metrics, for the feed to set as
 * subscribers come and go and as the log runs ahead of them:
 * `feedMetrics(metrics).subscribers.inc()`, `.lagChanges.set(n)`.
 */
export const feedMetrics = (metrics: Metrics): FeedMetrics => metrics.feed;
