/**
 * The one list of the graph's entity types, in write order (what a row
 * references is written before it), each pointing at its domain's write
 * description (src/<domain>/<domain>.write.ts). Everything that names every
 * type or every kind of row derives it from here: the write order, the
 * import's kinds and columns, the export's node types, `NodeType`, the
 * retirable types, the seed's kinds, the full-text index's labels and the
 * explorer's colours.
 */
import { cityWrite } from './city/city.write.js';
import { companyWrite } from './company/company.write.js';
import { facilityWrite } from './facility/facility.write.js';
import { parkWrite } from './park/park.write.js';
import { partnershipWrite } from './partnership/partnership.write.js';
import { pledgeWrite } from './pledge/pledge.write.js';
import { countryWrite, provinceWrite } from './province/province.write.js';
import { designationWrite, programWrite } from './program/program.write.js';
import { sourceWrite } from './source/source.write.js';
import type { DomainWrite, RowWrite } from './write/writeDescription.js';

interface DomainEntry {
  /** The GraphQL type, which is also the node's label. */
  readonly type: string;
  /** The plural: an import file's kind (`facilities.csv`), a write plan's key, the seed's key. */
  readonly kind: string;
  /** How it is checked, imported and written. */
  readonly write: DomainWrite;
  /** Whether the full-text index (`search`) finds it. */
  readonly searched: boolean;
  /** Whether `retireEntity` retires it; reference data is not retired through the API. */
  readonly retirable: boolean;
  /** Whether the seed's graph files (seed/graph/) state it; sources and reference data have files of their own. */
  readonly seeded: boolean;
  /** Reference data: the seed writes it from its own lists (seed/reference/), before the graph files' records. */
  readonly reference: boolean;
}

export const DOMAINS = [
  { type: 'Source', kind: 'sources', write: sourceWrite, searched: true, retirable: true, seeded: false, reference: false },
  { type: 'Country', kind: 'countries', write: countryWrite, searched: true, retirable: false, seeded: false, reference: true },
  { type: 'Province', kind: 'provinces', write: provinceWrite, searched: true, retirable: false, seeded: false, reference: true },
  { type: 'City', kind: 'cities', write: cityWrite, searched: true, retirable: false, seeded: false, reference: true },
  { type: 'Company', kind: 'companies', write: companyWrite, searched: true, retirable: true, seeded: true, reference: false },
  { type: 'Park', kind: 'parks', write: parkWrite, searched: true, retirable: true, seeded: true, reference: false },
  { type: 'Facility', kind: 'facilities', write: facilityWrite, searched: true, retirable: true, seeded: true, reference: false },
  { type: 'Program', kind: 'programs', write: programWrite, searched: true, retirable: true, seeded: false, reference: false },
  { type: 'Designation', kind: 'designations', write: designationWrite, searched: false, retirable: true, seeded: false, reference: false },
  { type: 'Pledge', kind: 'pledges', write: pledgeWrite, searched: true, retirable: true, seeded: true, reference: false },
  { type: 'Partnership', kind: 'partnerships', write: partnershipWrite, searched: true, retirable: true, seeded: true, reference: false },
] as const satisfies readonly DomainEntry[];

type Domain = (typeof DOMAINS)[number];
type Seeded = Extract<Domain, { seeded: true }>;

/** A node type: the label of an entity, and its GraphQL type. */
export type NodeType = Domain['type'];
/** A kind of record an import file holds: a type's plural (a company's parent link comes in its row). */
export type ImportKind = Domain['kind'];
/** A kind of row the writer takes. */
export type WriteKind = Domain['write']['rows'][number]['kind'];
export type SeedKind = Seeded['kind'];

export const NODE_TYPES: readonly NodeType[] = DOMAINS.map((d) => d.type);

export const IMPORT_KINDS: readonly ImportKind[] = DOMAINS.map((d) => d.kind);

/** Dependency order: what a row references is written before it. */
export const WRITE_ORDER: readonly WriteKind[] = DOMAINS.flatMap((d) => d.write.rows.map((r) => r.kind));

/** The types the seed writes from its graph files after the sources and the reference data (companies, parks, …). */
export const SEED_KINDS: readonly SeedKind[] = DOMAINS.filter((d): d is Seeded => d.seeded).map((d) => d.kind);

/** Reference data (countries, provinces, cities): the seed writes it from seed/reference/; an import may state it too. */
export const REFERENCE_KINDS = DOMAINS.filter((d) => d.reference).map((d) => d.kind);
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export const RETIRABLE_TYPES: readonly NodeType[] = DOMAINS.filter((d) => d.retirable).map((d) => d.type);

/** The labels of the full-text index `entity_search` (the latest migration that creates it must name exactly these). */
export const SEARCHED_TYPES: readonly NodeType[] = DOMAINS.filter((d) => d.searched).map((d) => d.type);

/** The write description of the records of an import kind. */
export const writeOf = (kind: ImportKind): DomainWrite => DOMAINS.find((d) => d.kind === kind)!.write;

/** The kinds of row the records of `kind` are written as (a company's parent link after the company). */
export const writesOf = (kind: ImportKind): readonly WriteKind[] => writeOf(kind).rows.map((r) => r.kind as WriteKind);

const domainOfRow = (kind: WriteKind): Domain => DOMAINS.find((d) => d.write.rows.some((r) => r.kind === kind))!;

/** How rows of `kind` are written. */
export const rowWriteOf = (kind: WriteKind): RowWrite<WriteKind, never> => domainOfRow(kind).write.rows.find((r) => r.kind === kind)! as RowWrite<WriteKind, never>;

/** The import kind whose records hold the rows of `kind` (a parent link is in a company's record). */
export const importKindOf = (kind: WriteKind): ImportKind => domainOfRow(kind).kind;

/** The type of the entity a row of `kind` writes (a parent link is written on its company). */
export const typeOfWrite = (kind: WriteKind): NodeType => domainOfRow(kind).type;
