/**
 * `stats` in one round trip: the graph version, the figures when this
 * replica does not hold them for that version yet, and the provinces the
 * figures name, projected for the request's selection, in one statement.
 */
import { getNamedType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { ALONE, load, type SingleReadOp } from '../neo4j/batch.js';
import type { Projection } from '../read/compile.js';
import { compileIn } from '../read/read.js';
import { selectedFields } from '../read/selection.js';
import { PROVINCE, statsCypher, type GraphStatsRow } from './stats.cypher.js';

/** The figures at the last version this replica read; correct until the next write bumps it. */
let held: { version: string; figures: GraphStatsRow } | null = null;

interface StatsAnswer {
  version: string;
  figures: GraphStatsRow | null;
  provinces: Record<string, unknown>[];
}

export async function readStats(ctx: Context, info: GraphQLResolveInfo): Promise<GraphStatsRow> {
  const holding = held;
  const compiled = compileIn(info, (compiler) => {
    const pr = compiler.fresh('pr');
    // Every `province` selected under every `byProvince` (aliases included), keyed "byProvince.province".
    const projections: { key: string; column: string; projection: Projection }[] = [];
    for (const by of selectedFields(compiler.scope, getNamedType(info.returnType) as GraphQLObjectType, info.fieldNodes)) {
      if (by.name !== 'byProvince') continue;
      for (const field of selectedFields(compiler.scope, getNamedType(by.definition.type) as GraphQLObjectType, by.nodes)) {
        if (field.name !== 'province') continue;
        projections.push({ key: `${by.responseKey}.${field.responseKey}`, column: `s${projections.length}`, projection: compiler.object(pr, 'Province', field.nodes) });
      }
    }
    const provinces = projections.length
      ? `COLLECT { MATCH (${pr}:Province) RETURN {id: ${pr}.id${projections.map((p) => `, ${p.column}: ${p.projection.cypher}`).join('')}} }`
      : '[]';
    return { cypher: statsCypher(compiler.param(holding?.version ?? ''), provinces), projections };
  });
  const { cypher, params, projections } = compiled(ALONE.namespace);
  const op: SingleReadOp<null, StatsAnswer> = {
    name: `stats:${cypher}\u0000${JSON.stringify(params)}`,
    mode: 'single',
    statement: ({ namespace }) => compiled(namespace),
  };
  const answer = await load(ctx.loader, op, null);
  let figures = answer.figures;
  if (figures) held = { version: answer.version, figures };
  // No figures: the version is the one sent as held, so `holding` has them.
  else figures = holding!.figures;
  const byId = new Map(answer.provinces.map((province) => [province.id as string, province]));
  return {
    ...figures,
    byProvince: figures.byProvince.map((row) => {
      const province = byId.get(row.provinceId);
      return { ...row, [PROVINCE]: new Map(projections.map((p) => [p.key, p.projection.decode(province?.[p.column])])) };
    }),
  };
}

/** The province of a `byProvince` row as `readStats` projected it for this field, if it did. */
export function projectedProvince(row: { [PROVINCE]?: Map<string, unknown> }, info: GraphQLResolveInfo): unknown {
  const byProvince = info.path.prev?.prev?.key;
  return row[PROVINCE]?.get(`${String(byProvince)}.${String(info.path.key)}`) ?? null;
}
