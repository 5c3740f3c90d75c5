import provinces from '../../seed/reference/provinces.json' with { type: 'json' };
import { badUserInput } from '../errors.js';

/** The ISO 3166-2:CN codes of China's 34 provincial-level divisions. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(provinces.map((p) => p.code));

/**
 * Checks a province code given in a filter: an unknown code is a mistake the
 * client should hear about, not an empty answer.
 */
export function assertProvinceCode(code: string, argument: string): string {
  if (PROVINCE_CODES.has(code)) return code;
  throw badUserInput(
    `Unknown province code "${code}": use an ISO 3166-2:CN code such as CN-HB (Hubei) or CN-LN (Liaoning).`,
    { argument, value: code, allowed: [...PROVINCE_CODES].sort().join(', ') },
  );
}

/** Checks an ISO 3166-1 alpha-2 country code's form. */
export function assertCountryCode(code: string, argument: string): string {
  if (/^[A-Z]{2}$/.test(code)) return code;
  throw badUserInput(`Invalid country code "${code}": use an ISO 3166-1 alpha-2 code such as DE or FR.`, {
    argument,
    value: code,
    allowed: 'two upper-case letters (ISO 3166-1 alpha-2)',
  });
}
