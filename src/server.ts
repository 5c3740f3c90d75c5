/**
 * createServer(): the Apollo server and the HTTP handler around it, with
 * /graphql (POST and GET), /health, /ready and /metrics. Tests import this and listen
 * on a free port; main.ts wires it to the configuration.
 */
import { ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { context as otelContext, SpanStatusCode, trace } from '@opentelemetry/api';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticateOrUnavailable, readAccessPlugin } from './auth/authenticate.js';
import { createContext, type Context } from './context.js';
import { ErrorCode, formatError } from './errors.js';
import { errorBody, sendGraphQLResponse, sendJson, toGraphQLRequest } from './httpAdapter.js';
import { readLogOptions } from './config.js';
import { attachLogEntry, createLogger, requestLogPlugin, startRequestLog, type Logger, type RequestLogEntry } from './logging/requestLog.js';
import { DEFAULT_QUERY_LIMITS, queryLimitsPlugin, type QueryLimits } from './limits/queryLimits.js';
import {
  createAdmission,
  DEFAULT_ADMISSION_LIMITS,
  Overloaded,
  overloadedError,
  RETRY_AFTER_SECONDS,
  type AdmissionLimits,
} from './limits/admission.js';
import type { Database } from './neo4j/database.js';
import { handleExport } from './export/exportRoutes.js';
import { handleWebPage } from './web/webPages.js';
import { loadTypeDefs, resolvers } from './schema.js';
import { resolveCompiledField } from './read/compile.js';
import { createMetrics, UNRESOLVED_OPERATION, type Metrics, type MetricsAccess } from './observability/metrics.js';
import { serveMetrics } from './observability/metricsEndpoint.js';
import { readiness } from './readiness.js';
import { attachObservation, recordRequest, requestObservationPlugin, type RequestObservation } from './observability/requestObservation.js';
import { startRequestSpan } from './observability/tracing.js';
import { ChangeFeed } from './changes/changeFeed.js';
import { startPruning, type RetentionOptions } from './changes/retention.js';
import { createSubscriptionServer, SSE_PATH } from './changes/subscriptionServer.js';
import { readChangeFeedConfig } from './config.js';

export interface ServerOptions {
  db: Database;
  /** What one operation may ask for; DEFAULT_QUERY_LIMITS where not given. */
  limits?: Partial<QueryLimits>;
  /** Where server-side errors are reported; never sent to clients. */
  logError?: (message: string, error: unknown) => void;
  /** One JSON line per request goes here; by default a logger set by GREENGRAPH_LOG_LEVEL. */
  logger?: Logger;
  /** Log variable values, not only their names (GREENGRAPH_LOG_VARIABLES). */
  logVariables?: boolean;
  /** Refuse queries without a reader key (GREENGRAPH_REQUIRE_KEY_FOR_READS); reads are open by default. */
  requireKeyForReads?: boolean;
  /** How many requests work on Neo4j at once and how many may wait; DEFAULT_ADMISSION_LIMITS where not given. */
  admission?: Partial<AdmissionLimits>;
  /**
   * Whether the database is prepared (migrations, seed, warmed query plans):
   * /ready says 200 only then. main.ts sets it; by default the caller
   * prepared the database before creating the server (tests do).
   */
  isPrepared?: () => boolean;
  /**
   * Who may read GET /metrics (GREENGRAPH_METRICS): 'open', 'key' (any valid
   * API key) or 'off' (no metrics kept, /metrics is 404). By default 'key'
   * when reads need a key, 'open' otherwise.
   */
  metrics?: MetricsAccess;
  /**
   * The change feed: how often its poller reads the log (ms) and the log's
   * retention, pruned by a timer here (null: no pruning). From the
   * environment where not given (readChangeFeedConfig).
   */
  changes?: { pollMs?: number; maxQueued?: number; retention?: RetentionOptions | null };
}

export interface GreengraphServer {
  apollo: ApolloServer<Context>;
  http: Server;
  /** This server's metrics (null when off); the change feed sets `metrics.feed` (see feedMetrics). */
  metrics: Metrics | null;
  /** The change feed serving graphChanged (its `size` is the subscribers connected). */
  changeFeed: ChangeFeed;
  /** Starts listening; port 0 picks a free port. Resolves to the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking requests, lets those in flight finish, and stops Apollo. */
  close(): Promise<void>;
}

