/**
 * The change log as GraphQL: the `changes` query pages through it, the
 * `graphChanged` subscription follows it (src/changes/changeFeed.ts).
 */
import { GraphQLError, Kind, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import type { Resolvers } from '../generated/resolvers.js';
import { assertInRange, ErrorCode } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination.js';
import { readById } from '../read/read.js';
import { checkTypes, decodeChangeCursor, encodeChangeCursor, readChanges, type ChangeRow } from './changeLog.js';

/** The page a `changes` query answers: its rows, and whether more follow. */
export interface ChangeConnectionRow {
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  nodes: ChangeRow[];
}

/** True when `entity` asks only for what the log knows (__typename, id): then no read is needed. */
function onlyIdAndType(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node: FieldNode) =>
    (node.selectionSet?.selections ?? []).every((s) => s.kind === Kind.FIELD && (s.name.value === 'id' || s.name.value === '__typename') && !s.directives?.length),
  );
}

export const changeResolvers: Resolvers = {
  Query: {
    changes: async (_parent, { after, first, where }, ctx) => {
      const limit = assertInRange(first ?? DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE, 'first');
      const afterSeq = after ? decodeChangeCursor(after) : 0;
      const types = checkTypes(where?.types);
      const { changes } = await readChanges(ctx.db, afterSeq, limit + 1, types, after ?? null);
      const nodes = changes.slice(0, limit);
      const last = nodes.at(-1);
      return {
        pageInfo: {
          hasNextPage: changes.length > limit,
          hasPreviousPage: afterSeq > 0,
          startCursor: nodes[0] ? encodeChangeCursor(nodes[0].seq) : null,
          // With nothing new, the cursor given stays the one to poll with.
          endCursor: last ? encodeChangeCursor(last.seq) : (after ?? null),
        },
        nodes,
      };
    },
  },
  Subscription: {
    graphChanged: {
      subscribe: async (_parent, { after, where }, ctx) => {
        if (!ctx.feed) {
          throw new GraphQLError('Subscriptions run over WebSocket (graphql-transport-ws at /graphql) or Server-Sent Events (/graphql/stream), not over a plain POST.', {
            extensions: { code: ErrorCode.BAD_REQUEST },
          });
        }
        const iterator = await ctx.feed.subscribe(after, checkTypes(where?.types));
        return (async function* () {
          try {
            for await (const change of iterator) yield { graphChanged: change };
          } catch (error) {
            // The feed ended this subscriber (too slow, or the log unreadable): one last event carries the error and
            // its code, since an error thrown from the stream reaches WebSocket and SSE clients without either.
            if (error instanceof GraphQLError) yield { graphChanged: error as never };
            else throw error;
          }
        })();
      },
    },
  },
  Change: {
    cursor: (change) => encodeChangeCursor(change.seq),
    entity: (change, _args, ctx, info) => {
      if (!change.entityId) return null;
      // Retired entities are read by id like current ones (node(id:) does the same).
      if (onlyIdAndType(info)) return { __typename: change.entityType, id: change.entityId } as never;
      return readById(ctx, info, change.entityId);
    },
    edge: (change) => (change.edgeType ? { type: change.edgeType, from: change.from!, to: change.to! } : null),
  },
};
