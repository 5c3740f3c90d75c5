/**
 * How companies are read: the projection of each Company (and Ownership)
 * field, and the company connections with the candidate match that serves
 * each filter from an index.
 */
import { activeInProvince, foreignExpression, stampsRead } from '../node/node.cypher.js';
import { expression, linkedMany, linkedOne, listProperty, properties, type Compiler, type ConnectionRead, type TypeRead } from '../read/compile.js';
import { foldedScalars, inIndexOrder, related, storedScalars, type FilterSpec } from '../read/filter.js';
import { countryCode, provinceCode } from '../province/provinceCodes.js';

export interface CompanyFilter {
  foreign: boolean | null;
  /** Partnership kind. */
  kind: string | null;
  /** ISO 3166-2:CN code. */
  province: string | null;
  /** ISO 3166-1 alpha-2 code. */
  country: string | null;
}

/**
 * Companies matching a filter, by name. Which MATCH starts the read depends
 * on which filters are set, so that a province, a partnership kind or a
 * country is looked up by index rather than by scanning every company.
 * `within` binds the province or country node when the connection hangs
 * under one (Province.companies, Country.companies).
 */
export function companiesConnection(filter: CompanyFilter, within?: { province?: string; country?: string }): ConnectionRead {
  return {
    handles: [
      ...(filter.foreign === null ? [] : ['foreign']),
      ...(filter.kind === null ? [] : ['partnershipKind']),
      ...(filter.province === null ? [] : ['province']),
      ...(filter.country === null ? [] : ['country']),
    ],
    sort: (x) => `${x}.name`,
    indexOrder: true,
    ...(filter.foreign === null && filter.kind === null && filter.province === null && filter.country === null && !within ? { label: 'Company' } : {}),
    // ACTIVE_IN links a company to a province once; a partnership kind can bind a company once per partnership.
    unique: Boolean(filter.province || within?.province) || !filter.kind,
    candidates: (x: string, c: Compiler) => {
      const kind = filter.kind === null ? null : c.param(filter.kind);
      let match: string;
      if (filter.province || within?.province) {
        const pr = within?.province ?? c.fresh('pr');
        const lookup = within?.province ? '' : `MATCH (${pr}:Province {code: ${c.param(filter.province)}})\n`;
        match = `${lookup}${activeInProvince(pr, x, kind)}`;
      } else if (kind !== null) {
        match = `MATCH (:Partnership {kind: ${kind}})<-[:PARTICIPATES_IN]-(${x}:Company)`;
      } else if (filter.country || within?.country) {
        match = within?.country
          ? `MATCH (${within.country})<-[:HEADQUARTERED_IN]-(${x}:Company)`
          : `MATCH (:Country {code: ${c.param(filter.country)}})<-[:HEADQUARTERED_IN]-(${x}:Company)`;
      } else {
        match = `MATCH (${x}:Company)`;
      }
      const conditions = [
        filter.foreign === null ? null : `${foreignExpression(x)} = ${c.param(filter.foreign)}`,
        filter.country && !within?.country && (filter.province || kind !== null)
          ? `EXISTS { (${x})-[:HEADQUARTERED_IN]->(:Country {code: ${c.param(filter.country)}}) }`
          : null,
      ].filter((condition) => condition !== null);
      return conditions.length ? `${match}\nWITH ${x} WHERE ${conditions.join(' AND ')}` : match;
    },
  };
}

const companyText = foldedScalars('Company');

/**
 * What a company can be filtered and sorted by. The short forms mean what
 * they mean at the root (`companiesConnection`): a partnership kind together
 * with a province is a partnership of that kind located there.
 */
