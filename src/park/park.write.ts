/** How parks are written: checked from a mutation's input or an import record, in a province and possibly a city. */
import { listCell } from '../import/csvCells.js';
import { entityCheck, inCity, namedProps, sourceId, type InCity } from '../write/rows.js';
import { cityLink, provinceLink, upsert } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

type Raw = Record<string, unknown>;

export interface ParkRow extends InCity {
  id: string;
  props: Raw;
  province: string;
  source: string;
}

export const checkPark = entityCheck<ParkRow>('Park', (c, raw, id, references) => {
  const props = namedProps(c, raw, () => ({ status: c.enumValue(raw, 'status', 'ParkStatus') }));
  const province = c.province(raw, 'province', true);
  const city = inCity(c, raw, province, props);
  const source = sourceId(c, raw, references);
  return id && props.name && province && source ? { id, props, province, ...city, source } : null;
});

export const parkWrite = {
  check: checkPark,
  columns: ['id', 'name', 'localName', 'aliases', 'status', 'city', 'province', 'source', 'quote'],
  cells: { aliases: listCell },
  rows: [{ kind: 'parks', cypher: `${upsert('Park')}
${provinceLink}
${cityLink}`, touches: (row: ParkRow) => row.id }],
} as const satisfies DomainWrite<ParkRow>;
