import { buildSchema, isListType, isNonNullType, isObjectType, parse, type GraphQLOutputType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../schema.js';
import { declaredMaxItems, operationCost, operationCostDetail } from './operationCost.js';

const schema = buildSchema(loadTypeDefs());
const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), variables);
const unwrap = (type: GraphQLOutputType): GraphQLOutputType => (isNonNullType(type) ? type.ofType : type);

describe('list sizes in the schema', () => {
  it('bound every list of objects: `first` (or `last`), a @maxItems bound, or a connection page', () => {
    const unbounded: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const listType = unwrap(field.type);
        if (!isListType(listType) || !isObjectType(unwrap(listType.ofType))) continue;
        const sliced = field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
        const pageOfConnection = type.name.endsWith('Connection') && (field.name === 'nodes' || field.name === 'edges');
        if (!sliced && !pageOfConnection && declaredMaxItems(field) === null) unbounded.push(`${type.name}.${field.name}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('give every `first` and `last` of a plain list a default of at most 100', () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args.filter((a) => a.name === 'first' || a.name === 'last')) {
          expect(arg.defaultValue, `${type.name}.${field.name}(${arg.name})`).toBeLessThanOrEqual(100);
        }
      }
    }
  });
});

describe('the cost of a list', () => {
  it('is its `first`, or the default `first` when none is given', () => {
    // park 1 + partnerships (1 + 20 × id 1)
    expect(cost('{ park(id: "p") { partnerships { id } } }')).toBe(22);
    expect(cost('{ park(id: "p") { partnerships(first: 100) { id } } }')).toBe(102);
    expect(cost('query ($n: Int) { park(id: "p") { sources(first: $n) { id } } }', { n: 3 })).toBe(5);
  });

  it('multiplies nested lists by what each can really return', () => {
    // park 1 + partnerships (1 + 100 × participants (1 + 100 × company (1 + id 1)))
    const query = '{ park(id: "p") { partnerships(first: 100) { participants(first: 100) { company { id } } } } }';
    expect(cost(query)).toBe(1 + 1 + 100 * (1 + 100 * 2));
  });

  it('is the @maxItems bound for a list that takes no `first`', () => {
    // provinces: 1 + 50 × code 1; neighbourhood nodes 500 and edges 1000, 1 field each
    expect(cost('{ provinces { code } }')).toBe(51);
    expect(cost('{ neighborhood(id: "x") { nodes { id } edges { type } } }')).toBe(1 + 1 + 500 + 1 + 1000);
  });

  it('counts a pledge history by `last`', () => {
    expect(cost('{ pledge(id: "p") { history { kind } } }')).toBe(1 + 1 + 20);
    expect(cost('{ pledge(id: "p") { history(last: 2) { kind } } }')).toBe(1 + 1 + 2);
  });
});

describe('the price of filters', () => {
  const detail = (query: string) => operationCostDetail(schema, parse(query));
  const nested = (first: number) =>
    detail(`{ companies(first: ${first}) { nodes { pledges(where: { partnerships: { some: { title: { contains: "x" } } } }) { id } } } }`);

  it('multiplies a filter on a nested list by the page around it, as it runs once per parent', () => {
    const one = nested(1);
    const twenty = nested(20);
    expect(one.filterCost).toBeGreaterThan(0);
    expect(twenty.filterCost).toBe(20 * one.filterCost);
    // The ordinary cost is held to its own limit and does not include the filter's.
    expect(detail('{ companies(first: 20) { nodes { pledges { id } } } }').cost).toBe(twenty.cost);
    expect(twenty.costliestFilter?.path).toMatch(/^pledges\(where\)/);
  });

  it('prices a filter on the root once', () => {
    const root = detail('{ pledges(first: 20, where: { partnerships: { some: { title: { contains: "x" } } } }) { nodes { id } } }');
    const inner = nested(1);
    expect(root.filterCost).toBe(inner.filterCost);
  });
});
