/**
 * The import bench's same-records floor: a copy of exactly what the import
 * left in the graph, every node and relationship with all its properties
 * (stamps, provenance, row hashes, folded text, derived ACTIVE_IN, pledge
 * versions, the import record and the import's change-log chunks), written
 * with plain `UNWIND … CREATE` in transactions of the import's batch size,
 * kind by kind in the import's order, with no checks, locks, MERGE or
 * derived-data rules. The same-graph floor (bench/importFloor.ts) writes the
 * import's nodes and relationships but not all of their properties; this one
 * shows what the records alone cost.
 *
 * Only the copy's write transactions are timed: reading the original is the
 * copy's own work. Copies of entities get ids `bench-copy-…`, and every node it
 * makes is labelled BenchCopy (removeCopyFloor). The change-log chunks are
 * copied under the label ChangeBatchCopy, so that the change feed never reads
 * them: they miss the ChangeBatch constraint's and index's entries, which makes
 * this floor a little cheaper than the records the import writes.
 */
import neo4j, { type ManagedTransaction, type Node } from 'neo4j-driver';
import type { Database } from '../src/neo4j/database.js';

export const COPY_PREFIX = 'bench-copy-';
const KINDS = ['Source', 'Company', 'Park', 'Facility', 'Pledge', 'Partnership'] as const;
const COPY_IMPORT = `${COPY_PREFIX}import`;

type Props = Record<string, unknown>;
interface Link { type: string; from: string; to: string; props: Props }
interface Page { nodes: Props[]; versions: { pledge: string; props: Props }[]; links: Link[] }

/** An original's id as the copy's; ids outside the import (countries, provinces, cities) stay as they are. */
const copyId = (id: string) => (id.startsWith('bench-') ? COPY_PREFIX + id.slice('bench-'.length) : id);
const ORIGINAL = `n.id STARTS WITH 'bench-' AND NOT n.id STARTS WITH 'bench-floor-' AND NOT n.id STARTS WITH '${COPY_PREFIX}'`;

/** The place of node `m` in KINDS, or -1 for a node outside the import (a country, province or city). */
const kindIndex = (m: string) =>
  `CASE WHEN NOT ${m}.id STARTS WITH 'bench-' THEN -1 ${KINDS.map((k, i) => `WHEN ${m}:${k} THEN ${i}`).join(' ')} END`;

/**
 * One page of originals of one kind, in id order, with the relationships the
 * copy writes with them: each relationship is copied with whichever of its
 * two ends comes later (kind order, then id), so that the other end is
 * already there, and once. The others are left in the graph, not read out:
 * the source alone is the far end of every entity's SOURCED_FROM. Pledge
 * versions come with their pledge.
 */
async function readPage(tx: ManagedTransaction, kind: number, after: string, size: number): Promise<Page> {
  const result = await tx.run(
    `MATCH (n:${KINDS[kind]}) WHERE ${ORIGINAL} AND n.id > $after
WITH n ORDER BY n.id LIMIT $size
CALL (n) {
  OPTIONAL MATCH (n)-[r]-(m) WHERE NOT type(r) IN ['RECORDED_IN', 'HAS_VERSION']
  WITH n, r, m, ${kindIndex('m')} AS k
  WHERE k < $kind OR (k = $kind AND m.id < n.id)
  RETURN collect({type: type(r), props: properties(r), out: startNode(r) = n, other: m.id}) AS links
}
CALL (n) { OPTIONAL MATCH (n)-[:HAS_VERSION]->(v:PledgeVersion) RETURN collect(properties(v)) AS versions }
RETURN n, links, versions`,
    { after, size: neo4j.int(size), kind: neo4j.int(kind) },
  );
  const page: Page = { nodes: [], versions: [], links: [] };
  for (const record of result.records) {
    const n = record.get('n') as Node;
    const id = n.properties.id as string;
    page.nodes.push({ ...n.properties, id: copyId(id) });
    for (const props of record.get('versions') as Props[]) page.versions.push({ pledge: copyId(id), props });
    for (const l of record.get('links') as { type: string; props: Props; out: boolean; other: string | null }[]) {
      if (typeof l.other !== 'string') throw new Error(`${id}: a ${l.type} relationship to a node without an id, which the copy cannot place`);
      page.links.push({ type: l.type, from: copyId(l.out ? id : l.other), to: copyId(l.out ? l.other : id), props: l.props });
    }
  }
  return page;
}

