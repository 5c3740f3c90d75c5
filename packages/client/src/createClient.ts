/**
 * createClient(): one typed async function per operation of the
 * repository's src/client/operations, over `fetch` only, so the same code runs in Node,
 * in the browser and in workers.
 */
import { operations, subscriptions, type TypedDocumentString } from './generated/operations.js';
import { eventStream } from './eventStream.js';
import { GreengraphError, type GraphQLErrorEntry } from './GreengraphError.js';

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. "http://localhost:4000/graphql". */
  url: string;
  /** Sent as `Authorization: Bearer <apiKey>`; reads need none unless the server requires keys. */
  apiKey?: string | undefined;
  /** Defaults to the global fetch; pass one to add retries, tracing or a test double. */
  fetch?: typeof fetch | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /** Where subscriptions stream from (GraphQL over Server-Sent Events); defaults to `url` + "/stream". */
  subscriptionUrl?: string | undefined;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

type Operations = typeof operations;
type Subscriptions = typeof subscriptions;

/**
 * A subscription: an async iterator of its results, one per event, until
 * `return()` (a `break` out of `for await`) or `options.signal` ends it. An
 * error (a refused key, an expired cursor) is thrown as a GreengraphError.
 */
export type SubscriptionFunction<D> =
  D extends TypedDocumentString<infer Result, infer Variables>
    ? Record<string, never> extends Variables
      ? (variables?: Variables, options?: RequestOptions) => AsyncIterableIterator<Result>
      : (variables: Variables, options?: RequestOptions) => AsyncIterableIterator<Result>
    : never;

/** Variables are optional exactly when the operation has no required variable. */
export type OperationFunction<D> =
  D extends TypedDocumentString<infer Result, infer Variables>
    ? Record<string, never> extends Variables
      ? (variables?: Variables, options?: RequestOptions) => Promise<Result>
      : (variables: Variables, options?: RequestOptions) => Promise<Result>
    : never;

export type GreengraphClient = { [Name in keyof Operations]: OperationFunction<Operations[Name]> } & {
  [Name in keyof Subscriptions]: SubscriptionFunction<Subscriptions[Name]>;
} & {
  /**
   * Runs a subscription (e.g. GraphChangedDocument) over GraphQL over
   * Server-Sent Events (distinct connections mode, as graphql-sse serves it):
   * plain HTTP through \`fetch\`, so it runs
   * wherever the queries do (Node 20 has no global WebSocket) and passes
   * proxies that keep to HTTP.
   */
  subscribe<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    variables?: Variables,
    options?: RequestOptions,
  ): AsyncIterableIterator<Result>;
  /** Runs any typed document, e.g. one generated from your own operation file. */
  request<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    variables?: Variables,
    options?: RequestOptions,
  ): Promise<Result>;
};

interface GraphQLResponse {
  data?: unknown;
  errors?: GraphQLErrorEntry[];
}

