import { buildSchema, getNamedType, isInputObjectType, isObjectType, isAbstractType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../schema.js';
import { filterRegistry, readRegistry } from './registry.js';

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

const inputFields = (name: string): string[] => {
  const type = schema.getType(name);
  return isInputObjectType(type) ? Object.keys(type.getFields()).sort() : [];
};

describe('the filter registry', () => {
  it('declares exactly the fields of each Where input, and the type each relationship filter takes', () => {
    for (const [name, spec] of Object.entries(filterRegistry)) {
      const declared = [
        'AND',
        'OR',
        'NOT',
        ...Object.keys(spec.scalars),
        ...Object.keys(spec.relationships),
        ...Object.keys(spec.embedded ?? {}),
        ...(spec.shortForms?.fields ?? []),
      ];
      expect({ name, fields: inputFields(`${name}Where`) }).toEqual({ name, fields: declared.sort() });
      const where = schema.getType(`${name}Where`);
      if (!isInputObjectType(where)) continue;
      for (const [field, relationship] of Object.entries(spec.relationships)) {
        expect({ field, type: getNamedType(where.getFields()[field]!.type).name }).toEqual({ field, type: `${relationship.type}RelationshipFilter` });
      }
    }
  });

  it('sorts each connection by exactly the scalars its type declares, and aggregates its numeric ones', () => {
    for (const [name, spec] of Object.entries(filterRegistry)) {
      const sort = inputFields(`${name}Sort`);
      if (sort.length) expect({ name, sort }).toEqual({ name, sort: Object.keys(spec.scalars).sort() });
      const connection = schema.getType(`${name}Connection`);
      if (!isObjectType(connection)) continue;
      const aggregate = getNamedType(connection.getFields().aggregate!.type);
      const numeric = Object.entries(spec.scalars).filter(([, s]) => s.kind === 'number').map(([field]) => field);
      expect({ name, figures: isObjectType(aggregate) ? Object.keys(aggregate.getFields()).sort() : [] }).toEqual({ name, figures: ['count', ...numeric].sort() });
    }
  });
});
