/**
 * Compiles a `where` argument into one Cypher predicate over a bound
 * variable. The grammar is @neo4j/graphql 7's (schema/filter.graphql):
 * `AND` / `OR` / `NOT`, scalar operators, relationship quantifiers
 * `some` / `none` / `all` / `single`, plus each domain's short forms.
 *
 * Logic is two-valued, as people read a filter: a condition on a missing
 * value is false and NOT of it is true. Cypher's own logic is three-valued,
 * so every NOT (and `all`, which is NOT EXISTS of a NOT) wraps its operand in
 * `coalesce(…, false)`; elsewhere a null acts as false already, because
 * Kleene AND/OR with null read as false give what false gives.
 *
 * This module knows no domain: each domain declares its `FilterSpec` beside
 * its read (src/<domain>/<domain>.cypher.ts), and src/read/registry.ts lists them.
 */
import { badUserInput } from '../errors.js';
import type { Compiler } from './compile.js';
import { FOLDED_TEXT, foldedName } from './foldedText.js';

/** How values of a scalar field compare: which operators it takes. */
export type ScalarKind = 'string' | 'number' | 'date' | 'enum';

/** The variables bound to the element being filtered: a node, and for a participant its relationship. */
export interface Bound {
  n: string;
  r?: string;
}

export interface ScalarField {
  kind: ScalarKind;
  read: (b: Bound) => string;
  /**
   * The stored property holding the value lower-cased (Cypher's toLower), which
   * every writer keeps beside it and a TEXT index serves: case-insensitive
   * matching reads it instead of lower-casing the field on every node.
   */
  folded?: string;
  /**
   * Every node has the value and a RANGE index serves it: a sort on it reads
   * the index in order (the compiler states that it IS NOT NULL, which holds
   * for every node and is what lets the planner use the index for order).
   */
  indexOrder?: boolean;
  /**
   * A RANGE index serves the value but some nodes lack it: a page sorted by
   * it reads the nodes that have it in index order, then the others (missing
   * values sort last either way), instead of sorting the whole set.
   */
  indexOrderWhenSet?: boolean;
  /**
   * The label whose index (a uniqueness constraint or RANGE index) serves
   * equality on the field: a relationship filter naming the related node by
   * it can start the candidate match from that node (src/read/relationshipAnchor.ts).
   */
  seek?: string;
}

export interface RelationshipField {
  /** The related type, by its name in the filter registry. */
  type: string;
  /** A MATCH pattern from `x` through relationship `r` to `y`. */
  pattern?: (x: string, r: string, y: string) => string;
  /**
   * For a relationship the graph derives rather than stores, in place of
   * `pattern`: the query that binds `y` to what the field reads (e.g. a
   * partnership's province, its own or else its parks'), so that the filter
   * agrees with the field.
   */
  derived?: (x: string, y: string, c: Compiler) => string;
  /**
   * For a derived relationship: a MATCH from a bound `y` back to every node
   * `x` (labelled) whose field may read `y`. It may bind more than the field
   * reads (the filter itself then decides), never fewer.
   */
  reverse?: (y: string, x: string) => string;
  /** What the related filter sees of one element; the node `y` unless set. */
  bind?: (r: string, y: string) => Bound;
}

/** Which fields of one type can be filtered (and, for scalars, sorted): declared by its domain. */
export interface FilterSpec {
  scalars: Record<string, ScalarField>;
  relationships: Record<string, RelationshipField>;
  /**
   * Fields that take another type's Where over the same element (a
   * participant's company; a pledger's member types, each with the `label`
   * the element must have).
   */
  embedded?: Record<string, { type: string; bind: (b: Bound) => Bound; label?: string }>;
  /** Plain-valued short forms: the domain compiles those of one Where object together (they may combine). */
  shortForms?: {
    fields: readonly string[];
    compile: (where: Record<string, unknown>, b: Bound, c: Compiler, path: string) => string[];
  };
}

export type FilterRegistry = Record<string, FilterSpec>;

/** A stored property of the node. */
export const stored = (kind: ScalarKind, name: string): ScalarField => ({ kind, read: (b) => `${b.n}.${name}` });

/** The text fields of `label` kept with a lower-cased twin (src/read/foldedText.ts), as filterable scalars. */
export const foldedScalars = (label: keyof typeof FOLDED_TEXT): Record<string, ScalarField> =>
  Object.fromEntries(FOLDED_TEXT[label].map((name) => [name, { ...stored('string', name), folded: foldedName(name) }]));

