/** How programs and designations are read: each field's projection, and the programs connection. */
import { foreignExpression, stampsRead } from '../node/node.cypher.js';
import { companiesActiveInPark } from '../park/park.cypher.js';
import { linkedMany, linkedOne, listProperty, properties, property, type Compiler, type ConnectionRead, type FieldRead, type TypeRead } from '../read/compile.js';

/** All programs, by name. */
export const programsConnection: ConnectionRead = {
  sort: (x) => `${x}.name`,
  unique: true,
  candidates: (x) => `MATCH (${x}:Program)`,
};

/** A designation (or program) that counts: neither it nor its link is retired. */
const current = (d: string, link: string) => `${d}.retiredOn IS NULL AND ${link}.retiredOn IS NULL`;

export const programRead: TypeRead = {
  ...stampsRead,
  ...properties('id', 'name', 'localName', 'kind', 'issuedOn', 'documentNumber', 'url'),
  issuingBodies: listProperty('issuingBodies'),
  parks: (n, field, c) => {
    const [d, u, r] = [c.fresh('d'), c.fresh('u'), c.fresh('r')];
    return c.connection(
      {
        sort: (x) => `${x}.name`,
        candidates: (x) => `MATCH (${n})<-[${u}:UNDER]-(${d}:Designation)-[${r}:DESIGNATES]->(${x}:Park) WHERE ${current(d, u)} AND ${r}.retiredOn IS NULL`,
      },
      field,
    );
  },
  designations: (n, field, c) => {
    const u = c.fresh('u');
    return c.many((x) => `MATCH (${n})<-[${u}:UNDER]-(${x}:Designation) WHERE ${current(x, u)}`, field);
  },
  // Counted with a nested COLLECT, not count(): the projection is itself inside an aggregation.
  parksByProvince: (n, field, c) => {
    const [pv, k, row] = [c.fresh('pv'), c.fresh('k'), c.fresh('row')];
    const parksIn = (province: string | null) => {
      const [d, u, r, p] = [c.fresh('d'), c.fresh('u'), c.fresh('r'), c.fresh('p')];
      return `MATCH (${n})<-[${u}:UNDER]-(${d}:Designation)-[${r}:DESIGNATES]->(${p}:Park)-[:LOCATED_IN]->(${province ?? `${pv}:Province`})
  WHERE ${current(d, u)} AND ${r}.retiredOn IS NULL AND ${p}.retiredOn IS NULL
  RETURN DISTINCT ${province === null ? pv : p}`;
    };
    const inner = c.object(row, 'ProvinceParkCount', field.nodes);
    return {
      cypher: `COLLECT {
  CALL (${n}) { ${parksIn(null)} }
  WITH ${pv}, size(COLLECT { ${parksIn(pv)} }) AS ${k} ORDER BY ${k} DESC, ${pv}.code
  WITH {province: ${pv}, parkCount: ${k}} AS ${row}
  RETURN ${inner.cypher} }`,
      decode: (value) => ((value as unknown[] | null) ?? []).map(inner.decode),
    };
  },
  companies: (n, field, c) => {
    const foreign = field.args.foreign as boolean | null | undefined;
    const [d, u, r, p] = [c.fresh('d'), c.fresh('u'), c.fresh('r'), c.fresh('p')];
    return c.connection(
      {
        sort: (x) => `${x}.name`,
        candidates: (x) => `MATCH (${n})<-[${u}:UNDER]-(${d}:Designation)-[${r}:DESIGNATES]->(${p}:Park)
WHERE ${current(d, u)} AND ${r}.retiredOn IS NULL AND ${p}.retiredOn IS NULL
${companiesActiveInPark(p, x, c)}${foreign == null ? '' : `\nWITH ${x} WHERE ${foreignExpression(x)} = ${c.param(foreign)}`}`,
      },
      field,
    );
  },
  sources: linkedMany('SOURCED_FROM', 'Source'),
};

/** A province and how many of a program's parks lie in it: `x` is a map {province, parkCount}. */
export const provinceParkCountRead: TypeRead = {
  province: (x, field, c) => c.one((e) => `UNWIND [${x}.province] AS ${e}`, field),
  parkCount: property('parkCount'),
};

export const designationRead: TypeRead = {
  ...stampsRead,
  ...properties('id', 'status', 'batch', 'on'),
  park: linkedOne('DESIGNATES', 'Park'),
  program: linkedOne('UNDER', 'Program'),
  sources: linkedMany('SOURCED_FROM', 'Source'),
  // The designation's last terms over time, oldest first (plain objects, as a pledge's history).
  history: (n, field, c) => {
    const v = c.fresh('v');
    const last = c.countOf(field, 'last');
    return {
      cypher: `reverse(COLLECT { MATCH (${n})-[:HAS_VERSION]->(${v}:DesignationVersion) WITH ${v} ORDER BY ${v}.validFrom DESC, ${v}.validTo DESC${last === null ? '' : ` LIMIT ${c.param(last)}`} RETURN ${v} {.status, .batch, .on, .validFrom, .validTo, sourceIds: coalesce(${v}.sources, []), .recordedBy} })`,
      decode: (value) => value ?? [],
    };
  },
};

/** Park.designations: its current designations, by id. */
export const parkDesignationsRead: FieldRead = (n, field, c) => {
  const [r, u, p] = [c.fresh('r'), c.fresh('u'), c.fresh('p')];
  return c.many(
    (x) => `MATCH (${n})<-[${r}:DESIGNATES]-(${x}:Designation)-[${u}:UNDER]->(${p}:Program) WHERE ${current(x, r)} AND ${current(p, u)}`,
    field,
  );
};

export interface DesignationFilter {
  program: string | null;
  status: string | null;
  year: number | null;
}

/**
 * The condition that park `x` has a current designation matching `filter`,
 * or null when the filter asks nothing.
 */
export function designatedCondition(x: string, filter: DesignationFilter, c: Compiler): string | null {
  if (filter.program === null && filter.status === null && filter.year === null) return null;
  const [d, r, u, p] = [c.fresh('d'), c.fresh('r'), c.fresh('u'), c.fresh('p')];
  const conditions = [
    `${current(d, r)} AND ${current(p, u)}`,
    filter.program === null ? null : `${p}.id = ${c.param(filter.program)}`,
    filter.status === null ? null : `${d}.status = ${c.param(filter.status)}`,
    filter.year === null ? null : `left(${d}.on, 4) = ${c.param(String(filter.year))}`,
  ].filter((condition) => condition !== null);
  return `EXISTS { MATCH (${x})<-[${r}:DESIGNATES]-(${d}:Designation)-[${u}:UNDER]->(${p}:Program) WHERE ${conditions.join(' AND ')} }`;
}
