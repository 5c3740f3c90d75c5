/** How pledges are written: their terms kept with their history (versions); they change no derived fact. */
import { entityCheck, sourceId } from '../write/rows.js';
import { singleLink, versionedUpsert } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

export interface PledgeRow {
  id: string;
  props: { kind: string; status: string; targetYear: number | null; statement: string | null };
  pledger: string;
  source: string;
}

export const PLEDGER_TYPES = ['Company', 'Park', 'Province', 'Country'] as const;

export const checkPledge = entityCheck<PledgeRow>('Pledge', (c, raw, id, references) => {
  const pledger = typeof raw.pledger === 'string' && /^[A-Z]{2}$/.test(raw.pledger) ? raw.pledger : c.id(raw, 'pledger');
  if (pledger) references.push({ field: c.path('pledger'), id: pledger, types: PLEDGER_TYPES });
  const kind = c.enumValue(raw, 'kind', 'PledgeKind', true);
  const status = c.enumValue(raw, 'status', 'PledgeStatus', true);
  const targetYear = c.year(raw, 'targetYear');
  const statement = c.longText(raw, 'statement');
  const source = sourceId(c, raw, references);
  return id && pledger && kind && status && source ? { id, props: { kind, status, targetYear, statement }, pledger, source } : null;
});

/**
 * A pledge's terms are stated in full; a change closes the current version
 * (a baseline is made first for pledges from before versions) and opens a new one.
 */
const writePledges = `
${versionedUpsert({ label: 'Pledge', versionLabel: 'PledgeVersion', versionKey: 'pledgeId', terms: ['kind', 'status', 'targetYear', 'statement'], baseline: true })}
${singleLink('true', '(t:Entity {id: s.pledger})', '(t)-[r:PLEDGED]->(n)', '(other)-[gone:PLEDGED]->(n)')}`;

export const pledgeWrite = {
  check: checkPledge,
  columns: ['id', 'pledger', 'kind', 'targetYear', 'status', 'statement', 'source', 'quote'],
  rows: [{ kind: 'pledges', cypher: writePledges }],
} as const satisfies DomainWrite<PledgeRow>;