const operationName = (query: string): string => /\b(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';

function isGraphQLResponse(body: unknown): body is GraphQLResponse {
  return typeof body === 'object' && body !== null && ('data' in body || 'errors' in body);
}

export function createClient(options: ClientOptions): GreengraphClient {
  const { url, apiKey, headers = {} } = options;
  if (!url) throw new TypeError('createClient needs a url, e.g. "http://localhost:4000/graphql".');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('createClient needs fetch: pass options.fetch on runtimes without a global fetch.');
  }

  async function request<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    variables?: Variables,
    requestOptions: RequestOptions = {},
  ): Promise<Result> {
    const query = document.toString();
    const operation = operationName(query);
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables: variables ?? {}, operationName: operation }),
        signal: requestOptions.signal ?? null,
      });
    } catch (cause) {
      throw new GreengraphError(`${operation}: could not reach ${url} (${(cause as Error)?.message ?? cause}).`, {
        kind: 'network',
        operation,
        cause,
      });
    }

    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!isGraphQLResponse(body)) {
      throw new GreengraphError(
        `${operation}: ${url} answered HTTP ${response.status} without a GraphQL response${text ? `: ${text.slice(0, 200)}` : ''}.`,
        { kind: 'http', operation, status: response.status },
      );
    }
    if (body.errors?.length) {
      const first = body.errors[0]!;
      const code = first.extensions?.code ? ` [${first.extensions.code}]` : '';
      const more = body.errors.length > 1 ? ` (and ${body.errors.length - 1} more)` : '';
      throw new GreengraphError(`${operation}: ${first.message}${code}${more}`, {
        kind: 'graphql',
        operation,
        status: response.status,
        errors: body.errors,
        data: body.data,
      });
    }
    if (!response.ok || body.data === undefined || body.data === null) {
      throw new GreengraphError(`${operation}: ${url} answered HTTP ${response.status} with no data.`, {
        kind: 'http',
        operation,
        status: response.status,
      });
    }
    return body.data as Result;
  }

  const subscriptionUrl = options.subscriptionUrl ?? `${url.replace(/\/$/, '')}/stream`;

  function subscribe<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    variables?: Variables,
    requestOptions: RequestOptions = {},
  ): AsyncIterableIterator<Result> {
    const query = document.toString();
    const operation = operationName(query);
    const controller = new globalThis.AbortController();
    const stop = () => controller.abort();
    requestOptions.signal?.addEventListener('abort', stop, { once: true });
    const graphqlError = (errors: GraphQLErrorEntry[], status?: number) => {
      const code = errors[0]!.extensions?.code ? ` [${errors[0]!.extensions.code}]` : '';
      return new GreengraphError(`${operation}: ${errors[0]!.message}${code}`, { kind: 'graphql', operation, errors, ...(status ? { status } : {}) });
    };

    async function* results(): AsyncGenerator<Result> {
      let response: Response;
      try {
        response = await fetchImpl(subscriptionUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream',
            ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
            ...headers,
          },
          body: JSON.stringify({ query, variables: variables ?? {}, operationName: operation }),
          signal: controller.signal,
        });
      } catch (cause) {
        if (controller.signal.aborted) return;
        throw new GreengraphError(`${operation}: could not reach ${subscriptionUrl} (${(cause as Error)?.message ?? cause}).`, { kind: 'network', operation, cause });
      }
      // A refusal (401 UNAUTHENTICATED, 400) is a JSON body with errors, as for queries.
      if (!response.ok || !/^text\/event-stream/i.test(response.headers.get('content-type') ?? '') || !response.body) {
        const body = (await response.json().catch(() => null)) as { errors?: GraphQLErrorEntry[] } | null;
        if (body?.errors?.length) throw graphqlError(body.errors, response.status);
        throw new GreengraphError(`${operation}: ${subscriptionUrl} answered HTTP ${response.status} without an event stream.`, { kind: 'http', operation, status: response.status });
      }
      try {
        for await (const { event, data } of eventStream(response.body)) {
          if (event === 'complete') return;
          if (event !== 'next') continue;
          const result = JSON.parse(data) as { data?: Result | null; errors?: GraphQLErrorEntry[] };
          if (result.errors?.length) throw graphqlError(result.errors);
          yield result.data as Result;
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof GreengraphError) throw error;
        throw new GreengraphError(`${operation}: the event stream broke off (${(error as Error)?.message ?? error}).`, { kind: 'network', operation, cause: error });
      } finally {
        requestOptions.signal?.removeEventListener('abort', stop);
      }
    }

    const iterator = results();
    return {
      next: () => iterator.next(),
      // Aborting first ends a read that is waiting for the next event.
      async return() {
        controller.abort();
        await iterator.return(undefined);
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  const client = { request, subscribe } as Record<string, unknown>;
  for (const [name, document] of Object.entries(operations)) {
    client[name] = (variables?: unknown, requestOptions?: RequestOptions) =>
      request(document as TypedDocumentString<unknown, unknown>, variables, requestOptions);
  }
  for (const [name, document] of Object.entries(subscriptions)) {
    client[name] = (variables?: unknown, requestOptions?: RequestOptions) =>
      subscribe(document as TypedDocumentString<unknown, unknown>, variables, requestOptions);
  }
  return client as GreengraphClient;
}
