import { buildSchema, type GraphQLInputObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../schema.js';
import { CONDITION_COST, FAN_OUT, filterPrice } from './filterCost.js';

const schema = buildSchema(loadTypeDefs());
const price = (where: unknown) => filterPrice(schema.getType('CompanyWhere') as GraphQLInputObjectType, where, 'where');

describe('the price of a filter', () => {
  it('counts each condition, short forms and operators alike', () => {
    expect(price({ foreign: true, name: { contains: 'a' } }).cost).toBe(2 * CONDITION_COST);
  });

  it('multiplies what a quantifier holds by the fan-out, and again for one nested in it', () => {
    const one = price({ pledges: { some: { targetYear: { lte: 2050 } } } });
    expect(one.cost).toBe(FAN_OUT * (CONDITION_COST + CONDITION_COST));
    const two = price({ partnerships: { some: { participants: { some: { company: { foreign: true } } } } } });
    expect(two.cost).toBe(FAN_OUT * (CONDITION_COST + FAN_OUT * (CONDITION_COST + CONDITION_COST)));
    expect(two.costliest).toEqual({ path: 'where.partnerships.some', cost: two.cost });
  });

  it('adds up OR branches, and names the OR when it is the costliest part', () => {
    const branch = { parent: { some: { sector: { eq: 'x' } } } };
    const many = price({ OR: Array.from({ length: 10 }, () => branch) });
    expect(many.cost).toBe(10 * FAN_OUT * 2 * CONDITION_COST);
    expect(many.costliest?.path).toBe('where.OR');
  });
});
