/** How provinces and countries are read: each field's projection, with the connections below them. */
import { stampsRead } from '../node/node.cypher.js';
import { companiesConnection } from '../company/company.cypher.js';
import { provincePartnershipsConnection } from '../partnership/partnership.cypher.js';
import { linkedMany, linkedOne, properties, type Compiler, type TypeRead } from '../read/compile.js';
import { keyed, related, stored, storedScalars, type FilterSpec } from '../read/filter.js';

/** What a province can be filtered by. */
export const provinceFilter: FilterSpec = {
  scalars: { ...storedScalars({ id: 'string', code: 'string', name: 'string', localName: 'string', kind: 'enum' }), code: keyed(stored('string', 'code'), 'Province') },
  relationships: {
    country: related('PART_OF', '->', 'Country'),
    parks: related('LOCATED_IN', '<-', 'Park'),
    companies: related('ACTIVE_IN', '<-', 'Company'),
    pledges: related('PLEDGED', '->', 'Pledge'),
    sources: related('SOURCED_FROM', '->', 'Source'),
  },
};

/** What a country can be filtered by. */
export const countryFilter: FilterSpec = {
  scalars: { ...storedScalars({ id: 'string', code: 'string', name: 'string', localName: 'string' }), code: keyed(stored('string', 'code'), 'Country') },
  relationships: {
    companies: related('HEADQUARTERED_IN', '<-', 'Company'),
    pledges: related('PLEDGED', '->', 'Pledge'),
    sources: related('SOURCED_FROM', '->', 'Source'),
  },
};

export const provinceRead: TypeRead = {
  ...stampsRead,
  ...properties('id', 'code', 'name', 'localName', 'kind'),
  country: linkedOne('PART_OF', 'Country'),
  parks: (n, field, c) => c.connection({ sort: (x) => `${x}.name`, unique: true, candidates: (x) => `MATCH (${n})<-[:LOCATED_IN]-(${x}:Park)` }, field),
  companies: (n, field, c) => {
    // The short forms the province's own candidate match serves; the rest of `where` is applied to them.
    const where = field.args.where as { foreign?: boolean | null; partnershipKind?: string | null } | null | undefined;
    const filter = { foreign: where?.foreign ?? null, kind: where?.partnershipKind ?? null, province: null, country: null };
    return c.connection(companiesConnection(filter, { province: n }), field);
  },
  partnerships: (n, field, c) => {
    const where = field.args.where as { kind?: string | null } | null | undefined;
    return c.connection(provincePartnershipsConnection(n, { kind: where?.kind ?? null }), field);
  },
  pledges: linkedMany('PLEDGED', 'Pledge', { orderBy: 'targetYear' }),
  sources: linkedMany('SOURCED_FROM', 'Source'),
};

export const countryRead: TypeRead = {
  ...stampsRead,
  ...properties('id', 'code', 'name', 'localName'),
  companies: (n, field, c) =>
    c.connection(companiesConnection({ foreign: null, kind: null, province: null, country: null }, { country: n }), field),
  pledges: linkedMany('PLEDGED', 'Pledge', { orderBy: 'targetYear' }),
  sources: linkedMany('SOURCED_FROM', 'Source'),
};

/** Hard bounds of the reference lists (`@maxItems` of `provinces` and `countries`): 34 divisions, 249 ISO countries. */
export const MAX_ITEMS = { Province: 50, Country: 300 } as const;

/** Every province or every country, by code, up to the list's hard bound. */
export const allByCode = (label: 'Province' | 'Country') => (_c: Compiler, project: (node: string) => string) =>
  `MATCH (n:${label}) WITH n ORDER BY n.code LIMIT ${MAX_ITEMS[label]} RETURN collect(${project('n')}) AS result`;
