/**
 * Limits on what one GraphQL operation may ask for, so that a hostile or
 * careless query is refused before it reaches Neo4j: selection depth, cost
 * (every connection multiplies what it contains by its page size `first`),
 * aliases, directives and tokens.
 *
 * Depth, aliases and directives are counted by graphql-armor's validation
 * rules; cost as operationCost.ts computes it. Tokens are counted by
 * graphql-js's own parser (`parseOptions.maxTokens`), so an oversized document
 * is never even turned into an AST.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors.js';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { FAN_OUT } from './filterCost.js';
import { operationCostDetail } from './operationCost.js';

// The cost is computed in operationCost.ts; importers of the limits find it here too.
export { operationCost, operationCostDetail } from './operationCost.js';

export interface QueryLimits {
  /** Deepest selection allowed (the operation's own fields are depth 1). */
  maxDepth: number;
  /** Highest cost allowed; see operationCost.ts. */
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens in the whole document. */
  maxTokens: number;
}

/**
 * Every contract operation stays far inside these (see test/limits.test.ts,
 * which measures them): the deepest is 6 and the costliest
 * (CompanyProfile) about 1,600. The cost limit was 25,000 until list fields
 * took `where` and `sort` (issue 17): the standard introspection query then
 * reached two thirds of it (16,667, the warning line of
 * test/introspection.test.ts), and the analysts' DomesticPartnersOfForeignFirms
 * cost 24,881 at its default page. 30,000 keeps both a third below the limit
 * while the whole schema asked three times over, or a list nested in lists
 * of a hundred, is still refused.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxCost: 30_000,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2_000,
};

/** The code of every refusal by a query limit; the HTTP status is 400. */
export const QUERY_LIMIT_EXCEEDED = ErrorCode.QUERY_LIMIT_EXCEEDED;

/** The depth of an operation, counted as the depth limit counts it. */
export function operationDepth(schema: GraphQLSchema, document: DocumentNode): number {
  let depth = 0;
  const rule = maxDepthRule({
    n: Number.MAX_SAFE_INTEGER,
    onAccept: [(_ctx, { n }) => (depth = Math.max(depth, n))],
  }) as ValidationRule;
  validate(schema, document, [rule]);
  return depth;
}

function limitExceeded(limit: string, max: number, found: number, what: string): GraphQLError {
  return new GraphQLError(
    `The query's ${limit} is ${found}, over the limit of ${max}: ${what}.`,
    { extensions: { code: QUERY_LIMIT_EXCEEDED, limit, max, found, http: { status: 400 } } },
  );
}

/** Runs one armor rule and turns its refusal into a QUERY_LIMIT_EXCEEDED error. */
function armorCheck(
  limit: string,
  max: number,
  what: string,
  makeRule: (options: { n: number; propagateOnRejection: false; onReject: [(ctx: unknown, error: GraphQLError) => void] }) => ValidationRule,
): (schema: GraphQLSchema, document: DocumentNode) => GraphQLError | null {
  return (schema, document) => {
    let refusal: GraphQLError | null = null;
    const rule = makeRule({
      n: max,
      propagateOnRejection: false,
      onReject: [
        (_ctx, error) => {
          const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
          refusal ??= limitExceeded(limit, max, found, what);
        },
      ],
    });
    validate(schema, document, [rule]);
    return refusal;
  };
}

/** The cost of each request that was priced, for its trace span (src/observability/). */
const requestCosts = new WeakMap<object, number>();

/** The cost the limits plugin computed for this request (Apollo's GraphQLRequest), if it priced it. */
export const costOfRequest = (request: object): number | undefined => requestCosts.get(request);

/** Costs remembered per document: one per operation name and variables, up to this many. */
const COSTS_PER_DOCUMENT = 64;

/**
 * The Apollo plugin that enforces the limits, once the operation is known
 * (so that cost uses the request's variables) and before anything runs.
 *
 * Apollo keeps one parsed and validated DocumentNode per query text (its
 * document store), so the checks are remembered per DocumentNode: depth,
 * aliases and directives depend on the document alone, the cost on the
 * document, the operation and the variables. A repeated request pays for
 * a map lookup, not for four more walks over its document.
 */
export function queryLimitsPlugin<TContext extends object>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  const checks = [
    armorCheck('depth', limits.maxDepth, 'nest selections less deeply', (o) => maxDepthRule(o) as ValidationRule),
    // `__typename` aliases count too (armor lets them through by default):
    // each one is still a field to answer.
    armorCheck('alias count', limits.maxAliases, 'use fewer aliases', (o) => maxAliasesRule({ ...o, allowList: [] }) as ValidationRule),
    armorCheck('directive count', limits.maxDirectives, 'use fewer directives', (o) => maxDirectivesRule(o) as ValidationRule),
  ];
  const refusals = new WeakMap<DocumentNode, GraphQLError | null>();
  const costs = new WeakMap<DocumentNode, Map<string, ReturnType<typeof operationCostDetail> | null>>();
  const refusalOf = (schema: GraphQLSchema, document: DocumentNode): GraphQLError | null => {
    let refusal = refusals.get(document);
    if (refusal === undefined) {
      refusal = null;
      for (const check of checks) {
        refusal = check(schema, document);
        if (refusal) break;
      }
      refusals.set(document, refusal);
    }
    return refusal;
  };
  /** The operation's cost, or null when the variables do not fit it (execution reports them). */
  const costOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown>,
    operationName: string | undefined,
  ): ReturnType<typeof operationCostDetail> | null => {
    let known = costs.get(document);
    if (!known) costs.set(document, (known = new Map()));
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    let cost = known.get(key);
    if (cost === undefined) {
      try {
        cost = operationCostDetail(schema, document, variables, operationName);
      } catch {
        cost = null;
      }
      if (known.size >= COSTS_PER_DOCUMENT) known.clear();
      known.set(key, cost);
    }
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const refusal = refusalOf(schema, document);
          // A fresh error each time: Apollo may add to what it is thrown.
          if (refusal) throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions } });
          const priced = costOf(schema, document, request.variables ?? {}, operationName ?? undefined);
          if (priced === null) return;
          const { cost, filterCost, costliestFilter } = priced;
          requestCosts.set(request, cost);
          if (cost > limits.maxCost) {
            throw limitExceeded(
              'cost',
              limits.maxCost,
              cost,
              `ask for smaller pages (each connection multiplies what it selects by "first") or fewer nested lists`,
            );
          }
          if (filterCost > limits.maxCost) {
            throw limitExceeded(
              'filter cost',
              limits.maxCost,
              filterCost,
              `its costliest part is "${costliestFilter?.path}" (${costliestFilter?.cost}): each relationship filter multiplies what it holds by ${FAN_OUT} and OR branches add up, so use fewer OR branches or nest relationship filters less deeply`,
            );
          }
        },
      };
    },
  };
}
