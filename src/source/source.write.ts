/** How sources are written: checked from a mutation's input or an import record; a source cites none itself. */
import { entityChecked, type Checked } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { reviveEntity, updatesEntity } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

type Raw = Record<string, unknown>;

export interface SourceRow {
  id: string;
  props: Raw;
}

export function checkSource(c: Checker, raw: Raw): Checked<SourceRow> {
  const id = c.id(raw, 'id');
  const props = Checker.given(raw, {
    title: c.text(raw, 'title', { required: true }),
    publisher: c.text(raw, 'publisher'),
    language: c.language(raw, 'language'),
    url: c.url(raw, 'url'),
    publishedOn: c.partialDate(raw, 'publishedOn'),
    note: c.longText(raw, 'note'),
  });
  return entityChecked(c, 'Source', id, [], id && props.title ? { id, props } : null);
}

export const sourceWrite = {
  check: checkSource,
  columns: ['id', 'title', 'publisher', 'language', 'url', 'publishedOn', 'note'],
  rows: [{ kind: 'sources', cypher: `
UNWIND $rows AS s
MERGE (n:Entity {id: s.id})
ON CREATE SET n:Source, n.createdAt = datetime(), n.createdBy = $by
WITH n, s, ${updatesEntity} AS updates
SET n += s.props, n.importHash = s.hash
FOREACH (_ IN CASE WHEN updates THEN [1] ELSE [] END |
  SET n.updatedAt = datetime(), n.updatedBy = $by)
${reviveEntity}` }],
} as const satisfies DomainWrite<SourceRow>;
