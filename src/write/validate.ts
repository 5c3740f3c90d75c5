/**
 * Field-level validation shared by the mutations and the bulk import. Pure:
 * it checks the form of every value and collects every problem with the
 * path of the field (`input.participants[1].company` for a mutation,
 * `participants[1].company` for an import row). Whether referenced ids exist
 * is checked against the database in references.ts.
 */
import { MAX_YEAR, MIN_YEAR } from '../scalars.js';
import { citiesAllowedIn, findCitiesElsewhere, findCityInProvince, type CityPlace } from '../city/cityCodes.js';
import { PROVINCE_CODES } from '../province/provinceCodes.js';
import { isPartialDate } from '../scalars.js';
import { enumValues } from '../typeDefs.js';

/** The project's id format: a lowercase slug, e.g. `schneider-electric`. */
export const ID_FORMAT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_ID_LENGTH = 100;
export const MAX_NAME_LENGTH = 300;
export const MAX_TEXT_LENGTH = 5000;
export const MAX_LIST_LENGTH = 200;

export interface Problem {
  /** Path of the field, e.g. `input.participants[1].company`. */
  field: string;
  message: string;
}

type Raw = Record<string, unknown>;

/**
 * Characters no stored text may hold, because they hide or disguise what a
 * reader sees, or break the files text is exported to: C0 and C1 control
 * characters and DEL (a line feed and a tab are allowed in long text only),
 * the bidirectional embedding, override and isolate controls of Unicode's
 * bidi algorithm (UAX #9: U+202A–U+202E, U+2066–U+2069), and what XML 1.0
 * (GraphML) cannot hold: lone surrogates and the noncharacters U+FFFE, U+FFFF.
 */
// eslint-disable-next-line no-control-regex
const REFUSED_IN_TEXT = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ALLOWED_IN_LONG_TEXT = new Set(['\n', '\t']);
/** The same characters, for one quick test: nearly every text holds none, and then nothing is allocated. */
const HAS_REFUSED = new RegExp(REFUSED_IN_TEXT.source);

/** What kind of refused character `char` is, for the message. */
function refusedKind(char: string): string {
  const code = char.charCodeAt(0);
  if (code >= 0x202a && code <= 0x2069) return 'a bidirectional formatting character';
  if (code >= 0xd800 && code <= 0xdfff) return 'half of a surrogate pair';
  if (code >= 0xfffe) return 'a noncharacter';
  return 'a control character';
}

/** `U+202E`: a code unit as Unicode writes it. */
export const codePoint = (char: string): string => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character of `text` that text may not hold, and where; null when there is none. */
export function findRefusedCharacter(text: string, multiline: boolean): { char: string; index: number } | null {
  if (!HAS_REFUSED.test(text)) return null;
  for (const match of text.matchAll(REFUSED_IN_TEXT)) {
    if (!(multiline && ALLOWED_IN_LONG_TEXT.has(match[0]))) return { char: match[0], index: match.index };
  }
  return null;
}

/** Collects problems; every check returns the cleaned value (or null). */
export class Checker {
  readonly problems: Problem[] = [];

  constructor(private readonly prefix: string) {}

  path(field: string): string {
    return this.prefix ? `${this.prefix}.${field}` : field;
  }

  /** Records a problem; only the first one per field, which is the one that says most. */
  fail(field: string, message: string): null {
    const path = this.path(field);
    if (!this.problems.some((p) => p.field === path)) this.problems.push({ field: path, message });
    return null;
  }

  private present(raw: Raw, field: string, required: boolean): unknown {
    const value = raw[field];
    if (value === undefined || value === null || value === '') {
      if (required) this.fail(field, `"${field}" is required.`);
      return null;
    }
    return value;
  }

  /** An id in the project's format: lowercase slug, at most 100 characters. */
  id(raw: Raw, field: string, required = true): string | null {
    const value = this.present(raw, field, required);
    if (value === null) return null;
    return this.idValue(field, value);
  }

  idValue(field: string, value: unknown): string | null {
    if (typeof value !== 'string' || !ID_FORMAT.test(value) || value.length > MAX_ID_LENGTH) {
      return this.fail(
        field,
        `"${field}" must be an id: lowercase letters, digits and single hyphens, such as "schneider-electric", at most ${MAX_ID_LENGTH} characters, but got ${JSON.stringify(value)}.`,
      );
    }
    return value;
  }

