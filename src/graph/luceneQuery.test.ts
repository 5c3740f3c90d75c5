import { describe, expect, it } from 'vitest';
import { searchTerms, toLuceneQuery } from './luceneQuery.js';

describe('toLuceneQuery', () => {
  it('lets a word match exactly, as a prefix or with a typo', () => {
    expect(toLuceneQuery('Schnieder')).toBe('(schnieder^3 OR schnieder*^2 OR schnieder~2)');
    expect(toLuceneQuery('park')).toBe('(park^3 OR park*^2 OR park~1)');
  });

  it('keeps Lucene syntax in user text from doing anything', () => {
    expect(toLuceneQuery('a:b OR c*')).not.toContain(':');
    expect(searchTerms('BMW (X3) AND "Tiexi"~')).toEqual(['BMW', 'X3', 'AND', 'Tiexi']);
  });

  it('matches Chinese runs as phrases', () => {
    expect(toLuceneQuery('湖北省')).toBe('"湖北省"');
    expect(searchTerms('华晨宝马 BMW')).toEqual(['华晨宝马', 'BMW']);
  });

  it('returns null when nothing is searchable', () => {
    expect(toLuceneQuery('  ?!* ')).toBeNull();
  });
});
