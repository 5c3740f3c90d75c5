/** How companies are written: a company row, and after it the company's parent link, which its row may state. */
import { listCell } from '../import/csvCells.js';
import { entityCheck, namedProps, sourceId, type Checked, type ParentRow, type Reference } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { cite, singleLink, sourcedFrom, upsert } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

type Raw = Record<string, unknown>;

export interface CompanyRow {
  id: string;
  props: Raw;
  /** Null leaves the headquarters link as it is. */
  country: string | null;
  source: string;
}

/** A company record's checked row: the company and the parent link it states, written after it. */
type CompanyRecordRow = CompanyRow & { parent: ParentRow | null };

export const checkCompany = entityCheck<CompanyRecordRow>('Company', (c, raw, id, references) => {
  const props = namedProps(c, raw, () => ({ sector: c.text(raw, 'sector') }));
  const country = c.country(raw, 'country');
  if (country) references.push({ field: c.path('country'), id: country, types: ['Country'] });
  const source = sourceId(c, raw, references);
  let parent: ParentRow | null = null;
  if (raw.parent !== undefined && raw.parent !== null && raw.parent !== '') {
    const checked = checkParent(c, { company: raw.id, parent: raw.parent, parentKind: raw.parentKind ?? 'SUBSIDIARY', parentShare: raw.parentShare, source: raw.source }, true);
    parent = checked.row;
    references.push(...checked.references.filter((r) => r.field.endsWith('parent')));
  }
  return id && props.name && source ? { id, props, country, source, parent } : null;
});

export function checkParent(c: Checker, raw: Raw, fromCompanyRow = false): Checked<ParentRow> {
  const references: Reference[] = [];
  const company = fromCompanyRow ? (raw.company as string | null) : c.id(raw, 'company');
  const parent = c.id(raw, 'parent');
  const kind = c.enumValue(raw, fromCompanyRow ? 'parentKind' : 'kind', 'OwnershipKind', true);
  const sharePercent = c.percent(raw, fromCompanyRow ? 'parentShare' : 'sharePercent');
  const source = fromCompanyRow ? (raw.source as string | null) : sourceId(c, raw, references);
  if (company && !fromCompanyRow) references.push({ field: c.path('company'), id: company, types: ['Company'] });
  if (parent) references.push({ field: c.path('parent'), id: parent, types: ['Company'] });
  if (company && parent && company === parent) c.fail('parent', `A company cannot be its own parent (${company}).`);
  const ok = company && parent && kind && source && company !== parent;
  return { row: ok ? { company, parent, kind, sharePercent, source } : null, defines: null, references };
}

export const companyWrite = {
  check: checkCompany,
  columns: ['id', 'name', 'localName', 'aliases', 'sector', 'country', 'parent', 'parentKind', 'parentShare', 'source', 'quote'],
  cells: { aliases: listCell },
  rows: [
    {
      kind: 'companies',
      // Everything but the parent link, a quote (src/source/quotes.ts) included.
      take: ({ parent: _parent, ...company }: CompanyRecordRow): CompanyRow => company,
      cypher: `${upsert('Company')}
${singleLink('s.country IS NOT NULL', '(t:Country {code: s.country})', '(n)-[r:HEADQUARTERED_IN]->(t)', '(n)-[gone:HEADQUARTERED_IN]->(other)')}`,
      touches: (row: CompanyRow) => row.id,
      companiesOnly: true,
    },
    {
      kind: 'parents',
      take: (checked: CompanyRecordRow) => checked.parent,
      cypher: `
UNWIND $rows AS s
MATCH (n:Entity {id: s.company}), (p:Entity {id: s.parent}), (src:Entity {id: s.source})
WHERE n:Company AND p:Company AND src:Source
MERGE (n)-[r:SUBSIDIARY_OF]->(p)
WITH n, s, r, src, r.kind IS NULL OR r.kind <> s.kind OR coalesce(r.sharePercent, -1.0) <> coalesce(s.sharePercent, -1.0) OR ($revive AND r.retiredOn IS NOT NULL) AS changed
SET r.kind = s.kind, r.sharePercent = s.sharePercent, n.importParentHash = CASE WHEN r.retiredOn IS NULL OR $revive THEN s.hash END
${cite()}
${sourcedFrom('n', 'src')}
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET n.updatedAt = datetime(), n.updatedBy = $by, r.updatedAt = datetime())`,
      touches: (row: ParentRow) => row.company,
      ids: (row: ParentRow) => [row.company, row.parent],
      companiesOnly: true,
    },
  ],
} as const satisfies DomainWrite<CompanyRecordRow>;
