/**
 * Two rules our SDL adds to GraphQL's, so that a group of fields every
 * entity or every sourced write has is stated once, in one place of
 * schema/, instead of on each type (GraphQL makes a type restate every field
 * of the interfaces it implements, and input types cannot share fields at
 * all). Every reader of schema/ reads it through these rules
 * (src/typeDefs.ts loadTypeDefs: the server, the write checks, codegen):
 *
 * 1. An object type inherits, from each interface it implements, the fields
 *    it does not state itself, after its own (Stamped's createdAt …
 *    retiredOn on every entity). A field it states itself is kept as it is.
 * 2. An input marked `@sourcedWrite` inherits, after its own, the fields of
 *    the input `SourcedWrite` that it does not state itself (`source`,
 *    `revive`). The marker, its directive and the `SourcedWrite` template
 *    are left out of the schema served, which therefore has the same input
 *    types as if each had stated the fields.
 */
import {
  Kind,
  parse,
  print,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type InputValueDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';

/** The input whose fields every `@sourcedWrite` input inherits. */
export const SOURCED_WRITE_TEMPLATE = 'SourcedWrite';
/** The directive that marks such an input. */
export const SOURCED_WRITE_MARK = 'sourcedWrite';

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
const isObject = (d: DefinitionNode): d is ObjectNode => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION;

/** Applies both rules (see the top of this file) to `sdl` and returns the SDL every reader builds the schema from. */
export function inheritFields(sdl: string): string {
  const document = parse(sdl);
  return print(inheritInputFields(inheritInterfaceFields(document)));
}

function inheritInterfaceFields(document: DocumentNode): DocumentNode {
  const interfaceFields = new Map<string, FieldDefinitionNode[]>();
  for (const d of document.definitions) {
    if (d.kind === Kind.INTERFACE_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_EXTENSION) {
      interfaceFields.set(d.name.value, [...(interfaceFields.get(d.name.value) ?? []), ...(d.fields ?? [])]);
    }
  }
  // A type may state its fields across its definition and its extensions: what any of them states is its own.
  const stated = new Map<string, Set<string>>();
  for (const d of document.definitions.filter(isObject)) {
    const names = stated.get(d.name.value) ?? new Set<string>();
    for (const f of d.fields ?? []) names.add(f.name.value);
    stated.set(d.name.value, names);
  }
  const definitions = document.definitions.map((d) => {
    if (!isObject(d) || !d.interfaces?.length) return d;
    const names = stated.get(d.name.value)!;
    const inherited: FieldDefinitionNode[] = [];
    for (const i of d.interfaces) {
      for (const f of interfaceFields.get(i.name.value) ?? []) {
        if (names.has(f.name.value)) continue;
        names.add(f.name.value);
        inherited.push(f);
      }
    }
    return inherited.length ? { ...d, fields: [...(d.fields ?? []), ...inherited] } : d;
  });
  return { ...document, definitions };
}

function inheritInputFields(document: DocumentNode): DocumentNode {
  const template = document.definitions.find(
    (d): d is InputObjectTypeDefinitionNode => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && d.name.value === SOURCED_WRITE_TEMPLATE,
  );
  const marked = (d: DefinitionNode) => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && d.directives?.some((m) => m.name.value === SOURCED_WRITE_MARK);
  if (!template) {
    if (document.definitions.some(marked)) throw new Error(`An input is marked @${SOURCED_WRITE_MARK}, but schema/ declares no input ${SOURCED_WRITE_TEMPLATE} for it to inherit from.`);
    return document;
  }
  const templateFields: readonly InputValueDefinitionNode[] = template.fields ?? [];
  const definitions = document.definitions.flatMap((d): DefinitionNode[] => {
    if (d === template) return [];
    if (d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === SOURCED_WRITE_MARK) return [];
    if (!marked(d) || d.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) return [d];
    const own = new Set((d.fields ?? []).map((f) => f.name.value));
    return [
      {
        ...d,
        directives: d.directives?.filter((m) => m.name.value !== SOURCED_WRITE_MARK),
        fields: [...(d.fields ?? []), ...templateFields.filter((f) => !own.has(f.name.value))],
      },
    ];
  });
  return { ...document, definitions };
}
