/** How parks are read: each Park field's projection, and the parks connection. */
import { ZERO_CARBON_PLEDGE_KINDS, stampsRead } from '../node/node.cypher.js';
import { linkedMany, linkedOne, listProperty, literal, properties, type Compiler, type ConnectionRead, type TypeRead } from '../read/compile.js';
import type { Anchor } from '../read/anchor.js';
import { foldedScalars, inIndexOrder, related, storedScalars, type FilterSpec } from '../read/filter.js';
import { MAX_YEAR, MIN_YEAR } from '../scalars.js';
import { designatedCondition, parkDesignationsRead } from '../program/program.cypher.js';
import { provinceCode } from '../province/provinceCodes.js';
import { assertInRange } from '../errors.js';

/**
 * Parks, optionally in some provinces (one, or an analyst's "in A or B")
 * and of one status, by name. The provinces anchor the match: it starts
 * from their codes in the index and walks LOCATED_IN, where testing the
 * short forms on every park would read them all. A park lies in one
 * province, so each is still bound once.
 */
export function parksConnection(filter: { provinces: Anchor<string> | null; status: string | null }): ConnectionRead {
  return {
    sort: (x) => `${x}.name`,
    indexOrder: true,
    unique: true,
    handles: ['status', ...(filter.provinces?.handles ?? [])],
    ...(filter.provinces === null && filter.status === null ? { label: 'Park' } : {}),
    candidates: (x: string, c: Compiler) => {
      const status = filter.status === null ? '' : ` WHERE ${x}.status = ${c.param(filter.status)}`;
      if (filter.provinces === null) return `MATCH (${x}:Park)${status}`;
      const pr = c.fresh('pr');
      return `MATCH (${pr}:Province) WHERE ${pr}.code IN ${c.param(filter.provinces.values)}
MATCH (${pr})<-[:LOCATED_IN]-(${x}:Park)${status}`;
    },
  };
}

/** Derived from the park's own zero-carbon pledges: the earliest target year. */
const zeroCarbonTargetYear = (n: string, p: string): string =>
  `COLLECT { MATCH (${n})-[:PLEDGED]->(${p}:Pledge) WHERE ${p}.kind IN [${ZERO_CARBON_PLEDGE_KINDS.map(literal).join(', ')}] AND ${p}.targetYear IS NOT NULL RETURN ${p}.targetYear ORDER BY ${p}.targetYear LIMIT 1 }[0]`;

/**
 * The pattern binding `x` to every company active in park `p` (a bound
 * variable): taking part in a current partnership concerning it, or
 * operating a current facility in it. May bind a company more than once.
 */
export const companiesActiveInPark = (p: string, x: string, c: Compiler): string => {
  const [r, q, s, f, o, i] = [c.fresh('r'), c.fresh('q'), c.fresh('s'), c.fresh('f'), c.fresh('o'), c.fresh('i')];
  return `CALL (${p}) {
  MATCH (${p})<-[${r}:CONCERNS]-(${q}:Partnership)<-[${s}:PARTICIPATES_IN]-(${x}:Company)
  WHERE ${r}.retiredOn IS NULL AND ${q}.retiredOn IS NULL AND ${s}.retiredOn IS NULL
  RETURN ${x}
  UNION
  MATCH (${p})<-[${i}:IN_PARK]-(${f}:Facility)<-[${o}:OPERATES]-(${x}:Company)
  WHERE ${i}.retiredOn IS NULL AND ${f}.retiredOn IS NULL AND ${o}.retiredOn IS NULL
  RETURN ${x}
}`;
};

const parkText = foldedScalars('Park');

/**
 * What a park can be filtered and sorted by. Short forms: `province` and
 * `status`, as at the root, and a current designation's `program`,
 * `designationStatus` and `designatedIn` (together: one designation matching all).
 */
export const parkFilter: FilterSpec = {
  scalars: {
    ...storedScalars({ id: 'string', localName: 'string', city: 'string' }),
    ...parkText,
    name: inIndexOrder(parkText.name!),
    zeroCarbonTargetYear: { kind: 'number', read: ({ n }) => zeroCarbonTargetYear(n, `${n}Zp`) },
  },
  relationships: {
    inProvince: related('LOCATED_IN', '->', 'Province'),
    prefectureCity: related('IN_CITY', '->', 'City'),
    partnerships: related('CONCERNS', '<-', 'Partnership'),
    pledges: related('PLEDGED', '->', 'Pledge'),
    facilities: related('IN_PARK', '<-', 'Facility'),
    sources: related('SOURCED_FROM', '->', 'Source'),
  },
  shortForms: {
    fields: ['province', 'status', 'program', 'designationStatus', 'designatedIn'],
    compile: (where, { n }, c, path) => {
      const designated = designatedCondition(n, {
        program: (where.program as string | undefined) ?? null,
        status: (where.designationStatus as string | undefined) ?? null,
        year: where.designatedIn == null ? null : assertInRange(where.designatedIn as number, MIN_YEAR, MAX_YEAR, `${path}.designatedIn`, 'a year'),
      }, c);
      return [
        ...(where.province == null
          ? []
          : [`EXISTS { MATCH (${n})-[:LOCATED_IN]->(:Province {code: ${c.param(provinceCode(where.province as string, `${path}.province`))}}) }`]),
        ...(where.status == null ? [] : [`${n}.status = ${c.param(where.status)}`]),
        ...(designated === null ? [] : [designated]),
      ];
    },
  },
};

export const parkRead: TypeRead = {
  ...stampsRead,
  ...properties('id', 'name', 'localName', 'status', 'city'),
  aliases: listProperty('aliases'),
  province: linkedOne('LOCATED_IN', 'Province'),
  prefectureCity: linkedOne('IN_CITY', 'City'),
  zeroCarbonTargetYear: (n, _field, c) => ({ cypher: zeroCarbonTargetYear(n, c.fresh('zp')), decode: (v) => v ?? null }),
  partnerships: linkedMany('CONCERNS', 'Partnership', { in: true, orderBy: 'title' }),
  pledges: linkedMany('PLEDGED', 'Pledge', { orderBy: 'targetYear' }),
  facilities: linkedMany('IN_PARK', 'Facility', { in: true, orderBy: 'name' }),
  sources: linkedMany('SOURCED_FROM', 'Source'),
  designations: parkDesignationsRead,
  companies: (n, field, c) => c.many((x) => `${companiesActiveInPark(n, x, c)} WITH ${x} WHERE ${x}.retiredOn IS NULL`, field, (x) => `${x}.name`),
};
