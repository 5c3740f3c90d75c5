/**
 * A Relay connection compiled into one expression: the candidates a domain
 * defines, narrowed by the generic `where`, paged in the domain's order or
 * the `sort` asked for, with `totalCount` and `aggregate` over every node
 * the filter selects, all from one candidate match.
 */
import { getNamedType, type FieldNode, type GraphQLObjectType } from 'graphql';
import { afterCursor, cursorOf, pageOf, pageRequest, type PageItem, type PageRequest } from '../pagination.js';
import { aggregateProjection } from './aggregate.js';
import { relationshipAnchor } from './anchor.js';
import { COMPILED, type Compiler, type Projection } from './compile.js';
import { afterSortCursor, indexOrderCondition, orderBy as orderByKeys, setThenMissing, sortKeys, sortValues, type SetThenMissing } from './sort.js';
import { selectedFields, type SelectedField } from './selection.js';

/**
 * A Relay connection of entities: its candidates, and the order to page
 * them in. The sort expression must be an indexed property (or a stored
 * sort key), so that a page without `totalCount` reads no more than it needs.
 */
export interface ConnectionRead {
  /** Cypher that binds `x`, possibly more than once per entity, for the field's arguments. */
  candidates: (x: string, compiler: Compiler) => string;
  /** The sort value of `x` that cursors record and compare; ties are broken by `x.id`. */
  sort: (x: string) => string;
  /**
   * What to ORDER BY, when not `sort` itself: an indexed property that
   * orders the same as `sort` (e.g. a nullable property, nulls sorting
   * last), so that the planner can read the index in order.
   */
  orderBy?: (x: string) => string;
  /**
   * Set when the order (`orderBy`, else `sort`) is a property every entity
   * has, served by a RANGE index: the page then reads the index in order
   * (see `indexOrderCondition`).
   */
  indexOrder?: boolean;
  /**
   * Set when the order (`orderBy`, ascending) is a property that a RANGE
   * index serves where it is set and that sorts missing values last: a
   * page then reads those that have it in index order, then the others
   * (see setThenMissing).
   */
  indexOrderWhenSet?: boolean;
  /** Set when `candidates` can bind an entity only once: no DISTINCT needed. */
  unique?: boolean;
  /** Top-level `where` fields (short forms) that `candidates` already applies, from an index. */
  handles?: readonly string[];
  /**
   * Set when `candidates` binds every node of this label (the field's
   * arguments narrow nothing): a relationship filter that names a related
   * node by its key may then start the match from that node instead
   * (src/read/anchor.ts, relationshipAnchor).
   */
  label?: string;
}

interface ItemRow extends PageItem {
  [projection: string]: unknown;
}

/** The order a connection pages in: the domain's own, or the `sort` argument's. */
function orderOf(c: Compiler, read: ConnectionRead, field: SelectedField, type: string) {
  const spec = c.filters[type];
  const keys = spec ? sortKeys(type, spec, field.args.sort) : [];
  if (!keys.length) {
    const orderBy = read.orderBy ?? read.sort;
    return {
      count: 0,
      sort: read.sort,
      orderBy,
      inIndexOrder: (x: string) => (read.indexOrder ? `${orderBy(x)} IS NOT NULL` : null),
      split: (x: string): SetThenMissing | null =>
        read.indexOrderWhenSet ? { set: `${orderBy(x)} IS NOT NULL`, missing: `${orderBy(x)} IS NULL`, setOrderBy: orderBy(x), missingOrderBy: '' } : null,
      after: (x: string, page: string) => afterCursor(read.sort(x), x, page),
    };
  }
  return {
    count: keys.length,
    inIndexOrder: (x: string) => indexOrderCondition(keys, x),
    split: (x: string) => setThenMissing(keys, x),
    sort: (x: string) => sortValues(keys, x),
    orderBy: (x: string) => orderByKeys(keys, x),
    after: (x: string, page: string) => afterSortCursor(keys, x, page),
  };
}

