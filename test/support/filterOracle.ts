/**
 * The test's own reading of the filter grammar, written apart from
 * src/read/ and in other Cypher: quantifiers as list predicates (any, none,
 * all, single) over pattern comprehensions instead of EXISTS / COUNT
 * subqueries, two-valued logic by coalescing every atom instead of every
 * NOT, sort keys with an explicit null flag, aggregates with Cypher's own
 * aggregating functions. When the two disagree, one of them is wrong.
 */

export type Kind = 'string' | 'number' | 'date' | 'enum';

/** A relationship as the oracle walks it: type, direction from the filtered node, and the related label. */
export interface OracleRelationship {
  type: string;
  out: boolean;
  label: string;
}

export interface OracleType {
  label: string;
  scalars: Record<string, Kind>;
  relationships: Record<string, OracleRelationship>;
  /** Scalars read by an expression rather than a stored property. */
  computed?: Record<string, (x: string) => string>;
}

const ZERO_CARBON_KINDS = "['ZERO_CARBON', 'NET_ZERO', 'CARBON_NEUTRAL']";

export const ORACLE_TYPES: Record<string, OracleType> = {
  Company: {
    label: 'Company',
    scalars: { id: 'string', name: 'string', localName: 'string', sector: 'string' },
    relationships: {
      headquarteredIn: { type: 'HEADQUARTERED_IN', out: true, label: 'Country' },
      parent: { type: 'SUBSIDIARY_OF', out: true, label: 'Company' },
      subsidiaries: { type: 'SUBSIDIARY_OF', out: false, label: 'Company' },
      partnerships: { type: 'PARTICIPATES_IN', out: true, label: 'Partnership' },
      facilities: { type: 'OPERATES', out: true, label: 'Facility' },
      pledges: { type: 'PLEDGED', out: true, label: 'Pledge' },
    },
  },
  Partnership: {
    label: 'Partnership',
    scalars: { id: 'string', title: 'string', description: 'string', status: 'enum', startedOn: 'date', endedOn: 'date' },
    relationships: {
      parks: { type: 'CONCERNS', out: true, label: 'Park' },
      pledges: { type: 'CONTRIBUTES_TO', out: true, label: 'Pledge' },
    },
  },
  Pledge: {
    label: 'Pledge',
    scalars: { id: 'string', targetYear: 'number', statement: 'string' },
    relationships: { partnerships: { type: 'CONTRIBUTES_TO', out: false, label: 'Partnership' } },
  },
  Park: {
    label: 'Park',
    scalars: { id: 'string', name: 'string', city: 'string', zeroCarbonTargetYear: 'number' },
    computed: {
      zeroCarbonTargetYear: (x) =>
        `reduce(lo = null, v IN [(${x})-[:PLEDGED]->(zp:Pledge) WHERE zp.kind IN ${ZERO_CARBON_KINDS} AND zp.targetYear IS NOT NULL | zp.targetYear] | CASE WHEN lo IS NULL OR v < lo THEN v ELSE lo END)`,
    },
    relationships: {
      inProvince: { type: 'LOCATED_IN', out: true, label: 'Province' },
      partnerships: { type: 'CONCERNS', out: false, label: 'Partnership' },
      pledges: { type: 'PLEDGED', out: true, label: 'Pledge' },
      facilities: { type: 'IN_PARK', out: false, label: 'Facility' },
    },
  },
  Source: { label: 'Source', scalars: { id: 'string', title: 'string', publisher: 'string', publishedOn: 'date' }, relationships: {} },
  Country: { label: 'Country', scalars: { code: 'string', name: 'string' }, relationships: {} },
  Province: { label: 'Province', scalars: { code: 'string', name: 'string', kind: 'enum' }, relationships: {} },
  Facility: {
    label: 'Facility',
    scalars: { name: 'string', kind: 'enum', city: 'string' },
    relationships: { park: { type: 'IN_PARK', out: true, label: 'Park' }, operator: { type: 'OPERATES', out: false, label: 'Company' } },
  },
};

/** A province as a filter may name it: code, English name, Chinese name with or without its generic term. */
const namesProvince = (pv: string, v: string) =>
  `(${pv}.code = ${v} OR toLower(${pv}.name) = toLower(${v}) OR ${pv}.localName = ${v} OR (size(${v}) >= 2 AND ${pv}.localName STARTS WITH ${v}))`;

