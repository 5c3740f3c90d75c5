import type { Resolvers } from '../generated/resolvers.js';
import { compiledType } from '../read/compile.js';
import { readById } from '../read/read.js';

/** The GraphQL type of a row of an interface; a change's entity (src/changes/) may be a plain { __typename, id } from the log. */
const typeOf = (value: unknown) => (compiledType(value) ?? (value as { __typename?: string }).__typename) as string;

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_parent, { id }, ctx, info) => readById(ctx, info, id),
  },
  Node: { __resolveType: (value) => typeOf(value) as 'Company' },
  Stamped: { __resolveType: (value) => typeOf(value) as 'Company' },
  TermsVersion: { __resolveType: (value) => typeOf(value) as 'PledgeVersion' },
};
