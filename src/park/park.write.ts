/** How parks are written: checked from a mutation's input or an import record, in a province and possibly a city. */
import { listCell } from '../import/csvCells.js';
import { checkPark, type ParkRow } from '../write/rows.js';
import { WRITE_CYPHER } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

export const parkWrite = {
  check: checkPark,
  columns: ['id', 'name', 'localName', 'aliases', 'status', 'city', 'province', 'source', 'quote'],
  cells: { aliases: listCell },
  rows: [{ kind: 'parks', cypher: WRITE_CYPHER.parks, touches: (row: ParkRow) => row.id }],
} as const satisfies DomainWrite<ParkRow>;
