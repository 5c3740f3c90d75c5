/**
 * Compiles the selection a request makes below a field into one Cypher
 * expression, so that a whole GraphQL subtree is read in one statement.
 *
 * The plan follows the resolve tree: `object()` projects a node for the
 * fields selected of its type, asking the type's `TypeRead` (each domain
 * owns its own, in its *.cypher.ts) for one expression per field; a field
 * that returns entities compiles its sub-selection the same way, as a
 * pattern comprehension or a COLLECT subquery with its own LIMIT. Every
 * compiled projection comes with a `decode` that turns the raw map into the
 * value the schema expects; decoded objects are keyed by response key (see
 * `resolveCompiledField`), so aliases of one field with different
 * arguments or sub-selections never collide.
 *
 * Cypher is written as template strings, not with @neo4j/cypher-builder:
 * we compile one fixed schema, and every value goes through `param()`, so
 * the only names spliced in are our own variables and the schema's.
 */
import {
  defaultFieldResolver,
  getNamedType,
  isAbstractType,
  isObjectType,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { assertInRange } from '../errors.js';
import { MAX_PAGE_SIZE } from '../pagination.js';
import { compileConnection, type ConnectionRead } from './connection.js';
import { WhereCompiler, type FilterRegistry } from './filter.js';
import { orderBy as orderByKeys, sortKeys } from './sort.js';
import { selectedFields, type RequestScope, type SelectedField } from './selection.js';

/** Marks an object whose fields are stored under their response keys. */
export const COMPILED = Symbol('compiled');
/** The concrete type of a compiled entity, for `__resolveType`. */
export const TYPE = Symbol('type');

/** A decoded object of a compiled read: its fields under their response keys. */
export interface CompiledObject {
  readonly [COMPILED]: true;
  [responseKey: string]: unknown;
}

export type { ConnectionRead } from './connection.js';

export interface Projection {
  cypher: string;
  decode: (value: unknown) => unknown;
}

/**
 * How one field of a type is read, given the Cypher variable(s) bound to the
 * object (`node`: a node variable for entities; a domain may bind more, e.g.
 * a relationship and a node for a participant).
 */
export type FieldRead<N = string> = (node: N, field: SelectedField, compiler: Compiler) => Projection;

/** The fields of one GraphQL type that the compiler can read, by field name. */
export type TypeRead<N = string> = Record<string, FieldRead<N>>;

/** Registry of every type's read, by GraphQL type name. */
export type ReadRegistry = Record<string, TypeRead<never>>;

const identity = (value: unknown): unknown => value;
const orEmpty = (value: unknown): unknown => value ?? [];

/** A field read as an expression over the node, returned as is. */
export const expression =
  (cypher: (n: string) => string, decode: (value: unknown) => unknown = identity): FieldRead =>
  (n) => ({ cypher: cypher(n), decode });

/** A stored property. */
export const property = (name: string): FieldRead => expression((n) => `${n}.${name}`);

/** A stored list property; an absent one reads as []. */
export const listProperty = (name: string): FieldRead => expression((n) => `${n}.${name}`, orEmpty);

/** Stored properties read under their own names, as a type's read spreads them (`...properties('id', 'name')`). */
export const properties = (...names: string[]): TypeRead => Object.fromEntries(names.map((name) => [name, property(name)]));

interface Link {
  /** The relationship points at the object (`(x:Label)-[:TYPE]->(n)`); by default it points away from it. */
  in?: boolean;
  /** The property of the related node its list is ordered by (default: id). */
  orderBy?: string;
}

const hop =
  (n: string, type: string, label: string, link: Link) =>
  (x: string): string =>
    link.in ? `MATCH (${n})<-[:${type}]-(${x}:${label})` : `MATCH (${n})-[:${type}]->(${x}:${label})`;
const orderOf = (link: Link) => (x: string) => `${x}.${link.orderBy ?? 'id'}`;

/** A field that is the one node of `label` at the end of a `type` relationship. */
export const linkedOne =
  (type: string, label: string, link: Link = {}): FieldRead =>
  (n, field, c) =>
    c.one(hop(n, type, label, link), field, orderOf(link));

/** A list field of the nodes of `label` at the ends of `type` relationships. */
export const linkedMany =
  (type: string, label: string, link: Link = {}): FieldRead =>
  (n, field, c) =>
    c.many(hop(n, type, label, link), field, orderOf(link));

/** Cypher string literal for a constant of ours (type names, enum values). */
export const literal = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A map key as a Cypher identifier: backticked, a backtick in it doubled (Cypher's escape), so any response key is safe. */
export const quoteKey = (key: string): string => `\`${key.replace(/`/g, '``')}\``;

export class Compiler {
  readonly params: Record<string, unknown> = {};
  private counter = 0;

  /**
   * `namespace` prefixes every parameter name, so that statements compiled
   * in different namespaces compose into one without renaming (src/neo4j/batch.ts).
   */
  constructor(
    readonly scope: RequestScope,
    private readonly reads: ReadRegistry,
    readonly filters: FilterRegistry = {},
    private readonly namespace = '',
  ) {}

  /** Compiles `where` arguments against the filter registry, with this compiler's parameters and names. */
  get where(): WhereCompiler {
    return new WhereCompiler(this, this.filters);
  }