/** `field`, sortable in index order (see ScalarField.indexOrder). */
export const inIndexOrder = (field: ScalarField): ScalarField => ({ ...field, indexOrder: true });

/** `field`, sortable in index order where it is set (see ScalarField.indexOrderWhenSet). */
export const inIndexOrderWhenSet = (field: ScalarField): ScalarField => ({ ...field, indexOrderWhenSet: true });

/** `field`, whose equality an index on `label` serves (see ScalarField.seek). */
export const keyed = (field: ScalarField, label: string): ScalarField => ({ ...field, seek: label });

/**
 * Stored properties, each named as its field. An `id` is every entity's key,
 * unique on the Entity label (migration 1).
 */
export const storedScalars = (fields: Record<string, ScalarKind>): Record<string, ScalarField> =>
  Object.fromEntries(Object.entries(fields).map(([field, kind]) => [field, field === 'id' ? keyed(stored(kind, field), 'Entity') : stored(kind, field)]));

/** A relationship of type `relType` to a node labelled `label`, outgoing (`->`) or incoming (`<-`). */
export const related = (relType: string, direction: '->' | '<-', label: string): RelationshipField => ({
  type: label,
  pattern: (x, r, y) => (direction === '->' ? `(${x})-[${r}:${relType}]->(${y}:${label})` : `(${x})<-[${r}:${relType}]-(${y}:${label})`),
});

/** Quantifiers nested deeper than this are refused: each level multiplies what a filter may walk. */
export const MAX_QUANTIFIER_DEPTH = 3;

const QUANTIFIERS = ['some', 'none', 'all', 'single'] as const;
const COMPARISONS: Record<string, string> = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' };
const TEXT_MATCHES: Record<string, string> = { contains: 'CONTAINS', startsWith: 'STARTS WITH', endsWith: 'ENDS WITH' };
const OPERATORS: Record<ScalarKind, readonly string[]> = {
  string: ['eq', 'in', 'contains', 'startsWith', 'endsWith', 'caseInsensitive'],
  number: ['eq', 'in', 'lt', 'lte', 'gt', 'gte'],
  date: ['eq', 'in', 'lt', 'lte', 'gt', 'gte'],
  enum: ['eq', 'in'],
};

const isSet = (value: unknown): boolean => value !== null && value !== undefined;
const and = (conditions: string[]): string | null => (conditions.length ? conditions.map((x) => `(${x})`).join(' AND ') : null);

/** Compiles the where of a filter context: the type's specs, the compiler for parameters and names. */
export class WhereCompiler {
  constructor(
    private readonly c: Compiler,
    private readonly specs: FilterRegistry,
  ) {}

  private spec(type: string): FilterSpec {
    const spec = this.specs[type];
    if (!spec) throw new Error(`No filter is defined for type ${type}`);
    return spec;
  }

  /**
   * The predicate `where` (of type `type`'s Where) puts on `b`, or null when
   * it puts none. `skip` names top-level fields the caller applies itself
   * (short forms that a connection's candidate match already serves).
   */
  condition(type: string, where: unknown, b: Bound, path = 'where', depth = 0, skip: readonly string[] = []): string | null {
    if (!isSet(where)) return null;
    const spec = this.spec(type);
    const entries = Object.entries(where as Record<string, unknown>).filter(([key, value]) => isSet(value) && !skip.includes(key));
    const conditions: string[] = [];
    const shortForms: Record<string, unknown> = {};
    for (const [key, value] of entries) {
      const at = `${path}.${key}`;
      if (key === 'AND') {
        const parts = (value as unknown[]).map((w, i) => this.condition(type, w, b, `${at}[${i}]`, depth));
        const all = and(parts.filter((p): p is string => p !== null));
        if (all) conditions.push(all);
      } else if (key === 'OR') {
        const parts = (value as unknown[]).map((w, i) => this.condition(type, w, b, `${at}[${i}]`, depth));
        // An empty branch holds for everything, so the OR does too; no branch at all holds for nothing.
        if (!parts.includes(null)) conditions.push(parts.length ? parts.map((p) => `(${p})`).join(' OR ') : 'false');
      } else if (key === 'NOT') {
        const inner = this.condition(type, value, b, at, depth);
        conditions.push(inner === null ? 'false' : `NOT coalesce(${inner}, false)`);
      } else if (spec.shortForms?.fields.includes(key)) {
        shortForms[key] = value;
      } else if (spec.scalars[key]) {
        conditions.push(...this.scalar(spec.scalars[key], value as Record<string, unknown>, b, at));
      } else if (spec.relationships[key]) {
        conditions.push(...this.quantifiers(spec.relationships[key], value as Record<string, unknown>, b, at, depth));
      } else if (spec.embedded?.[key]) {
        const embedded = spec.embedded[key];
        const bound = embedded.bind(b);
        const inner = this.condition(embedded.type, value, bound, at, depth);
        const label = embedded.label ? `${bound.n}:${embedded.label}` : null;
        if (label !== null || inner !== null) conditions.push([label, inner].filter((x) => x !== null).join(' AND '));
      } else {
        throw new Error(`No filter is defined for ${type}.${key}`);
      }
    }
    if (Object.keys(shortForms).length) conditions.push(...spec.shortForms!.compile(shortForms, b, this.c, path));
    return and(conditions);
  }