export function compileConnection(c: Compiler, read: ConnectionRead, field: SelectedField): Projection {
  const connectionType = getNamedType(field.definition.type) as GraphQLObjectType;
  const nodeType = getNamedType(connectionType.getFields().nodes!.type);
  const order = orderOf(c, read, field, nodeType.name);
  const page: PageRequest = pageRequest(field.args as { first?: number; after?: string }, order.count);
  const fields = selectedFields(c.scope, connectionType, field.nodes);
  const x = c.fresh('x');
  const all = c.fresh('all');

  // Every distinct node selection (of `nodes` and of `edges.node`) is one projection of the item.
  const projections: { key: string; projection: Projection }[] = [];
  const project = (nodes: readonly FieldNode[]): string => {
    const key = `s${projections.length}`;
    projections.push({ key, projection: c.object(x, nodeType, nodes) });
    return key;
  };
  const figures: { key: string; projection: Projection }[] = [];
  const decoders = fields.map((f) => {
    switch (f.name) {
      case 'totalCount':
        return { key: f.responseKey, decode: (total: number, _items: ItemRow[], _raw: Record<string, unknown>) => total };
      case 'aggregate': {
        const projection = aggregateProjection(c, nodeType.name, f, all);
        const key = `a${figures.length}`;
        figures.push({ key, projection });
        return { key: f.responseKey, decode: (_total: number, _items: ItemRow[], raw: Record<string, unknown>) => projection.decode(raw[key]) };
      }
      case 'pageInfo':
        return {
          key: f.responseKey,
          decode: (_total: number, items: ItemRow[]) => pageOf(items, page).pageInfo,
        };
      case 'nodes': {
        const key = project(f.nodes);
        const decode = projections.at(-1)!.projection.decode;
        return { key: f.responseKey, decode: (_total: number, items: ItemRow[]) => pageOf(items, page).items.map((i) => decode(i[key])) };
      }
      case 'edges': {
        const edgeType = getNamedType(f.definition.type) as GraphQLObjectType;
        const edgeFields = selectedFields(c.scope, edgeType, f.nodes).map((e) => {
          if (e.name === 'cursor') return { key: e.responseKey, decode: (item: ItemRow) => cursorOf(item) };
          const key = project(e.nodes);
          const decode = projections.at(-1)!.projection.decode;
          return { key: e.responseKey, decode: (item: ItemRow) => decode(item[key]) };
        });
        return {
          key: f.responseKey,
          decode: (_total: number, items: ItemRow[]) =>
            pageOf(items, page).items.map((item) => {
              const edge: Record<string | symbol, unknown> = { [COMPILED]: true };
              for (const { key, decode } of edgeFields) edge[key] = decode(item);
              return edge;
            }),
        };
      }
      default:
        throw new Error(`No read is defined for ${connectionType.name}.${f.name}`);
    }
  });

  // The first page has no cursor to compare with: it is the head of the order, taken as a slice.
  const after = page.afterId === null ? null : c.param({ afterSort: page.afterSort, afterId: page.afterId });
  const limit = c.param(page.first + 1);
  const item = `{sort: ${order.sort(x)}, id: ${x}.id${projections.map((p) => `, ${p.key}: ${p.projection.cypher}`).join('')}}`;
  // Retired entities stay readable by id but are left out of every list.
  const filter = c.filters[nodeType.name] ? c.where.condition(nodeType.name, field.args.where, { n: x }, 'where', 0, read.handles ?? []) : null;
  const counted = fields.some((f) => f.name === 'totalCount') || figures.length > 0;
  // Only a page that stops early gains from index order. A counted one reads every match anyway, and
  // offered the order, the planner takes it over a selective filter's own index (ParentGroups at M:
  // 20,993 db hits against 14,837 from the TEXT index on nameFolded).
  const inIndexOrder = counted ? null : order.inIndexOrder(x);
  const conditions = [`${x}.retiredOn IS NULL`, ...(inIndexOrder === null ? [] : [inIndexOrder]), ...(filter === null ? [] : [filter])];
  const anchored = read.label === undefined ? null : relationshipAnchor(c, nodeType.name, read.label, field.args.where, x);
  const unique = anchored === null && read.unique;
  const candidates = `${anchored ?? read.candidates(x, c)}\nWITH ${unique ? '' : 'DISTINCT '}${x} WHERE ${conditions.join(' AND ')}`;
  let cypher: string;
  if (counted) {
    // One candidate match serves the count, the aggregates and the page.
    const y = c.fresh('y');
    const extra = figures.map((f) => `, ${f.key}: ${f.projection.cypher}`).join('');
    cypher = `[${all} IN [COLLECT { ${candidates} RETURN ${x} ORDER BY ${order.orderBy(x)}, ${x}.id }] | {total: size(${all})${extra}, items: [${x} IN ${after === null ? all : `[${y} IN ${all} WHERE ${order.after(y, after)}]`}[..${limit}] | ${item}]}][0]`;
  } else {
    const afterThat = after === null ? '' : ` AND ${order.after(x, after)}`;
    const part = (condition: string, orderBy: string) =>
      `COLLECT { ${candidates} AND ${condition}${afterThat} WITH ${x} ORDER BY ${orderBy ? `${orderBy}, ` : ''}${x}.id LIMIT ${limit} RETURN ${item} }`;
    const split = order.split(x);
    if (split === null) {
      cypher = `{total: null, items: COLLECT { ${candidates}${afterThat} WITH ${x} ORDER BY ${order.orderBy(x)}, ${x}.id LIMIT ${limit} RETURN ${item} }}`;
    } else {
      // Those that have the key, in index order; those that lack it only when the first fall short of the page.
      const set = c.fresh('set');
      const missing = `CASE WHEN size(${set}) < ${limit} THEN ${part(split.missing, split.missingOrderBy)} ELSE [] END`;
      cypher = `{total: null, items: [${set} IN [${part(split.set, split.setOrderBy)}] | (${set} + ${missing})[..${limit}]][0]}`;
    }
  }
  return {
    cypher,
    decode: (value) => {
      const raw = value as { total: number | null; items: ItemRow[] | null } & Record<string, unknown>;
      const items = raw.items ?? [];
      const connection: Record<string | symbol, unknown> = { [COMPILED]: true };
      for (const { key, decode } of decoders) connection[key] = decode(raw.total ?? 0, items, raw);
      return connection;
    },
  };
}
