/**
 * Where a connection's candidate match can start, so that it reads from an
 * index instead of testing the filter on every node of the label: the
 * values a top-level short form restricts a list to (the domain matches its
 * candidates from them), or a related node that a relationship filter names
 * by its key (the connection starts from it).
 */
import type { Compiler } from './compile.js';

/** The values a short form restricts a list to, and the top-level `where` keys that say so (the candidate match applies them). */
export interface Anchor<T> {
  values: T[];
  handles: string[];
}

const isSet = (value: unknown): boolean => value !== null && value !== undefined;

/**
 * The values `where` restricts short form `field` to: `{field: v}`, or an
 * `OR` whose every branch is `{field: v_i}` and nothing else (an analyst's
 * "in A or B"), as one list; null when `where` does not restrict the field
 * that way. `check` turns each raw value into the value to match (or throws
 * a user error naming the argument's path).
 */
export function shortFormAnchor<T>(
  where: Record<string, unknown> | null | undefined,
  field: string,
  check: (value: unknown, argument: string) => T,
): Anchor<T> | null {
  if (!where) return null;
  if (isSet(where[field])) return { values: [check(where[field], `where.${field}`)], handles: [field] };
  const branches = where.OR;
  if (!Array.isArray(branches) || branches.length === 0) return null;
  const only = (branch: unknown): boolean => {
    if (!isSet(branch)) return false;
    const keys = Object.entries(branch as Record<string, unknown>).filter(([, value]) => isSet(value));
    return keys.length === 1 && keys[0]![0] === field;
  };
  if (!branches.every(only)) return null;
  const values = branches.map((branch: Record<string, unknown>, i) => check(branch[field], `where.OR[${i}].${field}`));
  return { values: [...new Set(values)], handles: ['OR'] };
}

/** The entries of `where` that must all hold: its own and, through `AND`, its parts'. */
function conjuncts(where: unknown): [string, unknown][] {
  if (!isSet(where)) return [];
  return Object.entries(where as Record<string, unknown>)
    .filter(([, value]) => isSet(value))
    .flatMap(([key, value]): [string, unknown][] => (key === 'AND' && Array.isArray(value) ? value.flatMap(conjuncts) : [[key, value]]));
}

/**
 * A candidate match of `label` nodes `x` that starts from a related node's
 * index: when `where` requires `rel: { some: { key: { eq | in } } }` and an
 * index serves `key` on the related type (ScalarField.seek), the related
 * nodes are sought by that key and walked back to `x`. It binds every node
 * the filter can keep, possibly more than once (the whole `where` is still
 * applied to them); null when `where` names no related node that way.
 */
export function relationshipAnchor(c: Compiler, type: string, label: string, where: unknown, x: string): string | null {
  const spec = c.filters[type];
  if (!spec) return null;
  for (const [key, value] of conjuncts(where)) {
    const field = spec.relationships[key];
    const some = isSet(value) ? (value as Record<string, unknown>).some : undefined;
    // A participant's filter is over its link and embedded company; a derived field needs its way back.
    if (!field || field.bind || !isSet(some) || (field.derived && !field.reverse)) continue;
    const target = c.filters[field.type];
    for (const [name, operand] of conjuncts(some)) {
      const scalar = target?.scalars[name];
      const operators = operand as Record<string, unknown>;
      if (!scalar?.seek || operators.caseInsensitive === true) continue;
      // An empty `in` is refused when the filter itself is compiled.
      const values = isSet(operators.eq) ? [operators.eq] : Array.isArray(operators.in) && operators.in.length ? operators.in : null;
      if (values === null) continue;
      const y = c.fresh('y');
      const ofType = scalar.seek === field.type ? '' : ` AND ${y}:${field.type}`;
      const seek = `MATCH (${y}:${scalar.seek}) WHERE ${scalar.read({ n: y })} IN ${c.param(values)}${ofType}`;
      const walk = field.reverse ? field.reverse(y, x) : `MATCH ${field.pattern!(x, c.fresh('r'), y)} WHERE ${x}:${label}`;
      return `${seek}\n${walk}`;
    }
  }
  return null;
}
