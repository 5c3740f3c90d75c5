/** How parks are read: each Park field's projection, and the parks connection. */
import { ZERO_CARBON_PLEDGE_KINDS, stampsRead } from '../node/node.cypher.js';
import { listProperty, literal, property, type Compiler, type ConnectionRead, type TypeRead } from '../read/compile.js';
import { designatedCondition, parkDesignationsRead, type DesignationFilter } from '../program/program.cypher.js';

/** Parks, optionally in one province, of one status and designated under a program (see DesignationFilter), by name. */
export function parksConnection(filter: { province: string | null; status: string | null; designation: DesignationFilter }): ConnectionRead {
  return {
    sort: (x) => `${x}.name`,
    unique: true,
    candidates: (x: string, c: Compiler) => {
      const conditions = [
        filter.status === null ? null : `${x}.status = ${c.param(filter.status)}`,
        designatedCondition(x, filter.designation, c),
      ].filter((condition) => condition !== null);
      const status = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
      return filter.province === null
        ? `MATCH (${x}:Park)${status}`
        : `MATCH (:Province {code: ${c.param(filter.province)}})<-[:LOCATED_IN]-(${x}:Park)${status}`;
    },
  };
}

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

export const parkRead: TypeRead = {
  ...stampsRead,
  id: property('id'),
  name: property('name'),
  localName: property('localName'),
  aliases: listProperty('aliases'),
  status: property('status'),
  city: property('city'),
  province: (n, field, c) => c.one((x) => `MATCH (${n})-[:LOCATED_IN]->(${x}:Province)`, field),
  prefectureCity: (n, field, c) => c.one((x) => `MATCH (${n})-[:IN_CITY]->(${x}:City)`, field),
  // Derived from the park's own zero-carbon pledges: the earliest target year.
  zeroCarbonTargetYear: (n, _field, c) => {
    const p = c.fresh('zp');
    return {
      cypher: `COLLECT { MATCH (${n})-[:PLEDGED]->(${p}:Pledge) WHERE ${p}.kind IN [${ZERO_CARBON_PLEDGE_KINDS.map(literal).join(', ')}] AND ${p}.targetYear IS NOT NULL RETURN ${p}.targetYear ORDER BY ${p}.targetYear LIMIT 1 }[0]`,
      decode: (v) => v ?? null,
    };
  },
  partnerships: (n, field, c) => c.many((x) => `MATCH (${x}:Partnership)-[:CONCERNS]->(${n})`, field, (x) => `${x}.title`),
  pledges: (n, field, c) => c.many((x) => `MATCH (${n})-[:PLEDGED]->(${x}:Pledge)`, field, (x) => `${x}.targetYear`),
  facilities: (n, field, c) => c.many((x) => `MATCH (${x}:Facility)-[:IN_PARK]->(${n})`, field, (x) => `${x}.name`),
  designations: parkDesignationsRead,
  companies: (n, field, c) => c.many((x) => `${companiesActiveInPark(n, x, c)} WITH ${x} WHERE ${x}.retiredOn IS NULL`, field, (x) => `${x}.name`),
  sources: (n, field, c) => c.many((x) => `MATCH (${n})-[:SOURCED_FROM]->(${x}:Source)`, field),
};
