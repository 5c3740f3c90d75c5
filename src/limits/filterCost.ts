/**
 * What a `where` argument may make Neo4j walk, in the cost rule's units
 * (src/limits/queryLimits.ts), so that an abusive filter is refused before
 * it runs: each condition costs CONDITION_COST (a condition no index serves
 * reads every candidate), a relationship quantifier multiplies what it
 * contains by FAN_OUT (the related nodes it may walk per node), one nested
 * in another multiplies again, and OR branches add up. Read from the
 * schema's input types alone: a `…RelationshipFilter` input is a quantifier.
 */
import { getNamedType, isInputObjectType, type GraphQLInputObjectType } from 'graphql';

/** One condition over the candidates. */
export const CONDITION_COST = 2;
/** Related nodes a quantifier is taken to walk per node: a typical fan-out of the graph's relationships. */
export const FAN_OUT = 10;

/** A filter's cost, and its costliest part (a quantifier, an AND/OR/NOT or one condition) by path. */
export interface FilterPrice {
  cost: number;
  costliest: { path: string; cost: number } | null;
}

const costlier = (a: FilterPrice['costliest'], b: FilterPrice['costliest']) => (!a || (b && b.cost > a.cost) ? b : a);

/** The price of `where`, a value of input type `type`, at `path`. */
export function filterPrice(type: GraphQLInputObjectType, where: unknown, path: string): FilterPrice {
  let cost = 0;
  let costliest: FilterPrice['costliest'] = null;
  if (where === null || typeof where !== 'object') return { cost, costliest };
  const add = (part: FilterPrice, partPath: string) => {
    cost += part.cost;
    costliest = costlier(costlier(costliest, part.costliest), { path: partPath, cost: part.cost });
  };
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    const at = `${path}.${key}`;
    const field = type.getFields()[key];
    const named = field ? getNamedType(field.type) : null;
    if (Array.isArray(value) && isInputObjectType(named)) {
      const branches = value.map((branch, i) => filterPrice(named, branch, `${at}[${i}]`));
      add(
        { cost: branches.reduce((sum, b) => sum + b.cost, 0), costliest: branches.reduce<FilterPrice['costliest']>((c, b) => costlier(c, b.costliest), null) },
        at,
      );
    } else if (isInputObjectType(named) && named.name.endsWith('RelationshipFilter')) {
      for (const [quantifier, inner] of Object.entries(value as Record<string, unknown>)) {
        const innerType = getNamedType(named.getFields()[quantifier]!.type) as GraphQLInputObjectType;
        const walked = filterPrice(innerType, inner, `${at}.${quantifier}`);
        add({ cost: FAN_OUT * (CONDITION_COST + walked.cost), costliest: walked.costliest }, `${at}.${quantifier}`);
      }
    } else if (isInputObjectType(named) && named.name.endsWith('Where')) {
      add(filterPrice(named, value, at), at);
    } else {
      add({ cost: CONDITION_COST, costliest: null }, at);
    }
  }
  return { cost, costliest };
}
