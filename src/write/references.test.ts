import { describe, expect, it } from 'vitest';
import { findReferenceProblems } from './references.js';

const facts = {
  types: new Map([['acme', 'Company'], ['park-1', 'Park'], ['src', 'Source'], ['DE', 'Country'], ['child', 'Company'], ['parent', 'Company']]),
  parents: new Map([['child', 'parent']]),
};

describe('findReferenceProblems', () => {
  it('accepts references to entities in the graph or in the same input', () => {
    const problems = findReferenceProblems(
      [{ field: 'id', id: 'new-co', type: 'Company' }],
      [{ field: 'a', id: 'acme', types: ['Company'] }, { field: 'b', id: 'new-co', types: ['Company'] }, { field: 'c', id: 'DE', types: ['Country'] }],
      [],
      facts,
    );
    expect(problems).toEqual([]);
  });

  it('names missing and mistyped references', () => {
    const problems = findReferenceProblems([], [{ field: 'x', id: 'nope', types: ['Company'] }, { field: 'y', id: 'park-1', types: ['Company'] }, { field: 'z', id: 'XX', types: ['Country'] }], [], facts);
    expect(problems.map((p) => p.field)).toEqual(['x', 'y', 'z']);
    expect(problems[1]!.message).toMatch(/is a Park/);
  });

  it('refuses an id that already belongs to another type', () => {
    const [problem] = findReferenceProblems([{ field: 'id', id: 'park-1', type: 'Company' }], [], [], facts);
    expect(problem!.message).toMatch(/already belongs to a Park/);
  });

  it('refuses a second parent and a cycle', () => {
    const link = (company: string, parent: string) => ({ company, parent, kind: 'SUBSIDIARY', sharePercent: null, source: 'src', field: `${company}>${parent}` });
    const problems = findReferenceProblems([], [], [link('child', 'acme'), link('parent', 'child'), link('child', 'parent')], facts);
    expect(problems.map((p) => p.field)).toEqual(['child>acme', 'parent>child']);
  });
});
