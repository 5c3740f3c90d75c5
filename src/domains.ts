/**
 * The one list of the graph's entity types, in write order (what a row
 * references is written before it). Everything that names every type or
 * every kind of row derives it from here: the write order, the import's
 * kinds, the export's node types, `NodeType`, the retirable types, the
 * seed's kinds, the full-text index's labels and the explorer's colours.
 * Pure data, so that the explorer can take its types from it too.
 */

interface DomainEntry {
  /** The GraphQL type, which is also the node's label. */
  readonly type: string;
  /** The plural: an import file's kind (`facilities.csv`), a write plan's key, the seed's key. */
  readonly kind: string;
  /** The kinds of row its writer takes, in order; a company's row writes its parent link after it. None for reference data, which the seed alone writes. */
  readonly writes: readonly string[];
  /** Whether the full-text index (`search`) finds it. */
  readonly searched: boolean;
  /** Whether `retireEntity` retires it; reference data is not retired through the API. */
  readonly retirable: boolean;
  /** Whether the seed's graph files (seed/graph/) state it; sources and reference data have files of their own. */
  readonly seeded: boolean;
}

export const DOMAINS = [
  { type: 'Source', kind: 'sources', writes: ['sources'], searched: true, retirable: true, seeded: false },
  { type: 'Country', kind: 'countries', writes: [], searched: true, retirable: false, seeded: false },
  { type: 'Province', kind: 'provinces', writes: [], searched: true, retirable: false, seeded: false },
  { type: 'City', kind: 'cities', writes: [], searched: true, retirable: false, seeded: false },
  { type: 'Company', kind: 'companies', writes: ['companies', 'parents'], searched: true, retirable: true, seeded: true },
  { type: 'Park', kind: 'parks', writes: ['parks'], searched: true, retirable: true, seeded: true },
  { type: 'Facility', kind: 'facilities', writes: ['facilities'], searched: true, retirable: true, seeded: true },
  { type: 'Program', kind: 'programs', writes: ['programs'], searched: true, retirable: true, seeded: false },
  { type: 'Designation', kind: 'designations', writes: ['designations'], searched: false, retirable: true, seeded: false },
  { type: 'Pledge', kind: 'pledges', writes: ['pledges'], searched: true, retirable: true, seeded: true },
  { type: 'Partnership', kind: 'partnerships', writes: ['partnerships'], searched: true, retirable: true, seeded: true },
] as const satisfies readonly DomainEntry[];

type Domain = (typeof DOMAINS)[number];

/** A node type: the label of an entity, and its GraphQL type. */
export type NodeType = Domain['type'];
/** A kind of row the writer takes. */
export type WriteKind = Domain['writes'][number];
/** A kind of record an import file holds: a written type's plural (a company's parent link comes in its row). */
type Written = Extract<Domain, { writes: readonly [unknown, ...unknown[]] }>;
export type ImportKind = Written['kind'];

export const NODE_TYPES: readonly NodeType[] = DOMAINS.map((d) => d.type);

/** Dependency order: what a row references is written before it. */
export const WRITE_ORDER: readonly WriteKind[] = DOMAINS.flatMap((d): readonly WriteKind[] => d.writes);

export const IMPORT_KINDS: readonly ImportKind[] = DOMAINS.filter((d): d is Written => d.writes.length > 0).map((d) => d.kind);

/** The types the seed writes from its graph files after the sources and the reference data (companies, parks, …). */
export const SEED_KINDS = DOMAINS.filter((d): d is Seeded => d.seeded).map((d) => d.kind);
type Seeded = Extract<Domain, { seeded: true }>;
export type SeedKind = Seeded['kind'];

/** Reference data (countries, provinces, cities): written by the seed alone, from seed/reference/. */
export const REFERENCE_KINDS = DOMAINS.filter((d) => d.writes.length === 0).map((d) => d.kind);

/** The kinds of row a seeded kind's records are written as (a company's parent link after the company). */
export const writesOf = (kind: ImportKind): readonly WriteKind[] => DOMAINS.find((d) => d.kind === kind)!.writes;

export const RETIRABLE_TYPES: readonly NodeType[] = DOMAINS.filter((d) => d.retirable).map((d) => d.type);

/** The labels of the full-text index `entity_search` (the latest migration that creates it must name exactly these). */
export const SEARCHED_TYPES: readonly NodeType[] = DOMAINS.filter((d) => d.searched).map((d) => d.type);

/** The type of the entity a row of `kind` writes (a parent link is written on its company). */
export function typeOfWrite(kind: WriteKind): NodeType {
  return DOMAINS.find((d) => (d.writes as readonly string[]).includes(kind))!.type;
}
