/**
 * How facilities are written: the check that turns a mutation's input or an
 * import record into a row, the import's columns, and the write Cypher.
 */
import { entityCheck, inCity, sourceId, type InCity } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { cityLink, provinceLink, singleLink, upsert } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';
import { listCell } from '../import/csvCells.js';

type Raw = Record<string, unknown>;

export interface FacilityRow extends InCity {
  id: string;
  props: Raw;
  province: string;
  park: string | null;
  operator: string | null;
  source: string;
}

export const checkFacility = entityCheck<FacilityRow>('Facility', (c, raw, id, references) => {
  const props = Checker.given(raw, {
    ...c.namedKind(raw, 'FacilityKind'),
    description: c.longText(raw, 'description'),
    products: c.texts(raw, 'products'),
    openedOn: c.partialDate(raw, 'openedOn'),
  });
  const province = c.province(raw, 'province', true);
  const city = inCity(c, raw, province, props);
  const park = c.id(raw, 'park', false);
  const operator = c.id(raw, 'operator', false);
  if (park) references.push({ field: c.path('park'), id: park, types: ['Park'] });
  if (operator) references.push({ field: c.path('operator'), id: operator, types: ['Company'] });
  const source = sourceId(c, raw, references);
  return id && props.name && props.kind && province && source ? { id, props, province, ...city, park, operator, source } : null;
});

export const facilityWrite = {
  check: checkFacility,
  columns: ['id', 'name', 'localName', 'kind', 'description', 'products', 'city', 'province', 'park', 'operator', 'openedOn', 'source', 'quote'],
  cells: { products: listCell },
  rows: [
    {
      kind: 'facilities',
      cypher: `${upsert('Facility')}
${provinceLink}
${cityLink}
${singleLink('s.park IS NOT NULL', '(t:Entity {id: s.park}) WHERE t:Park', '(n)-[r:IN_PARK]->(t)', '(n)-[gone:IN_PARK]->(other)')}
${singleLink('s.operator IS NOT NULL', '(t:Entity {id: s.operator}) WHERE t:Company', '(t)-[r:OPERATES]->(n)', '(other)-[gone:OPERATES]->(n)')}`,
      touches: (row: FacilityRow) => row.id,
      // A facility row alone can remove a link to a company: its operator.
      removesCompanyLinks: true,
    },
  ],
} as const satisfies DomainWrite<FacilityRow>;