export const companyFilter: FilterSpec = {
  scalars: { ...storedScalars({ id: 'string', localName: 'string' }), ...companyText, name: inIndexOrder(companyText.name!) },
  relationships: {
    headquarteredIn: related('HEADQUARTERED_IN', '->', 'Country'),
    parent: related('SUBSIDIARY_OF', '->', 'Company'),
    subsidiaries: related('SUBSIDIARY_OF', '<-', 'Company'),
    partnerships: related('PARTICIPATES_IN', '->', 'Partnership'),
    facilities: related('OPERATES', '->', 'Facility'),
    pledges: related('PLEDGED', '->', 'Pledge'),
    sources: related('SOURCED_FROM', '->', 'Source'),
  },
  shortForms: {
    fields: ['foreign', 'partnershipKind', 'province', 'country'],
    compile: (where, { n }, c, path) => {
      const kind = where.partnershipKind == null ? null : c.param(where.partnershipKind);
      const conditions: string[] = [];
      if (where.foreign != null) conditions.push(`${foreignExpression(n)} = ${c.param(where.foreign)}`);
      if (where.province != null) {
        const code = c.param(provinceCode(where.province as string, `${path}.province`));
        const active = c.fresh('active');
        conditions.push(`EXISTS { MATCH (${n})-[${active}:ACTIVE_IN]->(:Province {code: ${code}})${kind === null ? '' : ` WHERE ${kind} IN ${active}.kinds`} }`);
      } else if (kind !== null) {
        conditions.push(`EXISTS { MATCH (${n})-[:PARTICIPATES_IN]->(:Partnership {kind: ${kind}}) }`);
      }
      if (where.country != null) {
        const code = c.param(countryCode(where.country as string, `${path}.country`));
        conditions.push(`EXISTS { MATCH (${n})-[:HEADQUARTERED_IN]->(:Country {code: ${code}}) }`);
      }
      return conditions;
    },
  },
};

/** The current parent link first; a retired one only when there is no other. */
const currentLinkFirst = (r: string, x: string) => `${r}.retiredOn IS NULL DESC, ${x}.id`;

export const companyRead: TypeRead = {
  ...stampsRead,
  ...properties('id', 'name', 'localName', 'sector'),
  aliases: listProperty('aliases'),
  // Stored on write (src/derived/); a company written before that was in place reads as not foreign.
  foreign: expression(foreignExpression, (v) => v === true),
  country: linkedOne('HEADQUARTERED_IN', 'Country'),
  parent: (n, field, c) => {
    const r = c.fresh('r');
    return c.one((x) => `MATCH (${n})-[${r}:SUBSIDIARY_OF]->(${x}:Company)`, field, (x) => currentLinkFirst(r, x));
  },
  ownership: (n, field, c) => {
    const r = c.fresh('r');
    const x = c.fresh('x');
    const inner = c.object({ r, x }, 'Ownership', field.nodes);
    return {
      cypher: `COLLECT { MATCH (${n})-[${r}:SUBSIDIARY_OF]->(${x}:Company) WITH * ORDER BY ${currentLinkFirst(r, x)} LIMIT 1 RETURN ${inner.cypher} }[0]`,
      decode: inner.decode,
    };
  },
  subsidiaries: linkedMany('SUBSIDIARY_OF', 'Company', { in: true, orderBy: 'name' }),
  partnerships: (n, field, c) => {
    const kind = (field.args.where as { kind?: string | null } | null | undefined)?.kind ?? null;
    return c.connection(
      {
        sort: (x) => `${x}.title`,
        unique: true,
        handles: ['kind'],
        candidates: (x) => `MATCH (${n})-[:PARTICIPATES_IN]->(${x}:Partnership)${kind === null ? '' : ` WHERE ${x}.kind = ${c.param(kind)}`}`,
      },
      field,
    );
  },
  facilities: linkedMany('OPERATES', 'Facility', { orderBy: 'name' }),
  pledges: linkedMany('PLEDGED', 'Pledge', { orderBy: 'targetYear' }),
  sources: linkedMany('SOURCED_FROM', 'Source'),
};

/** An ownership: the parent link `r` to the parent company `x`. */
export const ownershipRead: TypeRead<{ r: string; x: string }> = {
  kind: ({ r }) => ({ cypher: `${r}.kind`, decode: (v) => v }),
  sharePercent: ({ r }) => ({ cypher: `${r}.sharePercent`, decode: (v) => v }),
  sourceIds: ({ r }) => ({ cypher: `coalesce(${r}.sources, [])`, decode: (v) => v }),
  retiredOn: ({ r }) => ({ cypher: `${r}.retiredOn`, decode: (v) => v }),
  parent: ({ x }, field, c) => c.object(x, 'Company', field.nodes),
};
