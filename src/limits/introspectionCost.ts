/**
 * The cost of introspection, sized by the schema itself so that schema tools
 * (GraphiQL's Docs panel and autocomplete, graphql-codegen, IDE plugins,
 * Postman) are answered, while nesting the schema into itself still is not.
 *
 * A list of the data graph can hold any number of items, so the cost rule
 * assumes ten (or the page size asked for). An introspection list is bounded
 * by this schema: `__Schema.types` holds exactly its types, and a type's
 * `fields` hold on average total fields / types. Counting each introspection
 * list by that average makes graphql-js' `getIntrospectionQuery()` (every
 * option on) cost about the number of values it returns, while every
 * `fields { type { fields … } } }` level still multiplies the cost. graphql-js
 * also refuses introspection nested more than three lists deep
 * (MaxIntrospectionDepthRule, among its specified validation rules).
 */
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  isWrappingType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';

/** Items per introspection list field (`"__Type.fields"`), for one schema. */
export type IntrospectionListSizes = ReadonlyMap<string, number>;

function wrappingDepth(type: GraphQLType): number {
  let depth = 0;
  for (let current = type; isWrappingType(current); current = current.ofType) depth += 1;
  return depth;
}

// Not rounded up: a mean crossing a whole number (4.0 to 4.1 fields per type) would raise every
// type's cost by a quarter at once, where the values returned grew by a fortieth.
const average = (total: number, parents: number): number => Math.max(1, total / Math.max(1, parents));

/** How many items each introspection list of `schema` holds: exactly for the schema's lists, on average below a type, field or directive. */
export function introspectionListSizes(schema: GraphQLSchema): IntrospectionListSizes {
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  let fields = 0;
  let fieldArgs = 0;
  let interfaces = 0;
  let possibleTypes = 0;
  let enumValues = 0;
  let inputFields = 0;
  // Every type reference (of a field, argument or input field) is a chain of
  // __Type values: its wrappers (NON_NULL, LIST), then the named type.
  const references: GraphQLType[] = [];
  for (const type of types) {
    if (isObjectType(type) || isInterfaceType(type)) {
      const own = Object.values(type.getFields());
      fields += own.length;
      for (const field of own) references.push(field.type, ...field.args.map((arg) => arg.type));
      fieldArgs += own.reduce((sum, field) => sum + field.args.length, 0);
      interfaces += type.getInterfaces().length;
    }
    if (isInterfaceType(type) || isUnionType(type)) possibleTypes += schema.getPossibleTypes(type).length;
    if (isEnumType(type)) enumValues += type.getValues().length;
    if (isInputObjectType(type)) {
      const own = Object.values(type.getFields());
      inputFields += own.length;
      references.push(...own.map((field) => field.type));
    }
  }
  for (const directive of directives) references.push(...directive.args.map((arg) => arg.type));
  const wrappers = references.reduce((sum, reference) => sum + wrappingDepth(reference), 0);
  return new Map([
    ['__Schema.types', types.length],
    ['__Schema.directives', directives.length],
    ['__Type.fields', average(fields, types.length)],
    ['__Type.interfaces', average(interfaces, types.length)],
    ['__Type.possibleTypes', average(possibleTypes, types.length)],
    ['__Type.enumValues', average(enumValues, types.length)],
    ['__Type.inputFields', average(inputFields, types.length)],
    ['__Field.args', average(fieldArgs, fields)],
    ['__Directive.args', average(directives.reduce((sum, d) => sum + d.args.length, 0), directives.length)],
    ['__Directive.locations', average(directives.reduce((sum, d) => sum + d.locations.length, 0), directives.length)],
    // Not a list: the share of __Type values in reference chains that have an
    // ofType, so TypeRef's eight nested ofType levels cost what a chain holds.
    ['__Type.ofType', wrappers / Math.max(1, wrappers + references.length)],
  ]);
}

const sizesBySchema = new WeakMap<GraphQLSchema, IntrospectionListSizes>();

/**
 * Costs the lists of introspection types (`__Schema`, `__Type`, …) by their
 * size in `schema`: 1 for the field plus its size times what it selects.
 * Leaves every other field to the next estimator.
 */
export function introspectionCostEstimator(schema: GraphQLSchema): ComplexityEstimator {
  let sizes = sizesBySchema.get(schema);
  if (!sizes) {
    sizes = introspectionListSizes(schema);
    sizesBySchema.set(schema, sizes);
  }
  const known = sizes;
  return ({ type, field, childComplexity }) => {
    const size = known.get(`${type.name}.${field.name}`);
    return size === undefined ? undefined : 1 + size * childComplexity;
  };
}
