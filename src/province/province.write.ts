/**
 * How countries and China's provincial-level divisions are written: checked
 * from an import record or the seed's reference list (seed/reference/), each
 * citing one source per write, as every other row does. A province is one
 * of the 34 ISO 3166-2:CN divisions, under the id its list gives it (the
 * write checks of parks and facilities read that list), and part of China.
 */
import { PROVINCE_ID_BY_CODE } from './provinceCodes.js';
import { entityCheck, sourceId, type Checked, type Reference } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { mergeCited, upsert } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

type Raw = Record<string, unknown>;

export interface ReferenceRow {
  id: string;
  props: Raw;
  source: string;
}

/** The country every province (and through it every city) is part of. */
export const CHINA = 'CN';

/** `n` is part of `target` (China, a province), citing the row's source as every link the writer states does. */
export const partOf = (target: string) => `
WITH n, s
MATCH ${target}
${mergeCited('(n)-[r:PART_OF]->(t)')}`;

export function checkCountry(c: Checker, raw: Raw): Checked<ReferenceRow> {
  const references: Reference[] = [];
  const code = c.country(raw, 'code', true);
  const props = Checker.given(raw, { code, ...c.names(raw) });
  const source = sourceId(c, raw, references);
  return {
    // A country's id is its code, as the graph has always stored it.
    row: code && props.name && source ? { id: code, props, source } : null,
    defines: code ? { field: c.path('code'), id: code, type: 'Country' } : null,
    references,
  };
}

export const checkProvince = entityCheck<ReferenceRow>('Province', (c, raw, id, references) => {
  const code = c.province(raw, 'code', true);
  if (id && code && PROVINCE_ID_BY_CODE.get(code) !== id) c.fail('id', `"id" of ${code} must be "${PROVINCE_ID_BY_CODE.get(code)}" (seed/reference/provinces.json), but got ${JSON.stringify(id)}.`);
  const props = {
    ...Checker.given(raw, {
      code,
      ...c.namedKind(raw, 'ProvinceKind'),
    }),
    // The full-text index finds a province by its code too.
    aliasText: code,
  };
  if (id) references.push({ field: c.path('code'), id: CHINA, types: ['Country'] });
  const source = sourceId(c, raw, references);
  const ok = id && code && PROVINCE_ID_BY_CODE.get(code) === id && props.name && props.kind && source;
  return ok ? { id, props, source } : null;
});

export const countryWrite = {
  check: checkCountry,
  columns: ['code', 'name', 'localName', 'source', 'quote'],
  rows: [{ kind: 'countries', cypher: upsert('Country') }],
} as const satisfies DomainWrite<ReferenceRow>;

export const provinceWrite = {
  check: checkProvince,
  columns: ['id', 'code', 'name', 'localName', 'kind', 'source', 'quote'],
  rows: [{ kind: 'provinces', cypher: `${upsert('Province')}${partOf(`(t:Entity {id: '${CHINA}'}) WHERE t:Country`)}` }],
} as const satisfies DomainWrite<ReferenceRow>;
