/** The kinds of China's prefecture-level divisions, named by the generic term that ends each Chinese name. */
export type CityKind = 'CITY' | 'PREFECTURE' | 'LEAGUE' | 'AUTONOMOUS_PREFECTURE';

/** Generic terms of prefecture-level divisions, longest first, and the kind each names. */
const GENERIC_TERMS: [string, CityKind][] = [
  ['自治州', 'AUTONOMOUS_PREFECTURE'],
  ['地区', 'PREFECTURE'],
  ['盟', 'LEAGUE'],
  ['市', 'CITY'],
];

/** Splits a Chinese division name into its proper name, generic term and kind; null when it names no prefecture-level division. */
export function splitDivisionName(localName: string): { proper: string; generic: string; kind: CityKind } | null {
  for (const [generic, kind] of GENERIC_TERMS) {
    if (localName.endsWith(generic) && localName.length > generic.length) {
      return { proper: localName.slice(0, -generic.length), generic, kind };
    }
  }
  return null;
}