  /** A parameter holding `value`; returns its reference (`$p3`, or `$r0_p3` in namespace `r0_`). */
  param(value: unknown): string {
    const name = `${this.namespace}p${this.counter++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** A Cypher variable name unused elsewhere in the statement. */
  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  private objectType(name: string): GraphQLObjectType {
    const type = this.scope.schema.getType(name);
    if (!isObjectType(type)) throw new Error(`${name} is not an object type of the schema`);
    return type;
  }

  /**
   * The projection of `node` for what `nodes` select of a value of `type`
   * (an object type, or an interface/union: then one branch per possible type,
   * chosen by label).
   */
  object(node: unknown, type: GraphQLNamedType | string, nodes: readonly FieldNode[]): Projection {
    const named = typeof type === 'string' ? this.scope.schema.getType(type)! : type;
    if (isAbstractType(named)) {
      const n = node as string;
      const branches = this.scope.schema.getPossibleTypes(named).map((possible) => ({
        name: possible.name,
        projection: this.concrete(n, possible, nodes, `${quoteKey('#type')}: ${literal(possible.name)}`),
      }));
      const byType = new Map(branches.map((b) => [b.name, b.projection.decode]));
      return {
        cypher: `CASE ${branches.map((b) => `WHEN ${n}:${b.name} THEN ${b.projection.cypher}`).join(' ')} END`,
        decode: (value) => {
          if (value === null || value === undefined) return null;
          const decode = byType.get((value as Record<string, unknown>)['#type'] as string);
          return decode ? decode(value) : null;
        },
      };
    }
    return this.concrete(node, this.objectType(named.name), nodes);
  }

  private concrete(node: unknown, type: GraphQLObjectType, nodes: readonly FieldNode[], extra?: string): Projection {
    const read = this.reads[type.name] as TypeRead<unknown> | undefined;
    if (!read) throw new Error(`No read is defined for type ${type.name}`);
    const parts = selectedFields(this.scope, type, nodes).map((field) => {
      const fieldRead = read[field.name];
      if (!fieldRead) throw new Error(`No read is defined for ${type.name}.${field.name}`);
      return { key: field.responseKey, projection: fieldRead(node, field, this) };
    });
    const entries = parts.map((p) => `${quoteKey(p.key)}: ${p.projection.cypher}`);
    if (extra) entries.unshift(extra);
    return {
      cypher: `{${entries.join(', ')}}`,
      decode: (value) => {
        if (value === null || value === undefined) return null;
        const raw = value as Record<string, unknown>;
        const decoded: Record<string | symbol, unknown> = { [COMPILED]: true, [TYPE]: type.name };
        for (const { key, projection } of parts) decoded[key] = projection.decode(raw[key]);
        return decoded;
      },
    };
  }

  /**
   * A list field's `first` argument (or `last`, counted from the end), when
   * it has one, checked (0..MAX_PAGE_SIZE); null when it has none.
   */
  countOf(field: SelectedField, argument: 'first' | 'last' = 'first'): number | null {
    const count = field.args[argument];
    return typeof count === 'number' ? assertInRange(count, 0, MAX_PAGE_SIZE, argument) : null;
  }

  /**
   * A list field's `first` argument as a LIMIT clause; a list without one
   * stops at MAX_PAGE_SIZE, so that no read grows with the graph.
   */
  limitOf(field: SelectedField): string {
    return `LIMIT ${this.param(this.countOf(field) ?? MAX_PAGE_SIZE)}`;
  }

  /**
   * A field that returns at most one entity: the first match of `pattern`
   * (which binds the variable it is given), by `order` when there are several.
   */
  one(pattern: (x: string) => string, field: SelectedField, order: (x: string) => string = (x) => `${x}.id`): Projection {
    const x = this.fresh('x');
    const inner = this.object(x, getNamedType(field.definition.type), field.nodes);
    return {
      cypher: `COLLECT { ${pattern(x)} WITH ${x} ORDER BY ${order(x)} LIMIT 1 RETURN ${inner.cypher} }[0]`,
      decode: inner.decode,
    };
  }

  /**
   * A field that returns a list of entities: the matches of `pattern`, by
   * `order` then id, at most `first` (see `limitOf`). Where the list's type
   * is filterable, its `where` narrows the matches and its `sort` replaces
   * `order` (ties still broken by id), as on a connection.
   */
  many(pattern: (x: string) => string, field: SelectedField, order: (x: string) => string = (x) => `${x}.id`): Projection {
    const type = getNamedType(field.definition.type);
    const spec = this.filters[type.name];
    const keys = spec ? sortKeys(type.name, spec, field.args.sort) : [];
    const by = keys.length
      ? (x: string) => `${orderByKeys(keys, x)}, ${x}.id`
      : (x: string) => (order(x) === `${x}.id` ? order(x) : `${order(x)}, ${x}.id`);
    const x = this.fresh('x');
    const filter = spec ? this.where.condition(type.name, field.args.where, { n: x }) : null;
    const inner = this.object(x, type, field.nodes);
    return {
      // A WITH's WHERE would apply after its ORDER BY and LIMIT: the filter takes a WITH of its own.
      cypher: `COLLECT { ${pattern(x)} WITH DISTINCT ${x}${filter === null ? '' : ` WHERE ${filter} WITH ${x}`} ORDER BY ${by(x)} ${this.limitOf(field)} RETURN ${inner.cypher} }`,
      decode: (value) => ((value as unknown[] | null) ?? []).map(inner.decode),
    };
  }

  /** Compiles a connection field over the candidates `read` defines. */
  connection(read: ConnectionRead, field: SelectedField): Projection {
    return compileConnection(this, read, field);
  }
}

/**
 * The default field resolver: a compiled object answers by response key
 * (its values are already decoded); any other value as graphql-js would.
 */
export const resolveCompiledField: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  if (source !== null && typeof source === 'object' && COMPILED in source) {
    return (source as Record<string, unknown>)[info.path.key as string];
  }
  return defaultFieldResolver(source, args, context, info);
};

/** `__resolveType` for a compiled entity. */
export const compiledType = (value: unknown): string | undefined =>
  value !== null && typeof value === 'object' ? ((value as Record<symbol, string>)[TYPE] ?? undefined) : undefined;
