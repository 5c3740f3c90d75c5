import type { Resolvers } from '../generated/resolvers.js';
import { loadConnection } from '../neo4j/connection.js';
import { entityOfType } from '../node/node.loaders.js';
import { sourcesConnection } from './source.cypher.js';

export const sourceResolvers: Resolvers = {
  Query: {
    source: (_parent, { id }, ctx) => entityOfType(ctx, id, 'Source'),
    sources: (_parent, { first, after }, ctx) => loadConnection(ctx.loader, sourcesConnection, {}, { first, after }, 'root'),
  },
};
