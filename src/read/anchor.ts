/**
 * Where a connection's candidate match can start: the values a top-level
 * short form restricts a list to, so that a domain matches its candidates
 * from those values through an index instead of testing the short form on
 * every node of the label.
 */

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
