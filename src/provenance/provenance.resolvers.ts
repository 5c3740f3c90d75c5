import type { Resolvers } from '../generated/resolvers.js';
import { readConnection, readList } from '../read/read.js';
import { importByIdStatement, importsConnection } from './provenance.cypher.js';

export const provenanceResolvers: Resolvers = {
  Query: {
    import: async (_parent, { id }, ctx, info) => (await readList(ctx, info, importByIdStatement(id)))[0] ?? null,
    imports: (_parent, args, ctx, info) => readConnection(ctx, info, args, importsConnection),
  },
};
