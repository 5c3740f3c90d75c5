/**
 * What every domain's row check (src/<domain>/<domain>.write.ts) returns and
 * the checks rows of several domains share: a row's source, its aliases, a
 * park's or facility's city, and the parent link that the writer checks
 * against the graph (src/write/references.ts). The mutations and the import
 * share the checks, so a value that one accepts the other accepts too.
 */
import { Checker } from './validate.js';

type Raw = Record<string, unknown>;

/** A park's or facility's city: `cityGiven` false leaves it as it is; `cityId` null with `cityGiven` removes the link. */
export interface InCity {
  cityGiven: boolean;
  cityId: string | null;
}

/** A company's link to its parent (written after the company: src/company/company.write.ts). */
export interface ParentRow {
  company: string;
  parent: string;
  kind: string;
  sharePercent: number | null;
  source: string;
}

/** A reference to an entity that must exist (or be written in the same batch) with one of `types`. */
export interface Reference {
  field: string;
  id: string;
  types: readonly string[];
}

export interface Checked<R> {
  row: R | null;
  /** The id this row defines and the type it gives it. */
  defines: { field: string; id: string; type: string } | null;
  references: Reference[];
}

/** What an entity row's check returns: the row (null when any required part is missing), the id it defines as `type`, and the references it collects. */
export function entityChecked<R>(c: Checker, type: string, id: string | null, references: Reference[], row: R | null): Checked<R> {
  return { row, defines: id ? { field: c.path('id'), id, type } : null, references };
}

/**
 * An entity kind's check: reads the row's `id`, then `body` checks the rest,
 * collects the references and returns the row, or null when a required part
 * is missing (entityChecked).
 */
export function entityCheck<R>(type: string, body: (c: Checker, raw: Raw, id: string | null, references: Reference[]) => R | null): (c: Checker, raw: Raw) => Checked<R> {
  return (c, raw) => {
    const references: Reference[] = [];
    const id = c.id(raw, 'id');
    return entityChecked(c, type, id, references, body(c, raw, id, references));
  };
}

const aliasText = (aliases: string[]): string => aliases.map((a) => `${a} | `).join('');

/** Turns an aliases list into the stored pair (aliases, and aliasText for full-text search). */
function withAliases(props: Raw): Raw {
  if (!Array.isArray(props.aliases)) return props;
  return { ...props, aliasText: aliasText(props.aliases as string[]) };
}

/**
 * The given properties of a named entity (a company, a park): its name,
 * Chinese name and aliases (stored with their full-text twin), then those
 * `more` checks, in that order.
 */
export function namedProps(c: Checker, raw: Raw, more: () => Raw): Raw {
  return withAliases(
    Checker.given(raw, {
      ...c.names(raw),
      aliases: c.texts(raw, 'aliases'),
      ...more(),
    }),
  );
}

/** The source of an import row: the id of a source in the graph or in the same import. */
export function sourceId(c: Checker, raw: Raw, references: Reference[]): string | null {
  const id = c.id(raw, 'source');
  if (id) references.push({ field: c.path('source'), id, types: ['Source'] });
  return id;
}

/**
 * Checks `city` against the province and stores its canonical English name
 * in `props.city` (the string field clients read), returning the City link.
 */
export function inCity(c: Checker, raw: Raw, province: string | null, props: Raw): InCity {
  if (raw.city === undefined) return { cityGiven: false, cityId: null };
  const place = c.city(raw, 'city', province);
  props.city = place?.name ?? null;
  return { cityGiven: true, cityId: place?.id ?? null };
}
