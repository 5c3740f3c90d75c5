/**
 * What an operation costs: every field costs 1 plus what it selects, times
 * the number of items it can return (a connection's page size `first`, or a
 * list's `@maxItems`), and each `where` adds its price (filterCost.ts). The
 * limits (queryLimits.ts) hold operations to a maximum of each.
 *
 * Counted by graphql-query-complexity with the estimator below, because
 * graphql-armor's cost limit does not know about page sizes.
 */
import {
  getNamedType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { filterPrice, type FilterPrice } from './filterCost.js';
import { introspectionCostEstimator } from './introspectionCost.js';

/**
 * Lists of scalars (aliases, source ids) hold at most this many items: the
 * write validation caps input lists at 200 (src/write/validate.ts). They
 * select nothing, so their count only matters if they ever select something.
 */
export const SCALAR_LIST_SIZE = 200;

/** What an object list with neither `first` nor `@maxItems` counts as: the largest page. */
export const UNDECLARED_LIST_SIZE = 1000;

function unwrap(type: GraphQLOutputType): GraphQLOutputType {
  return isNonNullType(type) ? type.ofType : type;
}

/** The `@maxItems(count:)` hard bound declared on a field in the SDL, if any. */
export function declaredMaxItems(field: GraphQLField<unknown, unknown>): number | null {
  const directive = field.astNode?.directives?.find((d) => d.name.value === 'maxItems');
  const count = directive?.arguments?.find((a) => a.name.value === 'count')?.value;
  return count?.kind === Kind.INT ? Number(count.value) : null;
}

/**
 * How many items a list field can really return, or null for a field that is
 * not a list counted on its own (not a list, or a connection's `nodes` and
 * `edges`, already counted by the connection's `first`). Lists that can grow
 * take `first` (or `last`, for a history read from its end), with its default
 * from the SDL; the others declare a hard bound with `@maxItems`. A list of
 * objects with neither counts as UNDECLARED_LIST_SIZE items
 * (queryLimits.test.ts checks that the schema has none).
 */
export function listSize(type: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | null {
  for (const slicing of ['first', 'last']) {
    const value = args[slicing];
    if (typeof value === 'number') return Math.max(0, value);
  }
  let fieldType = unwrap(field.type);
  if (!isListType(fieldType)) return null;
  if (type.name.endsWith('Connection')) return null;
  const bound = declaredMaxItems(field);
  if (bound !== null) return bound;
  fieldType = unwrap(fieldType.ofType);
  return isLeafType(fieldType) ? SCALAR_LIST_SIZE : UNDECLARED_LIST_SIZE;
}

/**
 * Cost of a field: 1 for the field itself plus what it selects, times the
 * number of items it can return (`listSize`). A field with `first` returns up
 * to `first` items (the page size asked for, not the one allowed, so a huge
 * page costs what it would cost).
 */
export const connectionCostEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const size = listSize(type, field, args);
  if (size !== null) return 1 + size * childComplexity;
  return isListType(unwrap(field.type)) ? childComplexity : 1 + childComplexity;
};

/**
 * The same estimate as `estimators`, plus each `where`'s price (filterCost.ts)
 * added to the field that takes it, outside that field's own list size: a
 * filter runs once per evaluation of its field, so a filter on a list nested
 * in another list is multiplied by every list around it (the outer page of
 * 20 companies runs the inner filter 20 times), as the rest of the cost is.
 * Records the costliest single part in `tally`.
 */
function withFilterPrices(estimators: ComplexityEstimator[], tally: { costliest: FilterPrice['costliest'] }): ComplexityEstimator {
  return (options) => {
    let estimate = 0;
    for (const estimator of estimators) {
      const value = estimator(options);
      if (typeof value === 'number') {
        estimate = value;
        break;
      }
    }
    const where = options.field.args.find((a) => a.name === 'where');
    const whereType = where ? getNamedType(where.type) : null;
    if (!isInputObjectType(whereType) || !options.args.where) return estimate;
    const price = filterPrice(whereType, options.args.where, `${options.field.name}(where)`);
    if (price.costliest && (!tally.costliest || price.costliest.cost > tally.costliest.cost)) tally.costliest = price.costliest;
    return estimate + price.cost;
  };
}

/** The cost of one operation of a document, with its variables; and what its filters cost, with their costliest part. */
export function operationCostDetail(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): { cost: number; filterCost: number; costliestFilter: FilterPrice['costliest'] } {
  // Introspection's ofType costs a fraction (see introspectionCost.ts).
  const estimators = [introspectionCostEstimator(schema), connectionCostEstimator];
  const complexity = (of: ComplexityEstimator[]) =>
    getComplexity({ schema, query: document, variables, ...(operationName ? { operationName } : {}), estimators: of });
  // Filters are held to a limit of their own, so that a filter never makes an ordinary selection
  // too costly, nor a selection a filter: their cost is what they add to the estimate.
  // The second pass, which prices filters, runs only for a document that has one (most have none).
  let filtered = false;
  const noteFilters: ComplexityEstimator = ({ args }) => {
    if (args.where) filtered = true;
    return undefined;
  };
  const cost = complexity([noteFilters, ...estimators]);
  if (!filtered) return { cost: Math.ceil(cost), filterCost: 0, costliestFilter: null };
  const tally: { costliest: FilterPrice['costliest'] } = { costliest: null };
  const filterCost = complexity([withFilterPrices(estimators, tally)]) - cost;
  return { cost: Math.ceil(cost), filterCost: Math.ceil(filterCost), costliestFilter: tally.costliest };
}

/** The cost of one operation of a document, with its variables. */
export const operationCost = (...args: Parameters<typeof operationCostDetail>): number => operationCostDetail(...args).cost;