  /**
   * One line of text (a name, a title, a city), at most `max` characters,
   * trimmed; control and bidirectional formatting characters are refused.
   */
  text(raw: Raw, field: string, options: { required?: boolean; max?: number; multiline?: boolean } = {}): string | null {
    const max = options.max ?? MAX_NAME_LENGTH;
    const value = this.present(raw, field, options.required ?? false);
    if (value === null) return null;
    if (typeof value !== 'string') return this.fail(field, `"${field}" must be text.`);
    // Line breaks are kept as \n whatever system the text was typed on.
    const trimmed = (options.multiline ? value.replace(/\r\n?/g, '\n') : value).trim();
    if (!trimmed) return options.required ? this.fail(field, `"${field}" must not be blank.`) : null;
    if (trimmed.length > max) return this.fail(field, `"${field}" must be at most ${max} characters, but has ${trimmed.length}.`);
    const refused = findRefusedCharacter(trimmed, options.multiline ?? false);
    if (refused) {
      const allowed = options.multiline
        ? 'Line feeds and tabs are the only control characters allowed here'
        : 'It must be one line of text without control characters';
      return this.fail(
        field,
        `"${field}" must not contain ${codePoint(refused.char)} (${refusedKind(refused.char)}), found at character ${refused.index + 1}. ${allowed}; bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) are refused everywhere.`,
      );
    }
    return trimmed;
  }

  /** Long text (a description, a statement, a note): up to 5,000 characters, line feeds and tabs allowed. */
  longText(raw: Raw, field: string): string | null {
    return this.text(raw, field, { max: MAX_TEXT_LENGTH, multiline: true });
  }

