import { describe, expect, it } from 'vitest';
import { shortFormAnchor } from './anchor.js';

const upper = (value: unknown) => String(value).toUpperCase();

describe('shortFormAnchor', () => {
  it('anchors on the short form itself', () => {
    expect(shortFormAnchor({ province: 'cn-hb', status: 'ACTIVE' }, 'province', upper)).toEqual({ values: ['CN-HB'], handles: ['province'] });
  });

  it('anchors on an OR whose every branch is the short form alone, each value once', () => {
    const where = { OR: [{ province: 'cn-hb' }, { province: 'cn-gd' }, { province: 'cn-hb', status: null }] };
    expect(shortFormAnchor(where, 'province', upper)).toEqual({ values: ['CN-HB', 'CN-GD'], handles: ['OR'] });
  });

  it('does not anchor an OR with a branch that asks anything else, or holds for everything', () => {
    expect(shortFormAnchor({ OR: [{ province: 'a' }, { province: 'b', status: 'ACTIVE' }] }, 'province', upper)).toBeNull();
    expect(shortFormAnchor({ OR: [{ province: 'a' }, {}] }, 'province', upper)).toBeNull();
    expect(shortFormAnchor({ OR: [] }, 'province', upper)).toBeNull();
    expect(shortFormAnchor({ status: 'ACTIVE' }, 'province', upper)).toBeNull();
    expect(shortFormAnchor(null, 'province', upper)).toBeNull();
  });

  it('checks each value under its own argument path', () => {
    const seen: string[] = [];
    shortFormAnchor({ OR: [{ province: 'a' }, { province: 'b' }] }, 'province', (value, argument) => seen.push(argument));
    expect(seen).toEqual(['where.OR[0].province', 'where.OR[1].province']);
  });
});
