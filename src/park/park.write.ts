/** How parks are written: checked from a mutation's input or an import record, in a province and possibly a city. */
import { listCell } from '../import/csvCells.js';
import { entityChecked, inCity, namedProps, sourceId, type Checked, type InCity, type Reference } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { cityLink, provinceLink, upsert } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

type Raw = Record<string, unknown>;

export interface ParkRow extends InCity {
  id: string;
  props: Raw;
  province: string;
  source: string;
}

export function checkPark(c: Checker, raw: Raw): Checked<ParkRow> {
  const references: Reference[] = [];
  const id = c.id(raw, 'id');
  const props = namedProps(c, raw, () => ({ status: c.enumValue(raw, 'status', 'ParkStatus') }));
  const province = c.province(raw, 'province', true);
  const city = inCity(c, raw, province, props);
  const source = sourceId(c, raw, references);
  return entityChecked(c, 'Park', id, references, id && props.name && province && source ? { id, props, province, ...city, source } : null);
}

export const parkWrite = {
  check: checkPark,
  columns: ['id', 'name', 'localName', 'aliases', 'status', 'city', 'province', 'source', 'quote'],
  cells: { aliases: listCell },
  rows: [{ kind: 'parks', cypher: `${upsert('Park')}
${provinceLink}
${cityLink}`, touches: (row: ParkRow) => row.id }],
} as const satisfies DomainWrite<ParkRow>;