  private scalar(field: ScalarField, operators: Record<string, unknown>, b: Bound, path: string): string[] {
    const insensitive = field.kind === 'string' && operators.caseInsensitive === true;
    const value = insensitive ? (field.folded ? `${b.n}.${field.folded}` : `toLower(${field.read(b)})`) : field.read(b);
    const fold = (v: unknown): unknown => (insensitive && typeof v === 'string' ? v.toLowerCase() : v);
    const conditions: string[] = [];
    for (const [operator, operand] of Object.entries(operators)) {
      if (operator === 'caseInsensitive' || !isSet(operand)) continue;
      if (!OPERATORS[field.kind].includes(operator)) throw new Error(`Operator ${operator} is not defined for ${field.kind} fields`);
      if (operator === 'in') {
        const list = operand as unknown[];
        if (list.length === 0) {
          throw badUserInput(`"${path}.in" is empty: give at least one value, or leave "in" out to put no condition on the field.`, {
            argument: `${path}.in`,
            value: list,
            allowed: 'a list of one or more values',
          });
        }
        conditions.push(`${value} IN ${this.c.param(list.map(fold))}`);
      } else if (COMPARISONS[operator]) {
        conditions.push(`${value} ${COMPARISONS[operator]} ${this.c.param(fold(operand))}`);
      } else {
        conditions.push(`${value} ${TEXT_MATCHES[operator]} ${this.c.param(fold(operand))}`);
      }
    }
    return conditions;
  }

  private quantifiers(field: RelationshipField, quantifiers: Record<string, unknown>, b: Bound, path: string, depth: number): string[] {
    const conditions: string[] = [];
    for (const quantifier of QUANTIFIERS) {
      const where = quantifiers[quantifier];
      if (!isSet(where)) continue;
      const at = `${path}.${quantifier}`;
      if (depth + 1 > MAX_QUANTIFIER_DEPTH) {
        throw badUserInput(
          `"${at}" nests relationship filters ${depth + 1} deep: at most ${MAX_QUANTIFIER_DEPTH} levels of some/none/all/single may be nested.`,
          { argument: at, value: depth + 1, allowed: `1..${MAX_QUANTIFIER_DEPTH} nested relationship filters` },
        );
      }
      const r = this.c.fresh('r');
      const y = this.c.fresh('y');
      const element = field.bind ? field.bind(r, y) : { n: y };
      const inner = this.condition(field.type, where, element, at, depth + 1);
      // A derived relationship reads as its field does; a stored one only where it and its end are current.
      const [head, current] = field.derived
        ? [`${field.derived(b.n, y, this.c)} WITH ${y}`, null]
        : [`MATCH ${field.pattern!(b.n, r, y)}`, `${r}.retiredOn IS NULL AND ${y}.retiredOn IS NULL`];
      const clause = (condition: string | null) => {
        const all = [current, condition].filter((x) => x !== null);
        return all.length ? `${head} WHERE ${all.join(' AND ')}` : head;
      };
      const matching = clause(inner);
      switch (quantifier) {
        case 'some':
          conditions.push(`EXISTS { ${matching} }`);
          break;
        case 'none':
          conditions.push(`NOT EXISTS { ${matching} }`);
          break;
        case 'all':
          if (inner !== null) conditions.push(`NOT EXISTS { ${clause(`NOT coalesce(${inner}, false)`)} }`);
          break;
        case 'single':
          // A participant is its relationship; any other element is the related node, counted once.
          conditions.push(`COUNT { ${matching} RETURN DISTINCT ${field.bind ? r : y} } = 1`);
          break;
      }
    }
    return conditions;
  }
}
