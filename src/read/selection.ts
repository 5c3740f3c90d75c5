/**
 * The selection a request makes of one object type, as graphql-js executes
 * it (GraphQL spec §6.3.2 CollectFields): fragments and inline fragments
 * whose type condition the object type satisfies, @skip/@include applied,
 * fields grouped by response key (alias or name) with their sub-selections
 * merged, and arguments coerced with their defaults.
 *
 * Written on graphql-js's own primitives rather than with
 * graphql-parse-resolve-info: the compiler asks "what does this request
 * select of Company here?" once per concrete type, which is exactly
 * CollectFields, so interfaces and unions need no merging of our own.
 */
import {
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  Kind,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** What the compiler needs of the request: schema, fragments and variable values. */
export interface RequestScope {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
}

/** One selected field of an object type, under its response key. */
export interface SelectedField {
  /** The alias, or the field name when there is none: where the value goes. */
  responseKey: string;
  name: string;
  definition: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  /** Every node of the request that selects this response key (their sub-selections merge). */
  nodes: readonly FieldNode[];
}

export const scopeOf = (info: GraphQLResolveInfo): RequestScope => ({
  schema: info.schema,
  fragments: info.fragments,
  variableValues: info.variableValues,
});

function included(scope: RequestScope, node: { directives?: readonly unknown[] }): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node as never, scope.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as never, scope.variableValues);
  return include?.if !== false;
}

function conditionMatches(scope: RequestScope, condition: FragmentDefinitionNode['typeCondition'] | undefined, type: GraphQLObjectType): boolean {
  if (!condition) return true;
  const conditional = typeFromAST(scope.schema, condition);
  if (!conditional) return false;
  if (conditional === type) return true;
  return isAbstractType(conditional) && scope.schema.isSubType(conditional, type);
}

function collect(
  scope: RequestScope,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  into: Map<string, FieldNode[]>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(scope, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      into.set(key, [...(into.get(key) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (conditionMatches(scope, selection.typeCondition, type)) collect(scope, type, selection.selectionSet, into, visited);
    } else {
      const name = selection.name.value;
      if (visited.has(name)) continue;
      visited.add(name);
      const fragment = scope.fragments[name];
      if (fragment && conditionMatches(scope, fragment.typeCondition, type)) collect(scope, type, fragment.selectionSet, into, visited);
    }
  }
}

/**
 * The fields that `nodes` (the nodes of one response key whose value is of
 * `type`) select of `type`. Meta fields (`__typename`) are left out: graphql-js
 * answers them itself.
 */
export function selectedFields(scope: RequestScope, type: GraphQLObjectType, nodes: readonly FieldNode[]): SelectedField[] {
  const grouped = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  for (const node of nodes) if (node.selectionSet) collect(scope, type, node.selectionSet, grouped, visited);
  const fields: SelectedField[] = [];
  for (const [responseKey, fieldNodes] of grouped) {
    const name = fieldNodes[0]!.name.value;
    if (name.startsWith('__')) continue;
    const definition = type.getFields()[name];
    if (!definition) continue;
    fields.push({ responseKey, name, definition, args: getArgumentValues(definition, fieldNodes[0]!, scope.variableValues), nodes: fieldNodes });
  }
  return fields;
}
