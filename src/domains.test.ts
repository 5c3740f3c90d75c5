import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS, SEARCHED_TYPES, WRITE_ORDER } from './domains.js';
import { MIGRATIONS } from './neo4j/migrations.js';

describe('the list of domains', () => {
  it('names the labels of the full-text index the latest migration creating it made', () => {
    const creations = MIGRATIONS.flatMap((m) => m.statements).filter((s) => s.includes('CREATE FULLTEXT INDEX entity_search'));
    const labels = /FOR \(n:([\w|]+)\)/.exec(creations.at(-1)!)![1]!.split('|');
    expect([...labels].sort()).toEqual([...SEARCHED_TYPES].sort());
  });

  it('writes every imported kind, each after what it references', () => {
    expect(IMPORT_KINDS.every((kind) => WRITE_ORDER.includes(kind))).toBe(true);
    expect(WRITE_ORDER.indexOf('sources')).toBe(0);
    expect(WRITE_ORDER.indexOf('parents')).toBe(WRITE_ORDER.indexOf('companies') + 1);
  });
});
