import { describe, expect, it } from 'vitest';
import { activityRule, ACTIVITY_LINK_TYPES, DERIVED_LINK_TYPES, foreignRule, FOREIGN_LINK_TYPES } from './derived.cypher.js';

/** The relationship types a Cypher pattern text follows (`-[:TYPE…]-`). */
const typesIn = (cypher: string) => [...new Set([...cypher.matchAll(/\[\w*:([A-Z_]+)/g)].map((m) => m[1]))].sort();

describe('the relationship types derived data follows', () => {
  it('are the ones the foreign rule reads', () => {
    expect(typesIn(foreignRule('c'))).toEqual([...FOREIGN_LINK_TYPES].sort());
  });

  it('are the ones the ACTIVE_IN rule reads', () => {
    expect(typesIn(activityRule('c'))).toEqual([...ACTIVITY_LINK_TYPES].sort());
  });

  it('name each type once', () => {
    expect(new Set(DERIVED_LINK_TYPES).size).toBe(DERIVED_LINK_TYPES.length);
  });
});
