/**
 * Entry points of compiled reads: a resolver hands over its resolve info,
 * the whole subtree below it is compiled into one Cypher read, and that read
 * joins the request's DataLoader batch, so that reads started in the same
 * tick (several root fields, the entities of a mutation's answer) still
 * share one round trip.
 */
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { ALONE, load, type BatchReadOp, type SingleReadOp } from '../neo4j/batch.js';
import type { Row } from '../neo4j/database.js';
import { Compiler, type CompiledObject, type ConnectionRead, type Projection } from './compile.js';
import { filterRegistry, readRegistry } from './registry.js';
import { scopeOf, type SelectedField } from './selection.js';

/** A compiler for the request `info` belongs to, naming its parameters in `namespace`. */
export function compilerFor(info: GraphQLResolveInfo, namespace = ''): Compiler {
  return new Compiler(scopeOf(info), readRegistry, filterRegistry, namespace);
}

/**
 * `build` as compiled in a given parameter namespace, with the compiler's
 * parameters. A statement usually runs alone (namespace ''), so that compile
 * is made once and kept; a batch that composes it with others asks again in
 * the namespace of its part.
 */
export function compileIn<T extends object>(
  info: GraphQLResolveInfo,
  build: (compiler: Compiler) => T,
): (namespace: string) => T & { params: Row } {
  const compiled = new Map<string, T & { params: Row }>();
  return (namespace) => {
    let result = compiled.get(namespace);
    if (!result) {
      const compiler = compilerFor(info, namespace);
      result = { ...build(compiler), params: compiler.params };
      compiled.set(namespace, result);
    }
    return result;
  };
}

/** The field being resolved, as the compiler sees a selected field. */
function rootField(info: GraphQLResolveInfo, args: Record<string, unknown>): SelectedField {
  return {
    responseKey: info.path.key as string,
    name: info.fieldName,
    definition: info.parentType.getFields()[info.fieldName]!,
    args,
    nodes: info.fieldNodes,
  };
}

/** Runs one compiled statement (ending `RETURN … AS result`) in the request's batch. */
function run(ctx: Context, info: GraphQLResolveInfo, build: (compiler: Compiler) => Projection): Promise<unknown> {
  const compiled = compileIn(info, build);
  const alone = compiled(ALONE.namespace);
  const op: SingleReadOp<null, unknown> = {
    // The op name is the statement itself: identical reads in one request are read once.
    name: `compiled:${alone.cypher}\u0000${JSON.stringify(alone.params)}`,
    mode: 'single',
    statement: ({ namespace }) => compiled(namespace),
    decode: (value) => alone.decode(value),
  };
  return load(ctx.loader, op, null);
}

/** The resolver of a root field that reads one entity of `type` by its `id` argument. */
export const byId =
  (type: string) =>
  (_parent: unknown, { id }: { id: string }, ctx: Context, info: GraphQLResolveInfo): Promise<CompiledObject | null> =>
    readById(ctx, info, id, type);

/**
 * The entity with `id` (of `type` when given, else any type the field
 * returns), projected for the field's selection; null when there is none.
 * Reads of the same selection in one tick are answered by one subquery.
 */
export function readById(
  ctx: Context,
  info: GraphQLResolveInfo,
  id: string | null | undefined,
  type?: string,
): Promise<CompiledObject | null> {
  if (!id) return Promise.resolve(null);
  const compiled = compileIn(info, (compiler) => {
    const n = compiler.fresh('n');
    return { n, projection: compiler.object(n, getNamedType(info.returnType), info.fieldNodes) };
  });
  const alone = compiled(ALONE.namespace);
  const op: BatchReadOp<string, unknown> = {
    name: `compiledById:${type ?? ''}:${alone.projection.cypher}\u0000${JSON.stringify(alone.params)}`,
    mode: 'batch',
    statement: ({ keys, namespace }) => {
      const { n, projection, params } = compiled(namespace);
      return {
        cypher: `
UNWIND range(0, size(${keys}) - 1) AS i
WITH i, ${keys}[i] AS key
OPTIONAL MATCH (${n}:Entity {id: key})${type ? ` WHERE ${n}:${type}` : ''}
RETURN collect({i: i, v: CASE WHEN ${n} IS NULL THEN null ELSE ${projection.cypher} END}) AS result`,
        params,
      };
    },
    decode: (value) => alone.projection.decode(value),
  };
  return load(ctx.loader, op, id) as Promise<CompiledObject | null>;
}

/** Like `readById`, for an entity the graph guarantees (just written, or at the end of a required link). */
export async function readRequired(ctx: Context, info: GraphQLResolveInfo, id: string, type?: string): Promise<CompiledObject> {
  const value = await readById(ctx, info, id, type);
  if (!value) throw new Error(`Graph inconsistency: ${type ?? 'entity'} ${id} not found`);
  return value;
}

/** A connection at the root, over the candidates `read` defines for the field's arguments. */
export function readConnection(
  ctx: Context,
  info: GraphQLResolveInfo,
  args: Record<string, unknown>,
  read: ConnectionRead,
): Promise<CompiledObject> {
  return run(ctx, info, (compiler) => {
    const projection = compiler.connection(read, rootField(info, args));
    return { cypher: `RETURN ${projection.cypher} AS result`, decode: projection.decode };
  }) as Promise<CompiledObject>;
}

/**
 * A root list of entities (or search hits around them): `statement` binds
 * what it reads and returns the list built by `project`, which maps a node
 * variable to the projection of the field's selection.
 */
export function readList<N = string>(
  ctx: Context,
  info: GraphQLResolveInfo,
  statement: (compiler: Compiler, project: (node: N) => string) => string,
  decodeItem: (item: unknown, decodeNode: (value: unknown) => unknown) => unknown = (item, decodeNode) => decodeNode(item),
  nodes = info.fieldNodes,
  type = getNamedType(info.returnType),
): Promise<CompiledObject[]> {
  return run(ctx, info, (compiler) => {
    let decodeNode: (value: unknown) => unknown = (value) => value;
    const cypher = statement(compiler, (node: N) => {
      const projection = compiler.object(node, type, nodes);
      decodeNode = projection.decode;
      return projection.cypher;
    });
    return { cypher, decode: (value) => ((value as unknown[] | null) ?? []).map((item) => decodeItem(item, decodeNode)) };
  }) as Promise<CompiledObject[]>;
}