export async function createServer(options: ServerOptions): Promise<GreengraphServer> {
  const logger = options.logger ?? createLogger(readLogOptions());
  const { logError = (message, error) => logger.error({ err: error }, message) } = options;
  const http = createHttpServer();
  const limits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  const admission = createAdmission({ ...DEFAULT_ADMISSION_LIMITS, ...options.admission });
  const metricsAccess = options.metrics ?? (options.requireKeyForReads ? 'key' : 'open');
  const metrics = metricsAccess === 'off' ? null : createMetrics({ admissionLoad: admission.load });
  // Every statement this server runs is counted in its own metrics.
  const db = metrics ? options.db.observedBy(metrics.statements) : options.db;
  const isPrepared = options.isPrepared ?? (() => true);
  const typeDefs = loadTypeDefs();
  const apollo = new ApolloServer<Context>({
    typeDefs,
    resolvers: resolvers() as never,
    // Compiled reads answer whole subtrees; their objects are keyed by response key.
    fieldResolver: resolveCompiledField,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    // main.ts owns SIGTERM/SIGINT: it drains HTTP, stops Apollo, then closes Neo4j.
    stopOnTerminationSignals: false,
    // The bundled playground needs the schema, also when NODE_ENV=production (Docker).
    introspection: true,
    formatError: (formatted, error) => formatError(formatted, error, logError, (message, detail) => logger.warn(detail, message)),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's cache-control plugin wraps every field resolver to collect
      // cache hints, and the schema declares none: every answer is
      // uncacheable, which graphql() below says with the header it would set.
      ApolloServerPluginCacheControlDisabled(),
      // Subscribers' open streams would keep the HTTP drain waiting: Apollo runs both drains together,
      // so the server stops listening at once (a new client is refused) while the feed ends them.
      { serverWillStart: async () => ({ drainServer: () => subscriptions.close() }) },
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      queryLimitsPlugin<Context>(limits),
      requestLogPlugin<Context>({ logVariables: options.logVariables ?? readLogOptions().logVariables }),
      readAccessPlugin<Context>(options.requireKeyForReads ?? false),
      requestObservationPlugin<Context>(metrics),
    ],
  });
  await apollo.start();

  // The change feed: graphChanged over WebSocket (/graphql) and SSE (SSE_PATH), fed by one poller of the log.
  const changeConfig = readChangeFeedConfig();
  const feed = new ChangeFeed(db, {
    pollMs: options.changes?.pollMs ?? changeConfig.pollMs,
    maxQueued: options.changes?.maxQueued ?? changeConfig.maxQueued,
    logError,
  });
  const subscriptions = createSubscriptionServer({
    http,
    db,
    feed,
    typeDefs,
    resolvers: resolvers(),
    limits,
    requireKeyForReads: options.requireKeyForReads ?? false,
    logError,
  });
  const retention = options.changes?.retention === undefined ? changeConfig.retention : options.changes.retention;
  const stopPruning = retention ? startPruning(db, retention, logError) : async () => undefined;

  /**
   * A turn to work on Neo4j, or null once the request has been refused with
   * 503 OVERLOADED and Retry-After.
   */
  async function admitted(res: ServerResponse, logEntry: RequestLogEntry): Promise<(() => void) | null> {
    try {
      return await admission.admit();
    } catch (error) {
      if (!(error instanceof Overloaded)) throw error;
      metrics?.refused(error.reason);
      logEntry.errorCodes = [ErrorCode.OVERLOADED];
      const refusal = overloadedError(admission.limits);
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      sendJson(res, 503, { errors: [{ message: refusal.message, extensions: refusal.extensions }] });
      return null;
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, logEntry: RequestLogEntry): Promise<void> {
    const observation: RequestObservation = { startedAt: performance.now(), span: startRequestSpan() };
    try {
      const request = await toGraphQLRequest(req, res, url);
      if (!request) return;
      const release = await admitted(res, logEntry);
      if (!release) {
        recordRequest(metrics, observation, UNRESOLVED_OPERATION, 'refused', null);
        observation.span.setStatus({ code: SpanStatusCode.ERROR, message: ErrorCode.OVERLOADED });
        return;
      }
      let response: HTTPGraphQLResponse;
      const execute = () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: request,
          context: async () =>
            attachObservation(
              attachLogEntry(createContext(db, await authenticateOrUnavailable(db, request.headers.get('authorization'))), logEntry),
              observation,
            ),
        });
      try {
        // While tracing records, the request's span is the active one, so that spans of libraries nest under it too.
        response = observation.span.isRecording()
          ? await otelContext.with(trace.setSpan(otelContext.active(), observation.span), execute)
          : await execute();
      } finally {
        release();
      }
      await sendGraphQLResponse(res, response);
    } finally {
      observation.span.end();
    }
  }

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const logEntry = startRequestLog(logger, req, res, url.pathname);
    const handle = async () => {
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/ready') {
        const { ok, detail } = await readiness(db, isPrepared);
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable', ...detail });
      }
      if (url.pathname === '/metrics' && metrics) {
        // The feed's gauges are read when scraped: nothing per change.
        metrics.feed.subscribers.set(feed.size);
        metrics.feed.lagChanges.set(feed.lag);
        return serveMetrics(req, res, metrics.registry, metricsAccess, (authorization) => authenticateOrUnavailable(db, authorization));
      }
      if (handleWebPage(req, res, url)) return;
      if (url.pathname === SSE_PATH) return subscriptions.handleSse(req, res);
      if (url.pathname === '/graphql') {
        if (req.method !== 'GET' && req.method !== 'POST') {
          res.setHeader('allow', 'GET, POST');
          return sendJson(res, 405, errorBody('Use GET or POST for /graphql.', ErrorCode.BAD_REQUEST));
        }
        return graphql(req, res, url, logEntry);
      }
      if (url.pathname.startsWith('/export/')) {
        const release = await admitted(res, logEntry);
        if (!release) return;
        try {
          return await handleExport(db, req, res, url, { requireKeyForReads: options.requireKeyForReads });
        } finally {
          release();
        }
      }
      return sendJson(res, 404, { error: 'Not found. GraphQL is served at /graphql.' });
    };
    handle().catch((error: unknown) => {
      logError('request failed', error);
      if (!res.headersSent) sendJson(res, 500, errorBody('Internal server error', ErrorCode.INTERNAL_SERVER_ERROR));
      else res.end();
    });
  });

  return {
    apollo,
    http,
    metrics,
    changeFeed: feed,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as AddressInfo).port));
      }),
    close: async () => {
      await apollo.stop();
      await stopPruning();
    },
  };
}
