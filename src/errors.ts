/**
 * The errors a client can see, and how every error is shown to one. Each
 * carries an `extensions.code` from ErrorCode; anything else that escapes a
 * resolver is reported as INTERNAL_SERVER_ERROR without its message or stack.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isUnavailable } from './neo4j/driverErrors.js';

/**
 * Every code a client may get: ours, and Apollo's for requests it refuses.
 * A code raised anywhere is declared here, so that formatError passes it on
 * (one left off would reach clients as INTERNAL_SERVER_ERROR).
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  QUERY_LIMIT_EXCEEDED: 'QUERY_LIMIT_EXCEEDED',
  OVERLOADED: 'OVERLOADED',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  WRITE_CONFLICT: 'WRITE_CONFLICT',
  /** A change-feed cursor older than the retention: the changes after it were pruned (src/changes/). */
  CHANGE_CURSOR_EXPIRED: 'CHANGE_CURSOR_EXPIRED',
  /** A subscriber that fell too many changes behind was ended; it subscribes again with its last cursor. */
  SUBSCRIBER_TOO_SLOW: 'SUBSCRIBER_TOO_SLOW',
  /** The change feed could not read the change log (the database went away); subscribe again with the last cursor. */
  CHANGE_FEED_INTERRUPTED: 'CHANGE_FEED_INTERRUPTED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** The codes whose errors reach clients as raised: all but INTERNAL_SERVER_ERROR, which masks. */
const CODES_FOR_CLIENTS: ReadonlySet<string> = new Set(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

/**
 * Keeps the errors meant for clients and masks everything else: no stack
 * trace, no Cypher, no driver message ever reaches a client. `log` hears
 * about masked errors, `warn` about refused persisted queries.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: ((message: string, error: unknown) => void) | undefined,
  warn: (message: string, detail: Record<string, unknown>) => void = () => undefined,
): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const original = unwrapResolverError(error);
  const refusal = persistedQueryRefusal(original);
  if (refusal) {
    warn('persisted query refused', { reason: (original as Error).message });
    return { message: refusal, extensions: { code: ErrorCode.BAD_REQUEST } };
  }
  if (code && CODES_FOR_CLIENTS.has(code)) {
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

/** Bad input: says which argument was wrong, the value given and what is allowed. */
export function badUserInput(
  message: string,
  details: { argument: string; value: unknown; allowed?: string },
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...details },
  });
}

/**
 * Checks a whole-number argument against its allowed range and returns it;
 * outside the range it is BAD_USER_INPUT naming the argument, the value and
 * the range. `what` words the rule ("a year" reads better than a bare range).
 */
export function assertInRange(value: number, min: number, max: number, argument: string, what = ''): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(`"${argument}" must be ${what ? `${what} ` : ''}from ${min} to ${max}, but got ${value}.`, {
      argument,
      value,
      allowed: `${min}..${max}`,
    });
  }
  return value;
}

/** Neo4j cannot be reached; the request may be retried once it is back. */
export function databaseUnavailable(): GraphQLError {
  return new GraphQLError(
    'The graph database is unavailable right now; retry shortly.',
    { extensions: { code: ErrorCode.DATABASE_UNAVAILABLE, retryable: true } },
  );
}

/** A Cypher transaction ran past its time limit and was cancelled. */
export function queryTimeout(timeoutMs: number): GraphQLError {
  return new GraphQLError(
    `The query took longer than ${timeoutMs} ms and was cancelled: ask for smaller pages or a narrower filter, or retry when the server is less busy.`,
    { extensions: { code: ErrorCode.QUERY_TIMEOUT, timeoutMs, retryable: true } },
  );
}

/**
 * Concurrent writes kept getting in each other's way (a deadlock between
 * their locks, retried until the driver's retry time ran out); nothing was
 * written, and the write may simply be sent again.
 */
export function writeConflict(): GraphQLError {
  return new GraphQLError(
    'This write collided with concurrent writes to the same entities and was not applied; nothing was written. Send it again.',
    { extensions: { code: ErrorCode.WRITE_CONFLICT, retryable: true } },
  );
}
