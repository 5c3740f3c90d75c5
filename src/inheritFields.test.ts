import { buildSchema, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { inheritFields } from './inheritFields.js';
import { loadTypeDefs } from './typeDefs.js';

const fieldsOf = (sdl: string, type: string) => {
  const t = buildSchema(sdl).getType(type) as GraphQLObjectType | GraphQLInputObjectType;
  return Object.values(t.getFields()).map((f) => [f.name, f.description ?? null]);
};

describe('inheritFields', () => {
  const stamped = `
interface Stamped {
  "when"
  createdAt: String
  updatedBy: String
}
type Query { a: A }`;

  it('gives a type the fields of its interfaces it does not state, after its own', () => {
    const sdl = inheritFields(`${stamped}\ntype A implements Stamped { id: ID! }`);
    expect(fieldsOf(sdl, 'A')).toEqual([
      ['id', null],
      ['createdAt', 'when'],
      ['updatedBy', null],
    ]);
  });

  it('keeps a field the type states itself, in its definition or in an extension', () => {
    const sdl = inheritFields(`${stamped}\ntype A implements Stamped { id: ID!, "its own" createdAt: String }\nextend type A { updatedBy: String }`);
    expect(fieldsOf(sdl, 'A')).toEqual([
      ['id', null],
      ['createdAt', 'its own'],
      ['updatedBy', null],
    ]);
  });

  it('gives an input marked @sourcedWrite the fields of SourcedWrite and leaves the mark and the template out', () => {
    const sdl = inheritFields(`
directive @sourcedWrite on INPUT_OBJECT
input SourcedWrite { source: ID!, "revives" revive: Boolean }
input In @sourcedWrite { id: ID!, "own" revive: Boolean }
input Plain { id: ID! }
type Query { a(in: In, plain: Plain): Int }`);
    expect(fieldsOf(sdl, 'In')).toEqual([
      ['id', null],
      ['revive', 'own'],
      ['source', null],
    ]);
    expect(fieldsOf(sdl, 'Plain')).toEqual([['id', null]]);
    expect(sdl).not.toMatch(/sourcedWrite|SourcedWrite/);
  });

  it('refuses a marked input when there is no template to inherit from', () => {
    expect(() => inheritFields('input In @sourcedWrite { id: ID! }')).toThrow(/marked @sourcedWrite, but schema\/ declares no input SourcedWrite/);
  });

  it('states the stamp fields once for every entity type of schema/, and a version\'s fields once for every version type', () => {
    const schema = buildSchema(loadTypeDefs());
    const stampFields = Object.keys((schema.getType('Stamped') as GraphQLInterfaceType).getFields());
    const entities = schema.getImplementations(schema.getType('Stamped') as GraphQLInterfaceType).objects.map((t) => t.name);
    expect(entities.sort()).toEqual(['Company', 'Country', 'Designation', 'Facility', 'Park', 'Partnership', 'Pledge', 'Program', 'Province', 'Source']);
    for (const name of entities) expect(Object.keys((schema.getType(name) as GraphQLObjectType).getFields())).toEqual(expect.arrayContaining(stampFields));
    const termsVersion = schema.getType('TermsVersion') as GraphQLInterfaceType;
    const versions = schema.getImplementations(termsVersion).objects;
    expect(versions.map((t) => t.name).sort()).toEqual(['DesignationVersion', 'PledgeVersion']);
    for (const t of versions) expect(Object.keys(t.getFields())).toEqual(expect.arrayContaining(Object.keys(termsVersion.getFields())));
    for (const input of ['UpsertCompanyInput', 'UpsertParkInput', 'UpsertFacilityInput', 'RecordPartnershipInput', 'RecordPledgeInput', 'LinkParentInput', 'RecordProgramInput', 'RecordDesignationInput']) {
      const fields = (schema.getType(input) as GraphQLInputObjectType).getFields();
      expect([String(fields.source?.type), String(fields.revive?.type)], input).toEqual(['SourceRef!', 'Boolean']);
    }
  });
});
