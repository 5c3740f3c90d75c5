import { describe, expect, it } from 'vitest';
import { firstClause } from './tracing.js';

describe('firstClause', () => {
  it('names the first clause of a statement, upper-cased, past comments and blank lines', () => {
    expect(firstClause('MATCH (c:Company {id: $id}) RETURN c')).toBe('MATCH');
    expect(firstClause('\n  unwind $rows AS row MERGE (n {id: row.id})')).toBe('UNWIND');
    expect(firstClause('// the national list\n/* batch */ CALL { WITH 1 AS x RETURN x } RETURN 1')).toBe('CALL');
    expect(firstClause('')).toBe('UNKNOWN');
  });
});
