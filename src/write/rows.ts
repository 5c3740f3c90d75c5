/**
 * The rows that the write Cypher takes, one per entity or link, and the
 * checks that turn untrusted input (a mutation's input object or an import
 * line) into them. The mutations and the import share these, so a value that
 * one accepts the other accepts too.
 */
import { Checker } from './validate.js';

type Raw = Record<string, unknown>;

export interface SourceRow {
  id: string;
  props: Raw;
}
export interface CompanyRow {
  id: string;
  props: Raw;
  /** Null leaves the headquarters link as it is. */
  country: string | null;
  source: string;
}
/** A park's or facility's city: `cityGiven` false leaves it as it is; `cityId` null with `cityGiven` removes the link. */
export interface InCity {
  cityGiven: boolean;
  cityId: string | null;
}
export interface ParkRow extends InCity {
  id: string;
  props: Raw;
  province: string;
  source: string;
}
export interface PartnershipRow {
  id: string;
  props: Raw;
  participants: { company: string; role: string }[];
  parks: string[];
  province: string | null;
  pledges: string[];
  source: string;
}
export interface PledgeRow {
  id: string;
  props: { kind: string; status: string; targetYear: number | null; statement: string | null };
  pledger: string;
  source: string;
}
export interface ParentRow {
  company: string;
  parent: string;
  kind: string;
  sharePercent: number | null;
  source: string;
}

/** A reference to an entity that must exist (or be written in the same batch) with one of `types`. */
export interface Reference {
  field: string;
  id: string;
  types: readonly string[];
}

export interface Checked<R> {
  row: R | null;
  /** The id this row defines and the type it gives it. */
  defines: { field: string; id: string; type: string } | null;
  references: Reference[];
}

const aliasText = (aliases: string[]): string => aliases.map((a) => `${a} | `).join('');

/** Turns an aliases list into the stored pair (aliases, and aliasText for full-text search). */
function withAliases(props: Raw): Raw {
  if (!Array.isArray(props.aliases)) return props;
  return { ...props, aliasText: aliasText(props.aliases as string[]) };
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
  return {
    row: id && props.title ? { id, props } : null,
    defines: id ? { field: c.path('id'), id, type: 'Source' } : null,
    references: [],
  };
}

/** The source of an import row: the id of a source in the graph or in the same import. */
export function sourceId(c: Checker, raw: Raw, references: Reference[]): string | null {
  const id = c.id(raw, 'source');
  if (id) references.push({ field: c.path('source'), id, types: ['Source'] });
  return id;
}

export function checkCompany(c: Checker, raw: Raw): Checked<CompanyRow & { parent: ParentRow | null }> {
  const references: Reference[] = [];
  const id = c.id(raw, 'id');
  const props = withAliases(
    Checker.given(raw, {
      name: c.text(raw, 'name', { required: true }),
      localName: c.text(raw, 'localName'),
      aliases: c.texts(raw, 'aliases'),
      sector: c.text(raw, 'sector'),
    }),
  );
  const country = c.country(raw, 'country');
  if (country) references.push({ field: c.path('country'), id: country, types: ['Country'] });
  const source = sourceId(c, raw, references);
  let parent: ParentRow | null = null;
  if (raw.parent !== undefined && raw.parent !== null && raw.parent !== '') {
    const checked = checkParent(c, { company: raw.id, parent: raw.parent, parentKind: raw.parentKind ?? 'SUBSIDIARY', parentShare: raw.parentShare, source: raw.source }, true);
    parent = checked.row;
    references.push(...checked.references.filter((r) => r.field.endsWith('parent')));
  }
  return {
    row: id && props.name && source ? { id, props, country, source, parent } : null,
    defines: id ? { field: c.path('id'), id, type: 'Company' } : null,
    references,
  };
}

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

/**
 * Checks `city` against the province and stores its canonical English name
 * in `props.city` (the string field clients read), returning the City link.
 */
export function inCity(c: Checker, raw: Raw, province: string | null, props: Raw): InCity {
  if (raw.city === undefined) return { cityGiven: false, cityId: null };
  const place = c.city(raw, 'city', province);
  props.city = place?.name ?? null;
  return { cityGiven: true, cityId: place?.id ?? null };
}

export function checkPark(c: Checker, raw: Raw): Checked<ParkRow> {
  const references: Reference[] = [];
  const id = c.id(raw, 'id');
  const props = withAliases(
    Checker.given(raw, {
      name: c.text(raw, 'name', { required: true }),
      localName: c.text(raw, 'localName'),
      aliases: c.texts(raw, 'aliases'),
      status: c.enumValue(raw, 'status', 'ParkStatus'),
    }),
  );
  const province = c.province(raw, 'province', true);
  const city = inCity(c, raw, province, props);
  const source = sourceId(c, raw, references);
  return {
    row: id && props.name && province && source ? { id, props, province, ...city, source } : null,
    defines: id ? { field: c.path('id'), id, type: 'Park' } : null,
    references,
  };
}

export function checkPartnership(c: Checker, raw: Raw): Checked<PartnershipRow> {
  const references: Reference[] = [];
  const id = c.id(raw, 'id');
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
  return {
    row: id && props.kind && props.title && source ? { id, props, participants, parks, province, pledges, source } : null,
    defines: id ? { field: c.path('id'), id, type: 'Partnership' } : null,
    references,
  };
}

export const PLEDGER_TYPES = ['Company', 'Park', 'Province', 'Country'] as const;

export function checkPledge(c: Checker, raw: Raw): Checked<PledgeRow> {
  const references: Reference[] = [];
  const id = c.id(raw, 'id');
  const pledger = typeof raw.pledger === 'string' && /^[A-Z]{2}$/.test(raw.pledger) ? raw.pledger : c.id(raw, 'pledger');
  if (pledger) references.push({ field: c.path('pledger'), id: pledger, types: PLEDGER_TYPES });
  const kind = c.enumValue(raw, 'kind', 'PledgeKind', true);
  const status = c.enumValue(raw, 'status', 'PledgeStatus', true);
  const targetYear = c.year(raw, 'targetYear');
  const statement = c.longText(raw, 'statement');
  const source = sourceId(c, raw, references);
  return {
    row: id && pledger && kind && status && source ? { id, props: { kind, status, targetYear, statement }, pledger, source } : null,
    defines: id ? { field: c.path('id'), id, type: 'Pledge' } : null,
    references,
  };
}
