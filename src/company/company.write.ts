/** How companies are written: a company row, and after it the company's parent link, which its row may state. */
import { listCell } from '../import/csvCells.js';
import { checkCompany, type CompanyRow, type ParentRow } from '../write/rows.js';
import { WRITE_CYPHER } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

export const companyWrite = {
  check: checkCompany,
  columns: ['id', 'name', 'localName', 'aliases', 'sector', 'country', 'parent', 'parentKind', 'parentShare', 'source', 'quote'],
  cells: { aliases: listCell },
  rows: [
    { kind: 'companies', cypher: WRITE_CYPHER.companies, touches: (row: CompanyRow) => row.id, companiesOnly: true },
    {
      kind: 'parents',
      cypher: WRITE_CYPHER.parents,
      touches: (row: ParentRow) => row.company,
      ids: (row: ParentRow) => [row.company, row.parent],
      companiesOnly: true,
    },
  ],
} as const satisfies DomainWrite<CompanyRow & { parent: ParentRow | null }>;
