/**
 * createServer(): the Apollo server and the HTTP handler around it, with
 * /graphql (POST and GET), /health and /ready. Tests import this and listen
 * on a free port; main.ts wires it to the configuration.
 */
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, readAccessPlugin, type Authentication } from './auth/authenticate.js';
import { createContext, type Context } from './context.js';
import { ErrorCode } from './errors.js';
import { readLogOptions } from './config.js';
import { attachLogEntry, createLogger, requestLogPlugin, startRequestLog, type Logger, type RequestLogEntry } from './logging/requestLog.js';
import { DEFAULT_QUERY_LIMITS, QUERY_LIMIT_EXCEEDED, queryLimitsPlugin, type QueryLimits } from './limits/queryLimits.js';
import {
  createAdmission,
  DEFAULT_ADMISSION_LIMITS,
  Overloaded,
  overloadedError,
  RETRY_AFTER_SECONDS,
  type AdmissionLimits,
} from './limits/admission.js';
import type { Database } from './neo4j/database.js';
import { isUnavailable } from './neo4j/database.js';
import { handleExport } from './export/exportRoutes.js';
import { handleWebPage } from './web/webPages.js';
import { appliedVersion, LATEST_MIGRATION } from './neo4j/migrations.js';
import { loadTypeDefs, resolvers } from './schema.js';
import { resolveCompiledField } from './read/compile.js';

/** Larger request bodies are refused with 413 before any parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

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
}

export interface GreengraphServer {
  apollo: ApolloServer<Context>;
  http: Server;
  /** Starts listening; port 0 picks a free port. Resolves to the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking requests, lets those in flight finish, and stops Apollo. */
  close(): Promise<void>;
}

const codesForClients = new Set<string>([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  ErrorCode.DATABASE_UNAVAILABLE,
  ErrorCode.QUERY_TIMEOUT,
  ErrorCode.WRITE_CONFLICT,
  QUERY_LIMIT_EXCEEDED,
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);

/**
 * Keeps the errors meant for clients and masks everything else: no stack
 * trace, no Cypher, no driver message ever reaches a client.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: ServerOptions['logError'],
  warn: (message: string, detail: Record<string, unknown>) => void = () => undefined,
): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const original = unwrapResolverError(error);
  const refusal = persistedQueryRefusal(original);
  if (refusal) {
    warn('persisted query refused', { reason: (original as Error).message });
    return { message: refusal, extensions: { code: 'BAD_REQUEST' } };
  }
  if (code && codesForClients.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isUnavailable(original)) {
    return {
      message: 'The graph database is unavailable right now; retry shortly.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.DATABASE_UNAVAILABLE, retryable: true },
    };
  }
  log?.('resolver error', original);
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * Apollo refuses a persisted query whose hash does not match its text, or of
 * a version other than 1, with a codeless 400 error: the client's mistake,
 * said in words a client can act on, not an internal error.
 */
function persistedQueryRefusal(error: unknown): string | null {
  const message = (error as Error | null)?.message;
  if (message === 'provided sha does not match query') {
    return 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent: send the hex SHA-256 of the exact query text, or no persistedQuery.';
  }
  if (message === 'Unsupported persisted query version') {
    return 'extensions.persistedQuery.version is not supported: the only version is 1.';
  }
  return null;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // An oversized body is read to its end and dropped, so that the client
    // gets the 413 instead of a reset connection.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

export async function createServer(options: ServerOptions): Promise<GreengraphServer> {
  const logger = options.logger ?? createLogger(readLogOptions());
  const { db, logError = (message, error) => logger.error({ err: error }, message) } = options;
  const http = createHttpServer();
  const limits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  const admission = createAdmission({ ...DEFAULT_ADMISSION_LIMITS, ...options.admission });
  const isPrepared = options.isPrepared ?? (() => true);
  const apollo = new ApolloServer<Context>({
    typeDefs: loadTypeDefs(),
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
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      queryLimitsPlugin<Context>(limits),
      requestLogPlugin<Context>({ logVariables: options.logVariables ?? readLogOptions().logVariables }),
      readAccessPlugin<Context>(options.requireKeyForReads ?? false),
    ],
  });
  await apollo.start();

  async function ready(): Promise<{ ok: boolean; detail: Record<string, unknown> }> {
    try {
      const version = await appliedVersion(db);
      const prepared = isPrepared();
      const ok = version >= LATEST_MIGRATION && prepared;
      return { ok, detail: { neo4j: 'up', migrations: { applied: version, expected: LATEST_MIGRATION }, prepared } };
    } catch {
      return { ok: false, detail: { neo4j: 'unavailable' } };
    }
  }

  /**
   * A turn to work on Neo4j, or null once the request has been refused with
   * 503 OVERLOADED and Retry-After.
   */
  async function admitted(res: ServerResponse, logEntry: RequestLogEntry): Promise<(() => void) | null> {
    try {
      return await admission.admit();
    } catch (error) {
      if (!(error instanceof Overloaded)) throw error;
      logEntry.errorCodes = ['OVERLOADED'];
      const refusal = overloadedError(admission.limits);
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      sendJson(res, 503, { errors: [{ message: refusal.message, extensions: refusal.extensions }] });
      return null;
    }
  }

  /**
   * The request's key, checked against Neo4j. When Neo4j is down the key
   * cannot be checked: the request goes on as one whose key is unchecked,
   * so that its reads fail with DATABASE_UNAVAILABLE like anyone's, and a
   * mutation is refused the same way rather than with a 500.
   */
  async function authenticateOrUnavailable(authorization: string | undefined): Promise<Authentication> {
    try {
      return await authenticate(db, authorization);
    } catch (error) {
      if ((error as GraphQLError).extensions?.code === ErrorCode.DATABASE_UNAVAILABLE || isUnavailable(error)) {
        return { kind: 'unavailable' };
      }
      throw error;
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, logEntry: RequestLogEntry): Promise<void> {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          sendJson(res, 413, errorBody(`Request body exceeds ${MAX_BODY_BYTES} bytes.`, 'BAD_REQUEST'));
          return;
        }
        throw error;
      }
      const type = headers.get('content-type') ?? '';
      if (/^application\/(graphql-response\+)?json\b/i.test(type)) {
        try {
          body = JSON.parse(text);
        } catch {
          sendJson(res, 400, errorBody('The request body is not valid JSON.', 'BAD_REQUEST'));
          return;
        }
      } else {
        body = text;
      }
    }
    const request: HTTPGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
    const release = await admitted(res, logEntry);
    if (!release) return;
    let response: Awaited<ReturnType<typeof apollo.executeHTTPGraphQLRequest>>;
    try {
      response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: request,
        context: async () => attachLogEntry(createContext(db, await authenticateOrUnavailable(headers.get('authorization'))), logEntry),
      });
    } finally {
      release();
    }
    for (const [name, value] of response.headers) res.setHeader(name, value);
    if (!res.hasHeader('cache-control')) res.setHeader('cache-control', 'no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const logEntry = startRequestLog(logger, req, res, url.pathname);
    const handle = async () => {
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/ready') {
        const { ok, detail } = await ready();
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable', ...detail });
      }
      if (handleWebPage(req, res, url)) return;
      if (url.pathname === '/graphql') {
        if (req.method !== 'GET' && req.method !== 'POST') {
          res.setHeader('allow', 'GET, POST');
          return sendJson(res, 405, errorBody('Use GET or POST for /graphql.', 'BAD_REQUEST'));
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
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as AddressInfo).port));
      }),
    close: async () => {
      await apollo.stop();
    },
  };
}
