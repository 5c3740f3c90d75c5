/**
 * A connection's `aggregate`: `count`, and `min max avg sum` of each numeric
 * field the type declares filterable, over every node the filter selects
 * (not only the page). It reads the list of candidates the connection has
 * already collected, so it costs no second match.
 */
import { getNamedType, type GraphQLObjectType } from 'graphql';
import { COMPILED, type Compiler, type Projection } from './compile.js';
import { selectedFields, type SelectedField } from './selection.js';

/** The aggregate selected by `field` of the nodes in list `all` (a bound Cypher list), of type `type`. */
export function aggregateProjection(c: Compiler, type: string, field: SelectedField, all: string): Projection {
  const aggregateType = getNamedType(field.definition.type) as GraphQLObjectType;
  const spec = c.filters[type];
  const z = c.fresh('z');
  const parts = selectedFields(c.scope, aggregateType, field.nodes).map((f) => {
    if (f.name === 'count') return { key: f.responseKey, cypher: `size(${all})`, decode: (v: unknown) => v };
    const scalar = spec?.scalars[f.name];
    if (!scalar || scalar.kind !== 'number') throw new Error(`No aggregate is defined for ${type}.${f.name}`);
    const value = scalar.read({ n: z });
    const figureType = getNamedType(f.definition.type) as GraphQLObjectType;
    const wanted = selectedFields(c.scope, figureType, f.nodes);
    // Aggregating functions are not allowed over a list in an expression: the figures are folded by hand.
    const [v, w, m] = [c.fresh('v'), c.fresh('w'), c.fresh('m')];
    const fold = (keep: string) => `reduce(${m} = null, ${w} IN ${v} | CASE WHEN ${m} IS NULL OR ${w} ${keep} ${m} THEN ${w} ELSE ${m} END)`;
    // Each figure is one more walk over the list: only those asked for are folded, and the sum once.
    const asked = new Set(wanted.map((x) => x.name));
    const t = c.fresh('t');
    const figures = [
      ...(asked.has('min') ? [`min: ${fold('<')}`] : []),
      ...(asked.has('max') ? [`max: ${fold('>')}`] : []),
      ...(asked.has('sum') ? [`sum: ${t}`] : []),
      ...(asked.has('avg') ? [`avg: CASE size(${v}) WHEN 0 THEN null ELSE toFloat(${t}) / size(${v}) END`] : []),
      `none: size(${v}) = 0`,
    ];
    const total = asked.has('sum') || asked.has('avg') ? `reduce(${m} = 0, ${w} IN ${v} | ${m} + ${w})` : '0';
    const cypher = `[${v} IN [[${w} IN [${z} IN ${all} | ${value}] WHERE ${w} IS NOT NULL]] | [${t} IN [${total}] | {${figures.join(', ')}}][0]][0]`;
    return {
      key: f.responseKey,
      cypher,
      decode: (v: unknown) => {
        const figures = v as Record<string, number | boolean | null>;
        const decoded: Record<string | symbol, unknown> = { [COMPILED]: true };
        // A sum of nothing adds up to 0; with no value to add up there is no sum.
        for (const w of wanted) decoded[w.responseKey] = w.name === 'sum' && figures.none ? null : figures[w.name];
        return decoded;
      },
    };
  });
  return {
    cypher: `{${parts.map((p, i) => `f${i}: ${p.cypher}`).join(', ')}}`,
    decode: (value) => {
      const raw = value as Record<string, unknown>;
      const decoded: Record<string | symbol, unknown> = { [COMPILED]: true };
      parts.forEach((p, i) => (decoded[p.key] = p.decode(raw[`f${i}`])));
      return decoded;
    },
  };
}
