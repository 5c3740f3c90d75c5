/**
 * Turns values from neo4j-driver into plain JSON-like objects. The driver is
 * created with `disableLosslessIntegers`, so integers already arrive as
 * numbers; temporal values and nested maps still need converting.
 */
import neo4j from 'neo4j-driver';

export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  // Cypher maps arrive as plain objects: the common case, checked first.
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
    if (
      neo4j.isDate(value) ||
      neo4j.isDateTime(value) ||
      neo4j.isLocalDateTime(value) ||
      neo4j.isTime(value) ||
      neo4j.isLocalTime(value) ||
      neo4j.isDuration(value)
    ) {
      return String(value);
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = toPlain((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * Prepares parameters for Cypher: JavaScript has one number type, so whole
 * numbers are sent as Cypher integers (LIMIT, list slices and years need
 * them) and everything else as it is.
 */
export function toParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toParams);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[key] = toParams(inner);
    return out;
  }
  return value;
}
