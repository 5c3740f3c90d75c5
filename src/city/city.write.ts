/**
 * How China's prefecture-level cities are written: checked from an import
 * record or the seed's reference list, each citing one source per write. A
 * city is one of the NBS list's (seed/reference/cities.json) under the id
 * and province the list gives it, since the write checks of parks and
 * facilities place them in a city by that list; it is part of its province.
 */
import { PROVINCE_ID_BY_CODE } from '../province/provinceCodes.js';
import { partOf, type ReferenceRow } from '../province/province.write.js';
import { entityCheck, sourceId } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { upsert } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';
import { CITIES } from './cityCodes.js';

export interface CityRow extends ReferenceRow {
  /** The ISO 3166-2:CN code of its province. */
  province: string;
}

const listed = new Map(CITIES.map((city) => [city.id, city]));

export const checkCity = entityCheck<CityRow>('City', (c, raw, id, references) => {
  const province = c.province(raw, 'province', true);
  const props = Checker.given(raw, {
    code: c.text(raw, 'code', { required: true }),
    ...c.namedKind(raw, 'CityKind'),
  });
  const city = id ? listed.get(id) : undefined;
  if (id && !city) c.fail('id', `"id" must be the id of a prefecture-level city of the NBS list (seed/reference/cities.json), such as "shenyang-210100", but got ${JSON.stringify(id)}.`);
  const sound = city && city.code === props.code && city.province === province;
  if (city && !sound) c.fail('id', `${id} is ${city.code} in ${city.province} (seed/reference/cities.json), but the record gives ${String(props.code)} in ${String(province)}.`);
  if (province) references.push({ field: c.path('province'), id: PROVINCE_ID_BY_CODE.get(province)!, types: ['Province'] });
  const source = sourceId(c, raw, references);
  return id && sound && province && props.name && props.kind && source ? { id, props, province, source } : null;
});

export const cityWrite = {
  check: checkCity,
  columns: ['id', 'code', 'name', 'localName', 'kind', 'province', 'source', 'quote'],
  rows: [{ kind: 'cities', cypher: `${upsert('City')}${partOf('(t:Province {code: s.province})')}` }],
} as const satisfies DomainWrite<CityRow>;
