/**
 * The SDL of schema/ and what the rest of the code reads from it: the enum
 * values the write checks allow come from here, so schema/*.graphql is their
 * one source. Imports no resolver (src/schema.ts joins those), so that the
 * write checks can read it without a module cycle.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, GraphQLEnumType, type GraphQLSchema } from 'graphql';
import { inheritFields } from './inheritFields.js';
import { projectRoot } from './projectRoot.js';

/**
 * The SDL of every file in schema/, in file-name order, with the fields a
 * type inherits written out (src/inheritFields.ts): what the server, the
 * write checks and codegen all build the schema from.
 */
export function loadTypeDefs(): string {
  const dir = join(projectRoot(), 'schema');
  const sdl = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
  return inheritFields(sdl);
}

let built: GraphQLSchema | null = null;
const enumValueLists = new Map<string, readonly string[]>();

/** The values of the enum `name` in schema/*.graphql, in declaration order. */
export function enumValues(name: string): readonly string[] {
  let values = enumValueLists.get(name);
  if (values) return values;
  built ??= buildSchema(loadTypeDefs());
  const type = built.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} must be an enum type of schema/*.graphql, but the schema ${type ? `declares ${name} as ${type.constructor.name}` : `has no type ${name}`}.`);
  values = type.getValues().map((v) => v.name);
  enumValueLists.set(name, values);
  return values;
}
