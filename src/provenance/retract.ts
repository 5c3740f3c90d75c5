/**
 * Retraction without forgetting: an import or a source is taken back by
 * retiring every fact it is the only support of and dropping it from the
 * support of the others (the rule: retract.cypher.ts). Nothing is deleted.
 *
 * The work is done in batches of entities, one write transaction each, in
 * id order: a batch first locks its entities and the other ends of their
 * relationships (src/write/locks.ts), then decides under the locks, and
 * keeps derived data (foreign, ACTIVE_IN, graph version) right in the same
 * transaction, recomputing the companies that what it retired reaches
 * (src/derived/ maintainDerivedAfterRetiring); each is one checked write
 * (src/write/checkedWrite.ts).
 * The import (or source) is marked `retracting` before the first batch
 * and `retracted` in the last step, so a run that fails part-way leaves a consistent graph (each batch applied
 * whole or not at all) and running the retraction again finishes it: every
 * batch only touches facts still current and decides from what the graph
 * holds now, so a batch applied twice changes nothing.
 */
import type { Database } from '../neo4j/database.js';
import { checkedWrite } from '../write/checkedWrite.js';
import { WriteLocks } from '../write/locks.js';
import { runIn } from '../write/write.js';
import {
  finishImportRetractionCypher,
  finishSourceRetractionCypher,
  importEntitiesCypher,
  importForRetractCypher,
  importNeighboursCypher,
  retiredSourcesCypher,
  retractedImportsCypher,
  retractImportBatchCypher,
  retractImportSourcesCypher,
  retractSourceBatchCypher,
  sourceEntityPageCypher,
  sourceForRetractCypher,
  sourceNeighboursCypher,
  sourceRelationshipPageCypher,
  startImportRetractionCypher,
  startSourceRetractionCypher,
} from './retract.cypher.js';

export const DEFAULT_RETRACT_BATCH_SIZE = 5000;

/** A retraction the rules refuse (unknown id, already retracted, still running). */
export class RetractionRefused extends Error {
  override name = 'RetractionRefused';
}

export interface RetractOptions {
  /** The retractor's stamp (a key's name and id, or the operator of the CLI). */
  by: string;
  reason: string;
  batchSize?: number;
  /** After each committed batch: entities and relationships retired so far. */
  onBatch?: (progress: RetractionSummary) => void;
}

export interface RetractionSummary {
  id: string;
  retiredEntities: number;
  retiredRelationships: number;
  /** Entities looked at (retired or kept with the support dropped). */
  checked: number;
}

/** A lock key for an import or a source's retraction itself; not a slug, so it never collides with an entity id. */
const retractionLock = (id: string) => `retraction:${id}`;

const today = () => new Date().toISOString().slice(0, 10);

/** Runs the batches: `page` lists the next entity ids, `batch` retracts them under their locks. */
async function inBatches(
  db: Database,
  summary: RetractionSummary,
  options: RetractOptions,
  page: (after: string) => Promise<string[]>,
  neighbours: string,
  batch: string,
  params: Record<string, unknown>,
): Promise<void> {
  let after = '';
  for (;;) {
    const ids = await page(after);
    if (!ids.length) return;
    const counts = await checkedWrite(db, {
      by: options.by,
      importId: (params.importId as string | undefined) ?? null,
      // The batch's entities and the other ends of their relationships, which it may retire.
      lock: async (locks, tx) => {
        const [near] = await runIn(tx)(neighbours, { ...params, ids });
        const touched = [...ids, ...((near?.ids as string[] | undefined) ?? [])];
        await locks.lock(touched);
        return touched;
      },
      write: async (w) => {
        const row = await w.retiring(
          async (run) => (await run(batch, { ...params, ids }))[0]!,
          (done) => ({ rels: done.rels as unknown[], retired: done.retired as string[] }),
        );
        return { entities: row.entities as number, relationships: row.relationships as number };
      },
      // What this batch retired, as RETRACTED changes: its entities, and every relationship it retired has one
      // end among them (the neighbours, locked because the batch may retire their relationships, change no
      // more than that, and listing them made the append read each neighbour's every relationship, e.g. all
      // of a source's or a province's, once per batch).
      changed: () => ids,
    });
    summary.retiredEntities += counts.entities;
    summary.retiredRelationships += counts.relationships;
    summary.checked += ids.length;
    options.onBatch?.({ ...summary });
    after = ids.at(-1)!;
  }
}

