import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import type { Resolvers } from './generated/resolvers.js';

/** The years greengraph takes anywhere (pledge targets, designations, year filters). */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Checks "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real calendar day). */
export function isPartialDate(value: string): boolean {
  if (!PARTIAL_DATE.test(value)) return false;
  if (value.length < 10) return true;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function parsePartialDate(value: unknown): string {
  if (typeof value === 'string' && isPartialDate(value)) return value;
  throw new GraphQLError(`PartialDate must be "YYYY", "YYYY-MM" or "YYYY-MM-DD", but got: ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

export const scalarResolvers: Resolvers = {
  PartialDate: new GraphQLScalarType({
    name: 'PartialDate',
    description: 'An ISO 8601 date, possibly partial: "2024", "2024-10" or "2024-10-31".',
    serialize: (value) => String(value),
    parseValue: parsePartialDate,
    parseLiteral: (ast) => parsePartialDate(ast.kind === Kind.STRING ? ast.value : undefined),
  }),
  DateTime: new GraphQLScalarType({
    name: 'DateTime',
    description: 'An ISO 8601 instant.',
    serialize: (value) => String(value),
    parseValue: (value) => {
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
      throw new GraphQLError(`DateTime must be an ISO 8601 instant, but got: ${JSON.stringify(value)}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    },
  }),
};
