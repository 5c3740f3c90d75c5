/**
 * The transports of the graphChanged subscription, on the API's own HTTP
 * server: GraphQL over WebSocket (graphql-ws, graphql-transport-ws protocol)
 * at /graphql, and GraphQL over Server-Sent Events (graphql-sse) at
 * /graphql/stream. Both run subscriptions only (queries and mutations go to
 * POST /graphql, with admission and the request log), under the read rules
 * of queries (checkReadAccess) and the query limits on depth and cost.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  GraphQLError,
  getOperationAST,
  parse,
  subscribe as graphqlSubscribe,
  execute as graphqlExecute,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { WebSocketServer } from 'ws';
import { authenticate, checkReadAccess, type Authentication } from '../auth/authenticate.js';
import { createContext, type Context } from '../context.js';
import { ErrorCode, formatError } from '../errors.js';
import { isUnavailable, type Database } from '../neo4j/database.js';
import { operationCost, operationDepth, type QueryLimits } from '../limits/queryLimits.js';
import { resolveCompiledField } from '../read/compile.js';
import type { ChangeFeed } from './changeFeed.js';

/** Where Server-Sent Events subscriptions are served. */
export const SSE_PATH = '/graphql/stream';

export interface SubscriptionServerOptions {
  http: Server;
  db: Database;
  feed: ChangeFeed;
  typeDefs: string;
  resolvers: unknown;
  limits: QueryLimits;
  requireKeyForReads: boolean;
  logError: (message: string, error: unknown) => void;
}

export interface SubscriptionServer {
  /** Answers a request for SSE_PATH. */
  handleSse(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Closes every WebSocket and event stream. */
  close(): Promise<void>;
}

const refusal = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { db, feed, limits, requireKeyForReads, logError } = options;
  const schema: GraphQLSchema = makeExecutableSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as never });
  const format = (error: GraphQLError): GraphQLFormattedError => formatError(error.toJSON(), error, logError);

  async function authenticated(authorization: string | null | undefined): Promise<Authentication> {
    try {
      return await authenticate(db, authorization);
    } catch (error) {
      if (isUnavailable(error) || (error as GraphQLError).extensions?.code === ErrorCode.DATABASE_UNAVAILABLE) return { kind: 'unavailable' };
      throw error;
    }
  }

  /** The problems that refuse an operation before it starts, or null when it may run. */
  function refusals(auth: Authentication, query: string, variables: Record<string, unknown> | null | undefined, operationName: string | null | undefined): GraphQLError[] | null {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
    } catch (error) {
      return [error instanceof GraphQLError ? new GraphQLError(error.message, { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } }) : refusal('The query does not parse.', ErrorCode.GRAPHQL_PARSE_FAILED)];
    }
    const operation = getOperationAST(document, operationName ?? undefined);
    if (operation && operation.operation !== 'subscription') {
      return [refusal(`Only subscriptions run here; send ${operation.operation === 'query' ? 'queries' : 'mutations'} to POST /graphql.`, ErrorCode.BAD_REQUEST)];
    }
    try {
      checkReadAccess(auth, requireKeyForReads);
    } catch (error) {
      return [error as GraphQLError];
    }
    const depth = operationDepth(schema, document);
    if (depth > limits.maxDepth) return [refusal(`The query's depth is ${depth}, over the limit of ${limits.maxDepth}.`, ErrorCode.QUERY_LIMIT_EXCEEDED)];
    try {
      const cost = operationCost(schema, document, variables ?? {}, operationName ?? undefined);
      if (cost > limits.maxCost) return [refusal(`The query's cost is ${cost}, over the limit of ${limits.maxCost}.`, ErrorCode.QUERY_LIMIT_EXCEEDED)];
    } catch {
      // An invalid document is refused by validation, with its own message.
    }
    return null;
  }

  // Compiled reads answer whole subtrees (src/read/compile.ts), here as over HTTP.
  const subscribe = (args: ExecutionArgs) => graphqlSubscribe({ ...args, fieldResolver: resolveCompiledField });
  const execute = (args: ExecutionArgs) => graphqlExecute({ ...args, fieldResolver: resolveCompiledField });
  const contextFor = (auth: Authentication): Context => ({ ...createContext(db, auth), feed });

  // WebSocket: the upgrade of /graphql; the key comes in the upgrade's Authorization header or in connectionParams.authorization.
  const wss = new WebSocketServer({ server: options.http, path: '/graphql' });
  const ws = useServer<Record<string, unknown> | undefined, { auth?: Authentication }>(
    {
      schema,
      subscribe,
      execute,
      onConnect: async (ctx) => {
        const header = ctx.extra.request.headers.authorization;
        const param = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        ctx.extra.auth = await authenticated(typeof param === 'string' ? param : header);
        return true;
      },
      context: (ctx) => contextFor(ctx.extra.auth ?? { kind: 'anonymous' }),
      onSubscribe: (ctx, _id, payload) => {
        return refusals(ctx.extra.auth ?? { kind: 'anonymous' }, payload.query, payload.variables, payload.operationName) ?? undefined;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(e instanceof GraphQLError ? e : new GraphQLError(String(e)))),
      onNext: (_ctx, _id, _payload, _args, result) => ('errors' in result && result.errors ? { ...result, errors: result.errors.map((e) => format(e as GraphQLError)) } : result) as never,
    },
    wss,
  );

  // Server-Sent Events: the key comes in the Authorization header.
  const sseAuth = new WeakMap<IncomingMessage, Authentication>();
  const sse = createHandler<Record<string, unknown>>({
    schema,
    subscribe,
    execute,
    context: (req) => contextFor(sseAuth.get(req.raw) ?? { kind: 'anonymous' }) as unknown as Record<string, unknown>,
    onSubscribe: (req, params) => {
      const problems = refusals(sseAuth.get(req.raw) ?? { kind: 'anonymous' }, params.query as string, params.variables, params.operationName);
      if (!problems) return undefined;
      const status = problems.some((p) => p.extensions.code === ErrorCode.UNAUTHENTICATED) ? 401 : problems.some((p) => p.extensions.code === ErrorCode.FORBIDDEN) ? 403 : 400;
      return [JSON.stringify({ errors: problems.map(format) }), { status, statusText: status === 401 ? 'Unauthorized' : 'Refused', headers: { 'content-type': 'application/json; charset=utf-8' } }];
    },
    onNext: (_ctx, _req, result) => ('errors' in result && result.errors ? { ...result, errors: result.errors.map((e) => format(e as GraphQLError)) } : result) as never,
  });
  const streams = new Set<ServerResponse>();

  return {
    async handleSse(req, res) {
      sseAuth.set(req, await authenticated(req.headers.authorization));
      streams.add(res);
      res.once('close', () => streams.delete(res));
      await sse(req, res);
    },
    async close() {
      // Ending the feed completes every subscription: graphql-sse then sends `complete` and ends each
      // event stream itself (ending them here first made it write after end). One that does not end soon is cut.
      // WebSocket clients get their close frame (1001) first, before the HTTP drain ends their idle sockets.
      const sockets = ws.dispose();
      feed.close();
      const deadline = Date.now() + 2_000;
      while (streams.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      for (const res of streams) res.destroy();
      await sockets;
    },
  };
}
