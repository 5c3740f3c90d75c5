/** How pledges are read: each Pledge field's projection, and the pledges connection. */
import { stampsRead } from '../node/node.cypher.js';
import { linkedMany, linkedOne, properties, type Compiler, type ConnectionRead, type TypeRead } from '../read/compile.js';
import { inIndexOrderWhenSet, related, stored, storedScalars, type Bound, type FilterSpec } from '../read/filter.js';

/** What can make a pledge: the members of the Pledger union. */
const PLEDGER_TYPES = ['Company', 'Park', 'Province', 'Country'] as const;

/** Pledges without a target year sort last. */
export const NO_TARGET_YEAR = 100000;

export interface PledgeFilter {
  lte: number | null;
  gte: number | null;
  kind: string | null;
  status: string | null;
}

/** Pledges filtered by target year range, kind and status; by target year (none last), then id. */
export function pledgesConnection(filter: PledgeFilter): ConnectionRead {
  return {
    handles: ['targetYearLte', 'targetYearGte', 'kind', 'status'],
    sort: (x) => `coalesce(${x}.targetYear, ${NO_TARGET_YEAR})`,
    // Nulls sort last, as NO_TARGET_YEAR does: the same order, read from the targetYear index.
    orderBy: (x) => `${x}.targetYear`,
    indexOrderWhenSet: true,
    unique: true,
    ...(Object.values(filter).every((value) => value === null) ? { label: 'Pledge' } : {}),
    candidates: (x: string, c: Compiler) => {
      const conditions = [
        filter.lte === null ? null : `${x}.targetYear <= ${c.param(filter.lte)}`,
        filter.gte === null ? null : `${x}.targetYear >= ${c.param(filter.gte)}`,
        filter.kind === null ? null : `${x}.kind = ${c.param(filter.kind)}`,
        filter.status === null ? null : `${x}.status = ${c.param(filter.status)}`,
      ].filter((condition) => condition !== null);
      return `MATCH (${x}:Pledge)${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
    },
  };
}

/** The year bounds and the kind and status short forms, as at the root (`pledgesConnection`). */
const PLEDGE_SHORT_FORMS: Record<string, (p: string, value: string) => string> = {
  targetYearLte: (p, value) => `${p}.targetYear <= ${value}`,
  targetYearGte: (p, value) => `${p}.targetYear >= ${value}`,
  kind: (p, value) => `${p}.kind = ${value}`,
  status: (p, value) => `${p}.status = ${value}`,
};

/** What a pledge can be filtered and sorted by. */
export const pledgeFilter: FilterSpec = {
  scalars: { ...storedScalars({ id: 'string', targetYear: 'number', statement: 'string' }), targetYear: inIndexOrderWhenSet(stored('number', 'targetYear')) },
  relationships: {
    pledger: { type: 'Pledger', pattern: (x, r, y) => `(${x})<-[${r}:PLEDGED]-(${y}:Entity)` },
    partnerships: related('CONTRIBUTES_TO', '<-', 'Partnership'),
    sources: related('SOURCED_FROM', '->', 'Source'),
  },
  shortForms: {
    fields: Object.keys(PLEDGE_SHORT_FORMS),
    compile: (where, { n }, c) => Object.entries(where).map(([field, value]) => PLEDGE_SHORT_FORMS[field]!(n, c.param(value))),
  },
};

/** What a pledger can be filtered by: each member type's own Where, the pledger having that type. */
export const pledgerFilter: FilterSpec = {
  scalars: {},
  relationships: {},
  embedded: Object.fromEntries(PLEDGER_TYPES.map((type) => [type, { type, label: type, bind: (b: Bound) => b }])),
};

export const pledgeRead: TypeRead = {
  ...stampsRead,
  ...properties('id', 'kind', 'targetYear', 'status', 'statement'),
  pledger: linkedOne('PLEDGED', 'Entity', { in: true }),
  partnerships: linkedMany('CONTRIBUTES_TO', 'Partnership', { in: true, orderBy: 'title' }),
  sources: linkedMany('SOURCED_FROM', 'Source'),
  // The pledge's last terms over time, oldest first (plain objects: PledgeVersion has no entity below it).
  history: (n, field, c) => {
    const v = c.fresh('v');
    const last = c.countOf(field, 'last');
    return {
      cypher: `reverse(COLLECT { MATCH (${n})-[:HAS_VERSION]->(${v}:PledgeVersion) WITH ${v} ORDER BY ${v}.validFrom DESC, ${v}.validTo DESC${last === null ? '' : ` LIMIT ${c.param(last)}`} RETURN ${v} {.kind, .status, .targetYear, .statement, .validFrom, .validTo, sourceIds: coalesce(${v}.sources, []), .recordedBy} })`,
      decode: (value) => value ?? [],
    };
  },
};