  /** A list of at most MAX_LIST_LENGTH `what`, each checked by `item` at its own path (`field[i]`); what it refuses is left out. */
  private listOf<T>(raw: Raw, field: string, what: string, item: (value: unknown, path: string) => T | null): T[] | null {
    const value = raw[field];
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value)) return this.fail(field, `"${field}" must be a list of ${what}.`);
    if (value.length > MAX_LIST_LENGTH) return this.fail(field, `"${field}" may have at most ${MAX_LIST_LENGTH} entries.`);
    return value.map((v, i) => item(v, `${field}[${i}]`)).filter((x): x is T => x !== null);
  }

  texts(raw: Raw, field: string, max = MAX_NAME_LENGTH): string[] | null {
    return this.listOf(raw, field, 'texts', (value, path) => this.text({ [path]: value }, path, { required: true, max }));
  }

  /** A list of ids, each once. */
  ids(raw: Raw, field: string): string[] | null {
    const ids = this.listOf(raw, field, 'ids', (value, path) => this.idValue(path, value));
    return ids && [...new Set(ids)];
  }


  /** A value of the enum `name` of schema/*.graphql (the one place its values are stated). */
  enumValue(raw: Raw, field: string, name: string, required = false): string | null {
    const value = this.present(raw, field, required);
    if (value === null) return null;
    const allowed = enumValues(name);
    if (typeof value !== 'string' || !allowed.includes(value)) {
      return this.fail(field, `"${field}" must be one of ${allowed.join(', ')}, but got ${JSON.stringify(value)}.`);
    }
    return value;
  }

  year(raw: Raw, field: string, required = false): number | null {
    const value = this.present(raw, field, required);
    if (value === null) return null;
    const year = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      return this.fail(field, `"${field}" must be a year from ${MIN_YEAR} to ${MAX_YEAR}, but got ${JSON.stringify(value)}.`);
    }
    return year;
  }

  partialDate(raw: Raw, field: string, required = false): string | null {
    const value = this.present(raw, field, required);
    if (value === null) return null;
    if (typeof value !== 'string' || !isPartialDate(value)) {
      return this.fail(field, `"${field}" must be a date "YYYY", "YYYY-MM" or "YYYY-MM-DD", but got ${JSON.stringify(value)}.`);
    }
    const year = Number(value.slice(0, 4));
    if (year < MIN_YEAR || year > MAX_YEAR) {
      return this.fail(field, `"${field}" must fall in the years ${MIN_YEAR} to ${MAX_YEAR}, but got ${value}.`);
    }
    return value;
  }

  /** An ISO 3166-2:CN code of one of China's 34 provincial-level divisions. */
  province(raw: Raw, field: string, required = false): string | null {
    const value = this.present(raw, field, required);
    if (value === null) return null;
    if (typeof value !== 'string' || !PROVINCE_CODES.has(value)) {
      return this.fail(field, `"${field}" must be an ISO 3166-2:CN province code such as CN-HB (Hubei), but got ${JSON.stringify(value)}.`);
    }
    return value;
  }

  /**
   * A prefecture-level city within `province`, named by its English or
   * Chinese name or its GB/T 2260 code. Null when not given, or when the
   * province is unknown (that is reported on its own field).
   */
  city(raw: Raw, field: string, province: string | null): CityPlace | null {
    const text = this.text(raw, field);
    if (text === null || province === null) return null;
    const place = findCityInProvince(province, text);
    if (place) return place;
    const elsewhere = findCitiesElsewhere(province, text).map((c) => `${c.name} (${c.localName}) is in ${c.province}`);
    return this.fail(
      field,
      `"${field}" must be a prefecture-level city in ${province}, but got ${JSON.stringify(text)}` +
        `${elsewhere.length ? ` (${elsewhere.join('; ')})` : ''}. Allowed: ${citiesAllowedIn(province)}.`,
    );
  }

  /** The form of an ISO 3166-1 alpha-2 code; whether the country is in the graph is checked in references.ts. */
  country(raw: Raw, field: string, required = false): string | null {
    const value = this.present(raw, field, required);
    if (value === null) return null;
    if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value)) {
      return this.fail(field, `"${field}" must be an ISO 3166-1 alpha-2 country code such as DE, but got ${JSON.stringify(value)}.`);
    }
    return value;
  }

  percent(raw: Raw, field: string): number | null {
    const value = this.present(raw, field, false);
    if (value === null) return null;
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 100) {
      return this.fail(field, `"${field}" must be a share from 0 to 100, but got ${JSON.stringify(value)}.`);
    }
    return n;
  }

  url(raw: Raw, field: string): string | null {
    const value = this.text(raw, field, { max: 2000 });
    if (value === null) return null;
    if (!/^https?:\/\/\S+$/.test(value)) return this.fail(field, `"${field}" must be an http(s) URL, but got ${JSON.stringify(value)}.`);
    return value;
  }

  language(raw: Raw, field: string): string | null {
    const value = this.present(raw, field, false);
    if (value === null) return null;
    if (typeof value !== 'string' || !/^[a-z]{2}$/.test(value)) {
      return this.fail(field, `"${field}" must be an ISO 639-1 language code such as en or zh, but got ${JSON.stringify(value)}.`);
    }
    return value;
  }

  /** A name (required) and a name in the local language: what every named entity is given. */
  names(raw: Raw): { name: string | null; localName: string | null } {
    return { name: this.text(raw, 'name', { required: true }), localName: this.text(raw, 'localName') };
  }

  /** The names and the required kind (a value of the SDL enum `kindEnum`) of an entity that is one of several kinds: a province, city, facility or program. */
  namedKind(raw: Raw, kindEnum: string): { name: string | null; localName: string | null; kind: string | null } {
    return { ...this.names(raw), kind: this.enumValue(raw, 'kind', kindEnum, true) };
  }

  /** A list of objects, refused whole when any entry is not one. */
  list(raw: Raw, field: string): Raw[] | null {
    const value = raw[field];
    if (Array.isArray(value) && value.some((x) => !x || typeof x !== 'object')) return this.fail(field, `"${field}" must be a list of objects.`);
    return this.listOf(raw, field, 'objects', (x) => x as Raw);
  }

  /** Only the keys that were given: an upsert leaves fields it was not given as they are. */
  static given<T extends Raw>(raw: Raw, values: T): Partial<T> {
    const out: Raw = {};
    for (const [key, value] of Object.entries(values)) if (raw[key] !== undefined) out[key] = value;
    return out as Partial<T>;
  }
}

/**
 * Would linking `company` to `parent` close a cycle? `parents` maps each
 * company to its current parent. Walks up from the parent; reaching the
 * company (or a loop) means yes.
 */
export function closesCycle(parents: ReadonlyMap<string, string>, company: string, parent: string): boolean {
  const seen = new Set<string>();
  for (let at: string | undefined = parent; at !== undefined; at = parents.get(at)) {
    if (at === company) return true;
    if (seen.has(at)) return false;
    seen.add(at);
  }
  return false;
}
