/** How partnerships are written: with their participants, parks, province and the pledges they contribute to. */
import { listCell, pairsCell } from '../import/csvCells.js';
import { entityCheck, sourceId } from '../write/rows.js';
import { Checker } from '../write/validate.js';
import { linkCited, singleLink, upsert } from '../write/write.cypher.js';
import type { DomainWrite } from '../write/writeDescription.js';

type Raw = Record<string, unknown>;

export interface PartnershipRow {
  id: string;
  props: Raw;
  participants: { company: string; role: string }[];
  parks: string[];
  province: string | null;
  pledges: string[];
  source: string;
}

export const checkPartnership = entityCheck<PartnershipRow>('Partnership', (c, raw, id, references) => {
  const unnamed = c.list(raw, 'unnamedParticipants');
  const unnamedRoles: string[] = [];
  const unnamedDescriptions: string[] = [];
  unnamed?.forEach((u, i) => {
    const inner = new Checker(c.path(`unnamedParticipants[${i}]`));
    const role = inner.enumValue(u, 'role', 'ParticipantRole', true);
    const description = inner.text(u, 'description', { required: true });
    c.problems.push(...inner.problems);
    if (role && description) {
      unnamedRoles.push(role);
      unnamedDescriptions.push(description);
    }
  });
  const props = Checker.given(raw, {
    kind: c.enumValue(raw, 'kind', 'PartnershipKind', true),
    title: c.text(raw, 'title', { required: true }),
    description: c.longText(raw, 'description'),
    status: c.enumValue(raw, 'status', 'PartnershipStatus'),
    startedOn: c.partialDate(raw, 'startedOn'),
    endedOn: c.partialDate(raw, 'endedOn'),
  });
  if (unnamed) Object.assign(props, { unnamedRoles, unnamedDescriptions });
  if (typeof props.startedOn === 'string' && typeof props.endedOn === 'string' && props.endedOn < props.startedOn) {
    c.fail('endedOn', `"endedOn" (${props.endedOn}) must not be before "startedOn" (${props.startedOn}).`);
  }
  const participants: { company: string; role: string }[] = [];
  const listedAt = new Map<string, number>();
  c.list(raw, 'participants')?.forEach((p, i) => {
    const inner = new Checker(c.path(`participants[${i}]`));
    const company = inner.id(p, 'company');
    const role = inner.enumValue(p, 'role', 'ParticipantRole', true);
    // A company takes part once, with one role: a second entry would silently overwrite the first one's role.
    const first = company === null ? undefined : listedAt.get(company);
    if (first !== undefined) {
      inner.fail('company', `"${company}" is listed twice (participants[${first}] and participants[${i}]); a company takes part once, with one role.`);
    } else if (company) listedAt.set(company, i);
    c.problems.push(...inner.problems);
    if (first !== undefined) return;
    if (company) references.push({ field: inner.path('company'), id: company, types: ['Company'] });
    if (company && role) participants.push({ company, role });
  });
  const parks = c.ids(raw, 'parks') ?? [];
  parks.forEach((park, i) => references.push({ field: c.path(`parks[${i}]`), id: park, types: ['Park'] }));
  const province = c.province(raw, 'province');
  if (!parks.length && !province && raw.province == null) c.fail('parks', 'A partnership needs "parks" or a "province" to be located in.');
  const pledges = c.ids(raw, 'pledges') ?? [];
  pledges.forEach((pledge, i) => references.push({ field: c.path(`pledges[${i}]`), id: pledge, types: ['Pledge'] }));
  const source = sourceId(c, raw, references);
  return id && props.kind && props.title && source ? { id, props, participants, parks, province, pledges, source } : null;
});

/**
 * Links the partnership `n` to each entity of `label` whose id is in `s.<list>`, as `pattern` (of `n` and that entity `t`), citing the source.
 * The check lists an id once (Checker.ids) and a participant once, so linkCited's CREATE for a new partnership makes no link twice.
 */
const linkEach = (list: string, label: string, pattern: string) => `
CALL {
  WITH n, s, createdNow
  UNWIND s.${list} AS targetId
  MATCH (t:Entity {id: targetId}) WHERE t:${label}
  ${linkCited(pattern)}
}`;

/** A partnership, its participants with their roles, the parks it concerns, the pledges it contributes to and its province when it names one. */
const writePartnerships = `${upsert('Partnership')}
CALL {
  WITH n, s, createdNow
  UNWIND s.participants AS x
  MATCH (c:Entity {id: x.company}) WHERE c:Company
  ${linkCited('(c)-[r:PARTICIPATES_IN]->(n)', 'r.role = x.role')}
}
${linkEach('parks', 'Park', '(n)-[r:CONCERNS]->(t)')}
${linkEach('pledges', 'Pledge', '(n)-[r:CONTRIBUTES_TO]->(t)')}
${singleLink('s.province IS NOT NULL', '(t:Province {code: s.province})', '(n)-[r:LOCATED_IN]->(t)', '(n)-[gone:LOCATED_IN]->(other)')}`;

export const partnershipWrite = {
  check: checkPartnership,
  columns: ['id', 'kind', 'title', 'description', 'status', 'startedOn', 'endedOn', 'participants', 'unnamedParticipants', 'parks', 'province', 'pledges', 'source', 'quote'],
  cells: { participants: pairsCell('company', 'role'), unnamedParticipants: pairsCell('role', 'description'), parks: listCell, pledges: listCell },
  rows: [{ kind: 'partnerships', cypher: writePartnerships, touches: (row: PartnershipRow) => row.id }],
} as const satisfies DomainWrite<PartnershipRow>;