/** What each short form means, as the schema's descriptions say. */
const SHORT_FORMS: Record<string, Record<string, (x: string, value: string, where: Record<string, unknown>, p: (v: unknown) => string) => string | null>> = {
  Company: {
    foreign: (x, v) => `${x}.foreign = ${v}`,
    province: (x, v, where, p) =>
      `any(a IN [(${x})-[a:ACTIVE_IN]->(pv:Province) WHERE ${namesProvince('pv', v)} | a] WHERE ${where.partnershipKind == null ? 'true' : `${p(where.partnershipKind)} IN a.kinds`})`,
    partnershipKind: (x, v, where) => (where.province != null ? null : `size([(${x})-[:PARTICIPATES_IN]->(k:Partnership) WHERE k.kind = ${v} | k]) > 0`),
    country: (x, v) => `size([(${x})-[:HEADQUARTERED_IN]->(hq:Country) WHERE hq.code = ${v} | hq]) > 0`,
  },
  Pledge: {
    kind: (x, v) => `${x}.kind = ${v}`,
    status: (x, v) => `${x}.status = ${v}`,
    targetYearLte: (x, v) => `${x}.targetYear <= ${v}`,
    targetYearGte: (x, v) => `${x}.targetYear >= ${v}`,
  },
  Park: {
    status: (x, v) => `${x}.status = ${v}`,
    province: (x, v) => `size([(${x})-[:LOCATED_IN]->(lp:Province) WHERE ${namesProvince('lp', v)} | lp]) > 0`,
  },
  Partnership: { kind: (x, v) => `${x}.kind = ${v}` },
};

const OPERATOR: Record<string, string> = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=', contains: 'CONTAINS', startsWith: 'STARTS WITH', endsWith: 'ENDS WITH' };

/** Builds one oracle statement; every value a parameter. */
export class Oracle {
  readonly params: Record<string, unknown> = {};
  private n = 0;