/** Writes one page in one transaction: the nodes with their RECORDED_IN, the versions, then the relationships type by type. */
async function writePage(tx: ManagedTransaction, kind: number, page: Page): Promise<void> {
  await tx.run(
    `MATCH (imp:BenchCopy:Import {id: $import})
UNWIND $nodes AS props
CREATE (n:Entity:${KINDS[kind]}:BenchCopy) SET n = props
CREATE (n)-[:RECORDED_IN]->(imp)`,
    { nodes: page.nodes, import: COPY_IMPORT },
  );
  if (page.versions.length) {
    await tx.run(
      `UNWIND $versions AS v MATCH (p:Entity {id: v.pledge}) CREATE (p)-[:HAS_VERSION]->(x:PledgeVersion:BenchCopy) SET x = v.props`,
      { versions: page.versions },
    );
  }
  const byType = new Map<string, Link[]>();
  for (const link of page.links) {
    const links = byType.get(link.type);
    if (links) links.push(link);
    else byType.set(link.type, [link]);
  }
  for (const [type, links] of byType) {
    await tx.run(`UNWIND $links AS l MATCH (a:Entity {id: l.from}), (b:Entity {id: l.to}) CREATE (a)-[r:${type}]->(b) SET r = l.props`, { links });
  }
}

/**
 * Copies the import `importId` left (see above) in transactions of
 * `batchSize` rows; returns the entities and change-log chunks copied and
 * the seconds its write transactions took.
 */
export async function writeCopyFloor(db: Database, importId: string, batchSize: number): Promise<{ entities: number; chunks: number; seconds: number }> {
  await removeCopyFloor(db); // what a run that stopped half-way left
  let entities = 0;
  let chunkCount = 0;
  let writing = 0;
  const timed = async (work: (tx: ManagedTransaction) => Promise<void>) => {
    const started = performance.now();
    await db.writeTransaction(work);
    writing += performance.now() - started;
  };
  const original = await db.readTransaction(async (tx) => (await tx.run('MATCH (i:Import {id: $importId}) RETURN i', { importId })).records[0]?.get('i') as Node);
  await timed(async (tx) => void (await tx.run('CREATE (i:Import:BenchCopy) SET i = $props', { props: { ...original.properties, id: COPY_IMPORT } })));
  for (let kind = 0; kind < KINDS.length; kind++) {
    for (let after = ''; ; ) {
      const page = await stage(`reading ${KINDS[kind]} after ${after}`, () => db.readTransaction((tx) => readPage(tx, kind, after, batchSize)));
      if (!page.nodes.length) break;
      await stage(`writing ${page.nodes.length} ${KINDS[kind]} with ${page.links.length} relationships`, () => timed((tx) => writePage(tx, kind, page)));
      entities += page.nodes.length;
      after = `bench-${(page.nodes.at(-1)!.id as string).slice(COPY_PREFIX.length)}`;
    }
  }
  // The change log: the chunks this import appended, batchSize changes' worth of chunks at a time.
  for (let after = -1; ; ) {
    const chunks = await db.readTransaction(async (tx) =>
      (
        await tx.run('MATCH (b:ChangeBatch) WHERE b.first > $after AND b.importId = $importId RETURN b ORDER BY b.first LIMIT $size', {
          after,
          importId,
          size: neo4j.int(Math.max(1, Math.trunc(batchSize / 1000))),
        })
      ).records.map((r) => (r.get('b') as Node).properties),
    );
    if (!chunks.length) break;
    await timed(async (tx) => void (await tx.run('UNWIND $chunks AS props CREATE (b:ChangeBatchCopy:BenchCopy) SET b = props', { chunks })));
    chunkCount += chunks.length;
    after = Number(chunks.at(-1)!.first);
  }
  return { entities, chunks: chunkCount, seconds: writing / 1000 };
}

/** Runs `work`, naming `what` in its error: which page of which kind failed. */
async function stage<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`same-records floor, ${what}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Removes the copy: every node labelled BenchCopy. Relationships go first, a
 * bounded number a transaction: the copied source and import record are the
 * far end of every copied entity's link.
 */
export async function removeCopyFloor(db: Database): Promise<void> {
  const until0 = async (cypher: string) => {
    for (;;) {
      const [row] = await db.write(cypher);
      if (!row || Number(row.n) === 0) return;
    }
  };
  await until0(`MATCH (:BenchCopy)-[r]-() WITH DISTINCT r LIMIT 20000 DELETE r RETURN count(*) AS n`);
  await until0(`MATCH (n:BenchCopy) WITH n LIMIT 10000 DELETE n RETURN count(*) AS n`);
}
