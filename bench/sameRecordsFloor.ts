/**
 * The import bench's same-records floor: exactly the records the import of
 * bench/importRows.ts left, written again with plain `UNWIND … CREATE` and
 * nothing else (no checks, locks, MERGE or reads of what is there). Where the
 * same-graph floor (importFloor.ts) writes the rows' own properties only, this
 * one copies every node and relationship of the import with ALL the
 * properties the import stored (stamps, row hashes, folded text, derived
 * flags and ACTIVE_IN included), its pledge versions, and one
 * (:BenchFloorChange) per (:Change) the import appended, with the same
 * properties. So import / this floor is the cost of the import's work beyond
 * writing its records, and same-graph floor / this floor the cost of the
 * records it writes beyond the rows' own.
 *
 * Everything is read into memory before the timer starts. The floor replays
 * the import's transactions: the change log's `at` is the instant of the
 * statement that appended it, one per import transaction, so the import's
 * changes grouped by `at` (in seq order) are its transactions, and each floor
 * transaction writes the entities created in one of them, the relationships
 * created in it (from the same changes; other relationships go with their
 * later-written end) and its changes. Ids starting with `bench-` become
 * `bench-same-…`; copied ends are found by id through the same index the
 * import uses, ends the import did not write (countries, provinces, cities)
 * by element id; the import record is copied before the timer. Every node it
 * makes is labelled BenchFloor (removeImportFloor removes it); its changes are
 * never (:Change) and the ChangeSequence is not touched.
 */
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../src/neo4j/database.js';

export const SAME_PREFIX = 'bench-same-';
const FROM_PREFIX = 'bench-';
type Props = Record<string, unknown>;

/** Property maps come back with integers as JS numbers (disableLosslessIntegers); these return each integer key so it is written back as an integer. */
const typed = (x: string) => `{props: properties(${x}), ints: [k IN keys(${x}) WHERE ${x}[k] IS :: INTEGER | k], intLists: [k IN keys(${x}) WHERE ${x}[k] IS :: LIST<INTEGER NOT NULL> | k]}`;

/** The copy of a stored property map: ids remapped, integers kept integers. */
function copy(stored: { props: Props; ints: string[]; intLists: string[] }): Props {
  const remap = (v: unknown): unknown =>
    typeof v === 'string' && v.startsWith(FROM_PREFIX) ? SAME_PREFIX + v.slice(FROM_PREFIX.length) : Array.isArray(v) ? v.map(remap) : v;
  const out: Props = {};
  for (const [k, v] of Object.entries(stored.props)) out[k] = remap(v);
  for (const k of stored.ints) out[k] = neo4j.int(out[k] as number);
  for (const k of stored.intLists) out[k] = (out[k] as number[]).map((x) => neo4j.int(x));
  return out;
}

type Stored = Parameters<typeof copy>[0];
interface NodeRow { id: string; labels: string[]; props: Stored; versions: { labels: string[]; props: Stored; rel: Stored }[] }
/** A relationship of the import; an end it did not write has `copied` false and is found by element id. */
interface RelRow { from: string | null; fromCopied: boolean; fromElement: string; type: string; to: string | null; toCopied: boolean; toElement: string; toImport: boolean; props: Stored }

async function readAll<T>(db: Database, cypher: string, params: Props = {}): Promise<T[]> {
  return db.readTransaction(async (tx: ManagedTransaction) => (await tx.run(cypher, params)).records.map((r) => r.toObject() as T));
}

/** One floor transaction: statements (Cypher and its rows) in order. */
type Transaction = Map<string, unknown[]>;

