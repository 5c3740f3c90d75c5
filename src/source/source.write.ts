/** How sources are written: checked from a mutation's input or an import record; cite nothing themselves. */
import { checkSource, type SourceRow } from '../write/rows.js';
import { WRITE_CYPHER } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

export const sourceWrite = {
  check: checkSource,
  columns: ['id', 'title', 'publisher', 'language', 'url', 'publishedOn', 'note'],
  rows: [{ kind: 'sources', cypher: WRITE_CYPHER.sources }],
} as const satisfies DomainWrite<SourceRow>;
