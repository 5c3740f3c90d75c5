/**
 * The errors a client can see. Each carries an `extensions.code`; anything
 * else that escapes a resolver is reported as INTERNAL_SERVER_ERROR without
 * its message or stack.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  WRITE_CONFLICT: 'WRITE_CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

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
