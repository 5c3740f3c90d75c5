import provinces from '../../seed/reference/provinces.json' with { type: 'json' };
import { badUserInput } from '../errors.js';

/** The ISO 3166-2:CN codes of China's 34 provincial-level divisions. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(provinces.map((p) => p.code));

/** The id each division has in the graph, by its ISO 3166-2:CN code (CN-HB → hubei). */
export const PROVINCE_ID_BY_CODE: ReadonlyMap<string, string> = new Map(provinces.map((p) => [p.code, p.id]));

/** A Chinese name without the generic term that ends it: 湖北省 → 湖北, 广西壮族自治区 → 广西. */
const shortLocalName = (name: string): string => name.replace(/(壮族|回族|维吾尔)?自治区$|特别行政区$|省$|市$/, '');

/** Every way a filter may name a province, folded to lower case, to its code. */
const CODE_BY_NAME = new Map<string, string>(
  provinces.flatMap((p) => [p.code, p.name, p.localName, shortLocalName(p.localName)].map((name) => [name.toLowerCase(), p.code] as const)),
);

/**
 * The code of a province named in a filter by its ISO 3166-2:CN code, its
 * English name or its Chinese name (CN-HB, Hubei, 湖北, 湖北省). An unknown
 * name is a mistake the client should hear about, not an empty answer.
 */
export function provinceCode(name: string, argument: string): string {
  const code = CODE_BY_NAME.get(name.trim().toLowerCase());
  if (code) return code;
  throw badUserInput(
    `Unknown province "${name}": name it by its ISO 3166-2:CN code (CN-HB), English name (Hubei) or Chinese name (湖北 or 湖北省).`,
    { argument, value: name, allowed: [...PROVINCE_CODES].sort().join(', ') },
  );
}

/** Checks an ISO 3166-1 alpha-2 country code's form. */
export function countryCode(code: string, argument: string): string {
  if (/^[A-Z]{2}$/.test(code)) return code;
  throw badUserInput(`Invalid country code "${code}": use an ISO 3166-1 alpha-2 code such as DE or FR.`, {
    argument,
    value: code,
    allowed: 'two upper-case letters (ISO 3166-1 alpha-2)',
  });
}
