import { buildSchema, getNamedType, isObjectType, isAbstractType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../schema.js';
import { readRegistry } from './registry.js';

const schema = buildSchema(loadTypeDefs());

/** Types the compiler builds itself (connections, edges) or that are plain values below an entity. */
const builtByTheCompiler = (name: string) => /(Connection|Edge)$/.test(name) || ['PageInfo', 'UnnamedParticipant', 'PledgeVersion', 'DesignationVersion'].includes(name);

describe('the read registry', () => {
  it('has a read for every field of every type it covers', () => {
    const missing = Object.entries(readRegistry).flatMap(([name, read]) => {
      const type = schema.getType(name);
      if (!isObjectType(type)) return [`${name} is not an object type`];
      return Object.keys(type.getFields())
        .filter((field) => !(field in read))
        .map((field) => `${name}.${field}`);
    });
    expect(missing).toEqual([]);
  });

  it('covers every object type a covered field can return', () => {
    const uncovered = new Set<string>();
    for (const name of Object.keys(readRegistry)) {
      const type = schema.getType(name);
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const returned = getNamedType(field.type);
        const concrete = isAbstractType(returned) ? schema.getPossibleTypes(returned) : isObjectType(returned) ? [returned] : [];
        for (const t of concrete) if (!(t.name in readRegistry) && !builtByTheCompiler(t.name)) uncovered.add(`${name}.${field.name}: ${t.name}`);
      }
    }
    expect([...uncovered]).toEqual([]);
  });
});