  private p(value: unknown): string {
    const name = `o${this.n++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  private v(prefix: string): string {
    return `${prefix}_${this.n++}`;
  }

  scalar(type: string, field: string, x: string): string {
    const computed = ORACLE_TYPES[type]!.computed?.[field];
    return computed ? computed(x) : `${x}.${field}`;
  }

  /** The condition `where` puts on node `x` of `type`, always true or false, never null. */
  where(type: string, where: Record<string, any>, x: string): string {
    const parts: string[] = ['true'];
    for (const [key, value] of Object.entries(where)) {
      if (value === null || value === undefined) continue;
      if (key === 'AND') parts.push(...(value as any[]).map((w) => `(${this.where(type, w, x)})`));
      else if (key === 'OR') parts.push(`(${(value as any[]).map((w) => `(${this.where(type, w, x)})`).join(' OR ') || 'false'})`);
      else if (key === 'NOT') parts.push(`NOT (${this.where(type, value, x)})`);
      else if (SHORT_FORMS[type]?.[key]) {
        const atom = SHORT_FORMS[type][key](x, this.p(value), where, (v) => this.p(v));
        if (atom) parts.push(`coalesce(${atom}, false)`);
      } else if (type === 'Partnership' && key === 'participants') parts.push(...this.participants(value, x));
      else if (ORACLE_TYPES[type]!.relationships[key]) parts.push(...this.quantified(ORACLE_TYPES[type]!.relationships[key], value, x));
      else parts.push(...this.operators(ORACLE_TYPES[type]!.scalars[key]!, this.scalar(type, key, x), value));
    }
    return parts.join(' AND ');
  }

  private operators(kind: Kind, value: string, operators: Record<string, unknown>): string[] {
    const folded = kind === 'string' && operators.caseInsensitive === true;
    const lhs = folded ? `toLower(${value})` : value;
    const rhs = (v: unknown) => this.p(folded ? (Array.isArray(v) ? v.map((s) => String(s).toLowerCase()) : String(v).toLowerCase()) : v);
    return Object.entries(operators)
      .filter(([op, v]) => op !== 'caseInsensitive' && v !== null && v !== undefined)
      .map(([op, v]) => `coalesce(${op === 'in' ? `${lhs} IN ${rhs(v)}` : `${lhs} ${OPERATOR[op]} ${rhs(v)}`}, false)`);
  }

  private quantified(rel: OracleRelationship, quantifiers: Record<string, any>, x: string): string[] {
    const out: string[] = [];
    for (const [quantifier, inner] of Object.entries(quantifiers)) {
      if (inner === null || inner === undefined) continue;
      const [r, y, e] = [this.v('r'), this.v('y'), this.v('e')];
      const pattern = rel.out ? `(${x})-[${r}:${rel.type}]->(${y}:${rel.label})` : `(${x})<-[${r}:${rel.type}]-(${y}:${rel.label})`;
      const list = `[${pattern} WHERE ${r}.retiredOn IS NULL AND ${y}.retiredOn IS NULL | ${y}]`;
      // The same node reached by two relationships counts once. Only `single` can tell a node met twice from
      // once (any, none and all cannot), and the reduce is costly for Neo4j to plan: the others take the list.
      const nodes = quantifier === 'single' ? `reduce(seen = [], n IN ${list} | CASE WHEN n IN seen THEN seen ELSE seen + [n] END)` : list;
      const condition = this.where(rel.label, inner, e);
      out.push(this.predicate(quantifier, e, nodes, condition));
    }
    return out;
  }

  private participants(quantifiers: Record<string, any>, x: string): string[] {
    const out: string[] = [];
    for (const [quantifier, inner] of Object.entries(quantifiers)) {
      if (inner === null || inner === undefined) continue;
      const [r, y, e, c] = [this.v('r'), this.v('y'), this.v('e'), this.v('c')];
      const list = `[(${x})<-[${r}:PARTICIPATES_IN]-(${y}:Company) WHERE ${r}.retiredOn IS NULL AND ${y}.retiredOn IS NULL | ${r}]`;
      out.push(this.predicate(quantifier, e, list, this.participant(inner, e, c)));
    }
    return out;
  }

  private participant(where: Record<string, any>, e: string, c: string): string {
    const parts = ['true'];
    for (const [key, value] of Object.entries(where)) {
      if (value === null || value === undefined) continue;
      if (key === 'AND') parts.push(...(value as any[]).map((w) => `(${this.participant(w, e, this.v('c'))})`));
      else if (key === 'OR') parts.push(`(${(value as any[]).map((w) => `(${this.participant(w, e, this.v('c'))})`).join(' OR ') || 'false'})`);
      else if (key === 'NOT') parts.push(`NOT (${this.participant(value, e, this.v('c'))})`);
      else if (key === 'role') parts.push(...this.operators('enum', `${e}.role`, value));
      else parts.push(`any(${c} IN [startNode(${e})] WHERE ${this.where('Company', value, c)})`);
    }
    return parts.join(' AND ');
  }

  private predicate(quantifier: string, e: string, list: string, condition: string): string {
    const fn = { some: 'any', none: 'none', all: 'all', single: 'single' }[quantifier];
    return `${fn}(${e} IN ${list} WHERE ${condition})`;
  }

  /**
   * The whole answer: ids in order (sort keys nulls last, then id) and,
   * for `figure`, min/max/avg/sum over every selected node.
   */
  statement(type: string, where: Record<string, any>, sort: Record<string, 'ASC' | 'DESC'>[], figure: string | null): string {
    const keys = sort.flatMap((entry) => Object.entries(entry)).flatMap(([field, direction]) => {
      const value = this.scalar(type, field, 'x');
      return [`CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END`, `${value} ${direction}`];
    });
    const value = figure ? this.scalar(type, figure, 'x') : 'null';
    // One aggregation over the ordered rows (collect keeps their order): Neo4j plans it faster than a collect and a subquery.
    return `MATCH (x:${ORACLE_TYPES[type]!.label}) WHERE x.retiredOn IS NULL AND ${this.where(type, where, 'x')}
WITH x, ${value} AS v ORDER BY ${[...keys, 'x.id'].join(', ')}
RETURN collect(x.id) AS ids, min(v) AS min, max(v) AS max, avg(v) AS avg, CASE WHEN count(v) = 0 THEN null ELSE sum(v) END AS sum`;
  }
}
