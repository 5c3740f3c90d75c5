/** How pledges are written: their terms kept with their history (versions); they change no derived fact. */
import { checkPledge, type PledgeRow } from '../write/rows.js';
import { WRITE_CYPHER } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

export const pledgeWrite = {
  check: checkPledge,
  columns: ['id', 'pledger', 'kind', 'targetYear', 'status', 'statement', 'source', 'quote'],
  rows: [{ kind: 'pledges', cypher: WRITE_CYPHER.pledges }],
} as const satisfies DomainWrite<PledgeRow>;