/** What the floor writes, read from the imported graph; `transactions` is the import's count of change-log appends. */
export async function planSameRecordsFloor(db: Database): Promise<{ transactions: Transaction[]; records: string }> {
  const nodes = await readAll<NodeRow>(
    db,
    `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
RETURN n.id AS id, labels(n) AS labels, ${typed('n')} AS props,
  [(n)-[h:HAS_VERSION]->(v) | {labels: labels(v), props: ${typed('v')}, rel: ${typed('h')}}] AS versions`,
    { prefix: FROM_PREFIX },
  );
  const ofCopy = (x: string) => `${x}:Entity AND ${x}.id STARTS WITH $prefix`;
  const rels = await readAll<RelRow>(
    db,
    `MATCH (a)-[r]->(b) WHERE (${ofCopy('a')} OR ${ofCopy('b')}) AND NOT r:HAS_VERSION
RETURN a.id AS from, ${ofCopy('a')} AS fromCopied, elementId(a) AS fromElement, type(r) AS type,
  b.id AS to, ${ofCopy('b')} AS toCopied, elementId(b) AS toElement, b:Import AS toImport, ${typed('r')} AS props`,
    { prefix: FROM_PREFIX },
  );
  // The import's record is written before its rows: copied here, before the timer, like the same-graph floor's;
  // without its unchanged-files stamp, so that a copy left by a failed run is never taken for the import.
  const imports = new Map<string, string>();
  for (const element of new Set(rels.filter((r) => r.toImport).map((r) => r.toElement))) {
    const [row] = await db.write(
      `MATCH (i) WHERE elementId(i) = $element
CREATE (c:Import:BenchFloor) SET c = i {.*, id: $prefix + i.id, unchangedKey: null, unchangedAt: null} RETURN elementId(c) AS element, i.id AS id`,
      { element, prefix: SAME_PREFIX },
    );
    imports.set(element, row!.element as string);
    imports.set(row!.id as string, SAME_PREFIX + (row!.id as string));
  }
  const changes = await readAll<{ at: unknown; props: Stored }>(
    db,
    `MATCH (c:Change) WHERE c.importId IN $imports RETURN toString(c.at) AS at, ${typed('c')} AS props ORDER BY c.seq`,
    { imports: [...imports.keys()] },
  );

  const transactions: Transaction[] = [];
  const groupOfEntity = new Map<string, number>();
  const groupOfEdge = new Map<string, number>();
  let at: unknown = null;
  for (const change of changes) {
    if (change.at !== at || !transactions.length) transactions.push(new Map());
    at = change.at;
    const group = transactions.length - 1;
    const c = change.props.props;
    if (c.op === 'CREATED' && c.entityId) groupOfEntity.set(c.entityId as string, group);
    if (c.op === 'CREATED' && c.edgeType) groupOfEdge.set(`${c.edgeType as string} ${c.from as string} ${c.to as string}`, group);
    const props = copy(change.props);
    props.importId = imports.get(c.importId as string) ?? props.importId;
    add(transactions[group]!, `CREATE (:BenchFloorChange:BenchFloor ${inline('r', [props])})`, props);
  }
  if (!transactions.length) transactions.push(new Map());
  const groupOf = (id: string | null) => groupOfEntity.get(id ?? '') ?? 0;

  for (const n of nodes) {
    const versionLabels = n.versions[0]?.labels.join(':') ?? '';
    const props = copy(n.props);
    const versions = n.versions.map((v) => ({ props: copy(v.props), rel: copy(v.rel) }));
    const cypher = `CREATE (n:${n.labels.join(':')}:BenchFloor ${inline('r.props', [props])})${
      versionLabels
        ? `\nWITH n, r UNWIND r.versions AS v\nCREATE (n)-[:HAS_VERSION ${inline('v.rel', versions.map((v) => v.rel))}]->(:${versionLabels}:BenchFloor ${inline('v.props', versions.map((v) => v.props))})`
        : ''
    }`;
    add(transactions[groupOf(n.id)]!, cypher, { props, versions });
  }
  const end = (v: string, copied: boolean) => (copied ? `MATCH (${v}:Entity {id: r.${v}})` : `MATCH (${v}) WHERE elementId(${v}) = r.${v}`);
  const remapId = (id: string | null) => SAME_PREFIX + id!.slice(FROM_PREFIX.length);
  for (const r of rels) {
    const group = groupOfEdge.get(`${r.type} ${r.from ?? ''} ${r.to ?? ''}`) ?? Math.max(groupOf(r.from), groupOf(r.to));
    const props = copy(r.props);
    const cypher = `${end('a', r.fromCopied)}\n${end('b', r.toCopied)}\nCREATE (a)-[:${r.type} ${inline('r.props', [props])}]->(b)`;
    const a = r.fromCopied ? remapId(r.from) : r.fromElement;
    const b = r.toCopied ? remapId(r.to) : (imports.get(r.toElement) ?? r.toElement);
    add(transactions[group]!, cypher, { a, b, props });
  }
  const versions = nodes.reduce((sum, n) => sum + n.versions.length, 0);
  return { transactions, records: `${nodes.length + versions} nodes (${versions} versions), ${rels.length + versions} relationships, ${changes.length} changes` };
}

