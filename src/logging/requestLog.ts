/**
 * Structured JSON logs (pino): one line per HTTP request with its request id,
 * operation name, duration, Cypher round trips and error codes. Headers are
 * never logged (they carry API keys), nor the query text (it can carry
 * literals), and variables only by name unless `logVariables` is set.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Level, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { RoundTripCounter } from '../neo4j/database.js';

export type { Logger };

/** JSON lines for machines (log collectors), or readable lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

export interface LogOptions {
  /** A pino level, or 'silent'. */
  level: Level | 'silent';
  /** GREENGRAPH_LOG_FORMAT; by default pretty when stdout is a terminal, JSON otherwise. */
  format: LogFormat;
  /** Log the values of GraphQL variables, not only their names. */
  logVariables: boolean;
}

/** The fields of a request line that the pretty format folds into its message. */
const requestFields = ['method', 'path', 'status', 'durationMs', 'operationName', 'roundTrips'];

/** One readable line per request: `POST /graphql 200 12.3 ms ForeignCoBuilders (2 round trips)`. */
function prettyMessage(log: Record<string, unknown>, messageKey: string): string {
  const message = String(log[messageKey] ?? '');
  if (message !== 'request') return message;
  const operation = log.operationName ? ` ${String(log.operationName)}` : '';
  const trips = log.roundTrips !== undefined ? ` (${String(log.roundTrips)} round trips)` : '';
  return `${String(log.method)} ${String(log.path)} ${String(log.status)} ${String(log.durationMs)} ms${operation}${trips}`;
}

/**
 * A logger on stdout (or `destination`): JSON lines, or with format 'pretty'
 * one readable line per entry (pino-pretty, coloured only on a terminal).
 */
export function createLogger(
  options: Pick<LogOptions, 'level'> & Partial<Pick<LogOptions, 'format'>>,
  destination: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Logger {
  const base = { level: options.level, base: { service: 'greengraph' } };
  if (options.format !== 'pretty') return destination === process.stdout ? pino(base) : pino(base, destination);
  return pino(
    base,
    pretty({
      destination,
      sync: true,
      colorize: destination.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: ['service', ...requestFields].join(','),
      singleLine: true,
      messageFormat: prettyMessage,
    }),
  );
}

/** What is known of one request by the time it is logged. */
export interface RequestLogEntry {
  id: string;
  operationName?: string;
  variables?: unknown;
  errorCodes?: string[];
  stats?: RoundTripCounter;
}

/** Header that carries the request id both ways. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A client's own request id is kept when it is a plain token, so that logs join up across services. */
const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

const quietPaths = new Set(['/health', '/ready', '/metrics']);

/**
 * Gives the request an id (returned in x-request-id) and logs it once the
 * response is finished or the connection is gone. Probes of /health,
 * /ready and /metrics are logged at debug level, everything else at info (warn for 5xx).
 */
export function startRequestLog(logger: Logger, req: IncomingMessage, res: ServerResponse, path: string): RequestLogEntry {
  const offered = req.headers[REQUEST_ID_HEADER];
  const id = typeof offered === 'string' && acceptableRequestId.test(offered) ? offered : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  const entry: RequestLogEntry = { id };
  const started = process.hrtime.bigint();
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const line = {
      reqId: id,
      method: req.method,
      path,
      status: res.writableFinished ? res.statusCode : 'aborted',
      durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      ...(entry.operationName !== undefined ? { operationName: entry.operationName } : {}),
      ...(entry.stats ? { roundTrips: entry.stats.roundTrips } : {}),
      ...(entry.errorCodes?.length ? { errorCodes: entry.errorCodes } : {}),
      ...(entry.variables !== undefined ? { variables: entry.variables } : {}),
    };
    if (quietPaths.has(path)) logger.debug(line, 'request');
    else if (res.statusCode >= 500 || !res.writableFinished) logger.warn(line, 'request');
    else logger.info(line, 'request');
  };
  res.once('finish', done);
  res.once('close', done);
  return entry;
}

/**
 * Where the plugin finds the log entry of a request. Keyed by the context's
 * round-trip counter rather than the context itself, because Apollo hands
 * plugins a shallow copy of the context.
 */
const entries = new WeakMap<RoundTripCounter, RequestLogEntry>();

/** Ties a request's context to its log entry, so that the plugin can fill in the operation. */
export function attachLogEntry<T extends { stats: RoundTripCounter }>(context: T, entry: RequestLogEntry): T {
  entry.stats = context.stats;
  entries.set(context.stats, entry);
  return context;
}

/** Fills in operation name, variables and error codes of each request's log entry. */
export function requestLogPlugin<TContext extends { stats: RoundTripCounter }>(options: Pick<LogOptions, 'logVariables'>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, operationName, response }) {
          const entry = entries.get(contextValue.stats);
          if (!entry) return;
          entry.operationName = operationName ?? request.operationName ?? undefined;
          const variables = request.variables ?? {};
          if (Object.keys(variables).length > 0) {
            entry.variables = options.logVariables ? variables : Object.keys(variables);
          }
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            entry.errorCodes = [
              ...new Set(response.body.singleResult.errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN'))),
            ];
          }
        },
      };
    },
  };
}
