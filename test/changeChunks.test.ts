/**
 * The change log's storage (src/changes/changeLog.cypher.ts): changes are
 * kept in chunks of at most CHUNK, and a database written before chunks has
 * its one-node-per-change log moved into them (migration 13).
 */
import { describe, expect, it } from 'vitest';
import { CHUNK } from '../src/changes/changeLog.cypher.js';
import { readChanges, type ChangeRow } from '../src/changes/changeLog.js';
import { chunkOldChanges } from '../src/changes/chunkOldChanges.js';
import { CHECKS } from '../src/import/checkImport.js';
import { bulkWrite } from '../src/write/checkedWrite.js';
import { Checker } from '../src/write/validate.js';
import { idsOfRows, rowOfKind } from '../src/write/write.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

async function changesAfter(after: number, types: string[] | null = null): Promise<ChangeRow[]> {
  const out: ChangeRow[] = [];
  for (let page = await readChanges(graph.db, after, 100, types, null); page.changes.length; page = await readChanges(graph.db, out.at(-1)!.seq, 100, types, null)) {
    out.push(...page.changes);
  }
  return out;
}

const lastSeq = async () => Number((await graph.db.read(`MATCH (q:ChangeSequence) RETURN q.next - 1 AS last`))[0]!.last);

describe('the change log in chunks', { timeout: 120_000 }, () => {
  it('keeps a write of more changes than a chunk holds in several chunks, read back in order, whole and by type', async () => {
    const source = 'chunk-test-source';
    const inputs = Array.from({ length: CHUNK + 100 }, (_, i) => ({ id: `chunk-co-${String(i).padStart(4, '0')}`, name: `Chunk ${i} (fictional)`, country: 'DE', source }));
    const rowsOf = (kind: 'sources' | 'companies', list: Record<string, unknown>[]) =>
      list.map((input) => {
        const c = new Checker('');
        const checked = CHECKS[kind](c, input);
        expect(c.problems).toEqual([]);
        return rowOfKind(kind, checked.row);
      });
    const before = await lastSeq();
    const batch = { kind: 'companies' as const, rows: [...rowsOf('companies', inputs)] };
    await bulkWrite(graph.db, {
      by: 'chunk test',
      batches: [{ kind: 'sources' as const, rows: rowsOf('sources', [{ id: source, title: 'Chunk test (fictional)' }]) }, batch],
      write: (w, b) => w.rows(b.kind, b.rows),
      changed: (b) => idsOfRows(b.kind, b.rows),
    });

    const all = await changesAfter(before);
    // The source, then each company and its headquarters link, with no gap in the sequence.
    expect(all).toHaveLength(1 + 2 * inputs.length);
    expect(all.map((c) => c.seq)).toEqual(all.map((_, i) => before + 1 + i));
    expect(all.every((c) => c.by === 'chunk test' && c.op === 'CREATED')).toBe(true);
    expect(all.filter((c) => c.entityType === 'Company').map((c) => c.entityId)).toEqual(inputs.map((i) => i.id));
    const [row] = await graph.db.read(`MATCH (b:ChangeBatch) WHERE b.by = 'chunk test' RETURN count(b) AS chunks`);
    expect(Number(row!.chunks)).toBe(1 + Math.ceil((2 * inputs.length) / CHUNK));

    const links = await changesAfter(before, ['HEADQUARTERED_IN']);
    expect(links).toEqual(all.filter((c) => c.edgeType === 'HEADQUARTERED_IN'));
    expect(links.map((c) => c.from)).toEqual(inputs.map((i) => i.id));
    // A page that starts inside a chunk.
    const middle = all[CHUNK + 7]!;
    expect((await readChanges(graph.db, middle.seq, 3, null, null)).changes).toEqual(all.slice(CHUNK + 8, CHUNK + 11));
  });

  it('moves a log kept one node per change into chunks, one per write, with the same changes and cursors', async () => {
    const first = (await lastSeq()) + 1;
    // As the change log of migration 12 stored them: two writes, the second of two changes.
    await graph.db.write(
      `UNWIND $changes AS c
       CREATE (:Change {seq: c.seq, at: datetime(c.at), op: c.op, by: c.by, importId: c.importId, entityId: c.entityId, entityType: c.entityType, edgeType: c.edgeType, from: c.from, to: c.to})
       WITH max(c.seq) AS top
       MATCH (q:ChangeSequence) SET q.next = top + 1`,
      {
        changes: [
          { seq: first, at: '2026-01-01T00:00:00Z', op: 'CREATED', by: 'old a', importId: null, entityId: 'old-1', entityType: 'Company', edgeType: null, from: null, to: null },
          { seq: first + 1, at: '2026-01-02T00:00:00Z', op: 'UPDATED', by: 'old b', importId: 'imp-old', entityId: 'old-1', entityType: 'Company', edgeType: null, from: null, to: null },
          { seq: first + 2, at: '2026-01-02T00:00:00Z', op: 'REMOVED', by: 'old b', importId: 'imp-old', entityId: null, entityType: null, edgeType: 'SUBSIDIARY_OF', from: 'old-1', to: 'old-2' },
        ],
      },
    );
    await chunkOldChanges(graph.db);

    expect(await graph.db.read(`MATCH (c:Change) RETURN c.seq AS seq`)).toEqual([]);
    const moved = await changesAfter(first - 1);
    expect(moved.map(({ at, ...rest }) => ({ ...rest, at: new Date(at).toISOString() }))).toEqual([
      { seq: first, at: '2026-01-01T00:00:00.000Z', op: 'CREATED', by: 'old a', importId: null, entityId: 'old-1', entityType: 'Company', edgeType: null, from: null, to: null },
      { seq: first + 1, at: '2026-01-02T00:00:00.000Z', op: 'UPDATED', by: 'old b', importId: 'imp-old', entityId: 'old-1', entityType: 'Company', edgeType: null, from: null, to: null },
      { seq: first + 2, at: '2026-01-02T00:00:00.000Z', op: 'REMOVED', by: 'old b', importId: 'imp-old', entityId: null, entityType: null, edgeType: 'SUBSIDIARY_OF', from: 'old-1', to: 'old-2' },
    ]);
    const chunks = await graph.db.read(`MATCH (b:ChangeBatch) WHERE b.first >= $first RETURN b.first AS first, b.last AS last ORDER BY first`, { first });
    expect(chunks.map((c) => [Number(c.first), Number(c.last)])).toEqual([
      [first, first],
      [first + 1, first + 2],
    ]);
  });
});
