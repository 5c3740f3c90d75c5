/** How partnerships are written: with their participants, parks, province and the pledges they contribute to. */
import { listCell, pairsCell } from '../import/csvCells.js';
import { checkPartnership, type PartnershipRow } from '../write/rows.js';
import { WRITE_CYPHER } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

export const partnershipWrite = {
  check: checkPartnership,
  columns: ['id', 'kind', 'title', 'description', 'status', 'startedOn', 'endedOn', 'participants', 'unnamedParticipants', 'parks', 'province', 'pledges', 'source', 'quote'],
  cells: { participants: pairsCell('company', 'role'), unnamedParticipants: pairsCell('role', 'description'), parks: listCell, pledges: listCell },
  rows: [{ kind: 'partnerships', cypher: WRITE_CYPHER.partnerships, touches: (row: PartnershipRow) => row.id }],
} as const satisfies DomainWrite<PartnershipRow>;
