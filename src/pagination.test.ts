import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageOf, pageRequest } from './pagination.js';

describe('cursors', () => {
  it('round-trips a sort value and an id', () => {
    expect(decodeCursor(encodeCursor('Schneider Electric', 'schneider-electric'))).toEqual({
      sort: 'Schneider Electric',
      id: 'schneider-electric',
    });
    expect(decodeCursor(encodeCursor(2030, 'panasonic-zero-co2-2030'))).toEqual({ sort: 2030, id: 'panasonic-zero-co2-2030' });
  });

  it('rejects a malformed cursor with BAD_USER_INPUT naming the value', () => {
    for (const bad of ['not a cursor!', 'eyJhIjoxfQ', Buffer.from('[1,2]').toString('base64url'), '']) {
      try {
        decodeCursor(bad);
        expect.unreachable(`accepted ${bad}`);
      } catch (error) {
        const { extensions, message } = error as { extensions: Record<string, unknown>; message: string };
        expect(extensions.code).toBe('BAD_USER_INPUT');
        expect(extensions.value).toBe(bad);
        expect(message).toContain('Malformed cursor');
      }
    }
  });
});

describe('pageRequest', () => {
  it('accepts first from 0 to 100', () => {
    expect(pageRequest({ first: 0 }).first).toBe(0);
    expect(pageRequest({ first: 100 }).first).toBe(100);
    expect(pageRequest({}).first).toBe(20);
  });

  it('rejects first outside 0..100 and says what is allowed', () => {
    for (const first of [-1, 101, 1000]) {
      expect(() => pageRequest({ first })).toThrowError(/must be from 0 to 100/);
    }
  });
});

describe('pageOf', () => {
  it('uses the extra row to tell that a next page exists', () => {
    const items = [{ sort: 'a', id: 'a' }, { sort: 'b', id: 'b' }, { sort: 'c', id: 'c' }];
    const first = pageOf(items, { first: 2, afterSort: null, afterId: null });
    expect(first.items.map((n) => n.id)).toEqual(['a', 'b']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(first.pageInfo.startCursor!)).toEqual({ sort: 'a', id: 'a' });
    expect(decodeCursor(first.pageInfo.endCursor!)).toEqual({ sort: 'b', id: 'b' });
    const last = pageOf([{ sort: 'c', id: 'c' }], { first: 2, afterSort: 'b', afterId: 'b' });
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(last.pageInfo.hasPreviousPage).toBe(true);
  });

  it('has no cursors for an empty page, even when rows follow it', () => {
    const empty = pageOf([{ sort: 'a', id: 'a' }], { first: 0, afterSort: null, afterId: null });
    expect(empty).toEqual({ items: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });
});
