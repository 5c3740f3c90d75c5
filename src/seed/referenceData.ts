/**
 * The reference data the model's facts point at: countries (ISO 3166-1),
 * China's provincial-level divisions (ISO 3166-2:CN, names from the Ministry
 * of Civil Affairs) and its prefecture-level cities (the NBS 2023 division
 * codes), as seed/reference/ lists them, and the sources each list cites.
 * The seed writes them through the writer like any other record
 * (src/province/province.write.ts, src/city/city.write.ts; seedPlan.ts).
 */
import type { CityRecord } from '../city/cityCodes.js';
import type { ReferenceKind } from '../domains.js';

export interface Country {
  code: string;
  name: string;
  localName: string | null;
}
export interface Province {
  id: string;
  code: string;
  name: string;
  localName: string;
  kind: string;
}

export interface ReferenceData {
  countries: Country[];
  provinces: Province[];
  cities: CityRecord[];
}

/** The sources of the reference lists (seed/reference/sources.json), in the order every node of a list cites them. */
export const REFERENCE_SOURCES: Readonly<Record<ReferenceKind, readonly string[]>> = {
  countries: ['iso-3166-1'],
  provinces: ['iso-3166-2-cn', 'mca-administrative-divisions'],
  cities: ['nbs-statistical-division-codes-2023'],
};