/**
 * The properties of `maps` written inline in the CREATE, key by key: a `SET x = map` after it
 * makes the planner put an Eager before the SET. A key a map lacks is null there and not stored.
 */
function inline(from: string, maps: Props[]): string {
  const keys = [...new Set(maps.flatMap((m) => Object.keys(m)))].sort();
  return `{${keys.map((k) => `\`${k}\`: ${from}.\`${k}\``).join(', ')}}`;
}

function add(transaction: Transaction, cypher: string, row: unknown): void {
  const rows = transaction.get(cypher);
  if (rows) rows.push(row);
  else transaction.set(cypher, [row]);
}

/** Writes the planned floor, one transaction per import transaction, statements in order (nodes, then relationships, then changes); returns the seconds. */
export async function writeSameRecordsFloor(db: Database, transactions: Transaction[]): Promise<number> {
  const started = Date.now();
  for (const transaction of transactions) {
    const statements = [...transaction].sort(([a], [b]) => order(a) - order(b));
    await db.writeTransaction(async (tx) => {
      for (const [cypher, rows] of statements) await tx.run(`UNWIND $rows AS r\n${cypher}`, { rows });
    });
  }
  return (Date.now() - started) / 1000;
}

const order = (cypher: string) => (cypher.startsWith('CREATE (n:') ? 0 : cypher.startsWith('MATCH') ? 1 : 2);

/**
 * Node counts by labels and property keys with their types, relationship
 * counts by type, end labels and property keys, under the entities whose ids
 * start with `prefix` (their versions, the import record and the change log
 * of `changes` included): to show the floor wrote the records the import did.
 */
export async function recordShape(db: Database, prefix: string, changes: 'Change' | 'BenchFloorChange'): Promise<Record<string, number>> {
  // Sorted: keys() lists a record's keys in the order they were stored, labels() in an order of its own.
  const text = (list: string) => `reduce(s = '', t IN COLLECT { UNWIND ${list} AS t WITH t ORDER BY t RETURN t } | s + ' ' + t)`;
  const keys = (x: string) => text(`[k IN keys(${x}) | k + ':' + valueType(${x}[k])]`);
  const labels = (x: string) => text(`[l IN labels(${x}) WHERE NOT l IN ['BenchFloor', 'BenchFloorChange', 'Change']]`);
  const copied = (x: string) => `(${x}:Entity AND ${x}.id STARTS WITH $prefix)`;
  const rows = await readAll<{ key: string; n: number }>(
    db,
    `CALL () {
  MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
  OPTIONAL MATCH (n)-[:HAS_VERSION]->(v)
  UNWIND [n, v] AS x
  WITH DISTINCT x WHERE x IS NOT NULL
  // A version's relationships other than HAS_VERSION are not copied: its degree shows there are none.
  RETURN 'node' + ${labels('x')} + ' |' + ${keys('x')} + CASE WHEN x:Entity THEN '' ELSE ' | degree ' + toString(COUNT { (x)--() }) END AS key
  UNION ALL
  MATCH (n:Entity)-[r]-(m) WHERE n.id STARTS WITH $prefix AND (startNode(r) = n OR NOT ${copied('m')})
  WITH startNode(r) AS a, r, endNode(r) AS b
  RETURN 'relationship' + ${labels('a')} + ' ' + type(r) + ${labels('b')} + ' |' + ${keys('r')} AS key
  UNION ALL
  MATCH (n:Entity)-[:RECORDED_IN]->(i:Import) WHERE n.id STARTS WITH $prefix
  WITH DISTINCT i
  MATCH (c:${changes}) WHERE c.importId = i.id
  RETURN 'change |' + ${keys('c')} AS key
}
RETURN key, count(*) AS n ORDER BY key`,
    { prefix },
  );
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
}