/**
 * Retracts import `id`: its stamp stops supporting anything; what it alone
 * supported is retired; its status becomes `retracted`. A `retracting`
 * import (an earlier run that stopped) is finished.
 */
export async function retractImport(db: Database, id: string, options: RetractOptions): Promise<RetractionSummary> {
  await db.writeTransaction(async (tx) => {
    const run = runIn(tx);
    const locks = new WriteLocks(tx);
    await locks.lock([retractionLock(id)]);
    const [found] = await run(importForRetractCypher, { id });
    if (!found) throw new RetractionRefused(`There is no import with id "${id}".`);
    if (found.status === 'retracted') throw new RetractionRefused(`The import ${id} is already retracted.`);
    if (found.status === 'running') {
      throw new RetractionRefused(`The import ${id} is still running: retract it once it has committed or failed.`);
    }
    await run(startImportRetractionCypher, { id, by: options.by, reason: options.reason });
  });
  const [retracted] = await db.read(retractedImportsCypher);
  const params = { id, by: options.by, reason: options.reason, retiredOn: today(), retracted: retracted!.ids as string[], importId: id };
  const limit = options.batchSize ?? DEFAULT_RETRACT_BATCH_SIZE;
  const summary: RetractionSummary = { id, retiredEntities: 0, retiredRelationships: 0, checked: 0 };
  const [recorded] = await db.read(importEntitiesCypher, { id });
  const listed = (name: string) => (recorded?.[name] as string[] | undefined) ?? [];
  const page = (all: string[]) => {
    let at = 0;
    return async () => all.slice(at, (at += limit));
  };
  await inBatches(db, summary, options, page(listed('facts')), importNeighboursCypher, retractImportBatchCypher, params);
  // Sources last: whether one is still cited depends on the facts retired above.
  await inBatches(db, summary, options, page(listed('sources')), importNeighboursCypher, retractImportSourcesCypher, params);
  await db.writeTransaction(async (tx) => {
    const locks = new WriteLocks(tx);
    await locks.lock([retractionLock(id)]);
    await runIn(tx)(finishImportRetractionCypher, { id, hashed: listed('hashed') });
  });
  return summary;
}

/**
 * Retracts source `id`: it stops supporting anything; what it alone
 * supported is retired, and the source itself is retired.
 */
export async function retractSource(db: Database, id: string, options: RetractOptions): Promise<RetractionSummary> {
  await db.writeTransaction(async (tx) => {
    const run = runIn(tx);
    const locks = new WriteLocks(tx);
    await locks.lock([retractionLock(id), id]);
    const [found] = await run(sourceForRetractCypher, { id });
    if (!found || found.type !== 'Source') throw new RetractionRefused(`There is no source with id "${id}".`);
    if (found.retractedAt) throw new RetractionRefused(`The source ${id} is already retracted.`);
    await run(startSourceRetractionCypher, { id, by: options.by, reason: options.reason });
  });
  const [retired] = await db.read(retiredSourcesCypher);
  const params = { id, by: options.by, reason: options.reason, retiredOn: today(), retiredSources: retired!.ids as string[] };
  const limit = options.batchSize ?? DEFAULT_RETRACT_BATCH_SIZE;
  const summary: RetractionSummary = { id, retiredEntities: 0, retiredRelationships: 0, checked: 0 };
  const page = (cypher: string) => async (after: string) => {
    const [row] = await db.read(cypher, { id, after, limit });
    return (row?.ids as string[] | undefined) ?? [];
  };
  await inBatches(db, summary, options, page(sourceEntityPageCypher), sourceNeighboursCypher, retractSourceBatchCypher, params);
  // Then the relationships that still cite it although neither end does.
  await inBatches(db, summary, options, page(sourceRelationshipPageCypher), sourceNeighboursCypher, retractSourceBatchCypher, params);
  await checkedWrite(db, {
    by: options.by,
    lock: (locks) => locks.lock([retractionLock(id), id]),
    write: (w) => w.touching([id], (run) => run(finishSourceRetractionCypher, { id, by: options.by, reason: options.reason, retiredOn: today() })),
    changed: () => [id],
  });
  summary.retiredEntities += 1;
  return summary;
}
