/**
 * Text fields that case-insensitive filters match through a stored
 * lower-cased twin (`<field>Folded`, Cypher's toLower of the field) and a
 * TEXT index on it (migration 11), instead of lower-casing the field on
 * every node of the label.
 *
 * Listed here, in a module that imports nothing, because both sides need it
 * while modules load: the domains' filter specs (`foldedScalars`) and the
 * writers (`setFoldedTwins`: src/write/write.cypher.ts, src/synthetic/),
 * whose statements are built at load time.
 */
export const FOLDED_TEXT = {
  Company: ['name', 'sector'],
  Park: ['name'],
  Partnership: ['title'],
} as const satisfies Record<string, readonly string[]>;

/** The property that keeps `field` lower-cased. */
export const foldedName = (field: string): string => `${field}Folded`;

/**
 * The SET clause that refreshes the lower-cased twins of a node `n` labelled
 * `label` after a write, or '' when the label has none. Every writer of such
 * a node runs it, so a twin never lags its field.
 */
export function setFoldedTwins(label: string, n: string): string {
  const fields: readonly string[] = (FOLDED_TEXT as Record<string, readonly string[]>)[label] ?? [];
  return fields.length ? `SET ${fields.map((f) => `${n}.${foldedName(f)} = toLower(${n}.${f})`).join(', ')}` : '';
}
