/**
 * The one error type the SDK throws, so that callers branch on `kind` and
 * `codes` instead of parsing messages.
 */

/** The `extensions.code` values the API sends to clients; others may be added. */
export type GreengraphErrorCode =
  | 'BAD_USER_INPUT'
  | 'DATABASE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CHANGE_CURSOR_EXPIRED'
  | (string & {});

/** One entry of a GraphQL response's `errors`, as the API sends it. */
export interface GraphQLErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: GreengraphErrorCode; [key: string]: unknown };
}

/**
 * - `graphql`: the API answered with `errors` (see `codes` and `errors`);
 * - `http`: the API answered with a status and a body that is not a GraphQL response;
 * - `network`: no answer at all (refused, reset, DNS, aborted).
 */
export type GreengraphErrorKind = 'graphql' | 'http' | 'network';

export class GreengraphError extends Error {
  override readonly name = 'GreengraphError';

  constructor(
    message: string,
    readonly details: {
      kind: GreengraphErrorKind;
      /** The operation that failed, e.g. "ForeignCoBuilders". */
      operation: string;
      /** HTTP status, when there was a response. */
      status?: number;
      errors?: readonly GraphQLErrorEntry[];
      /** Whatever data came back beside the errors (partial results). */
      data?: unknown;
      cause?: unknown;
    },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }

  get kind(): GreengraphErrorKind {
    return this.details.kind;
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get errors(): readonly GraphQLErrorEntry[] {
    return this.details.errors ?? [];
  }

  /** The distinct `extensions.code` values of `errors`, in order of appearance. */
  get codes(): GreengraphErrorCode[] {
    return [...new Set(this.errors.map((e) => e.extensions?.code).filter((c): c is string => typeof c === 'string'))];
  }

  hasCode(code: GreengraphErrorCode): boolean {
    return this.codes.includes(code);
  }

  /**
   * True when trying again later may succeed: the network failed, the
   * database was unavailable, or the server answered 502/503/504.
   */
  get retryable(): boolean {
    if (this.kind === 'network') return true;
    if (this.hasCode('DATABASE_UNAVAILABLE')) return true;
    return this.status !== undefined && [502, 503, 504].includes(this.status);
  }
}
