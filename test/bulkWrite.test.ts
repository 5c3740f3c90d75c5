/**
 * Bulk mode of the one writer (src/write/checkedWrite.ts bulkWrite), for a
 * fresh synthetic set: batches written without locks or derived data, the
 * derived data computed once at the end, the changes appended per batch.
 */
import { describe, expect, it } from 'vitest';
import { readChanges, type ChangeRow } from '../src/changes/changeLog.js';
import { derivedMismatches } from '../src/derived/rebuildDerived.js';
import type { WriteKind } from '../src/domains.js';
import { CHECKS } from '../src/import/checkImport.js';
import { bulkWrite } from '../src/write/checkedWrite.js';
import { Checker } from '../src/write/validate.js';
import { idsOfRows, rowOfKind } from '../src/write/write.js';
import { useSeededGraph } from './support/graph.js';

const graph = useSeededGraph();

const SOURCE = 'bulk-test-source';
const companies = [
  { id: 'bulk-holding', name: 'Bulk Holding (fictional)', country: 'DE', source: SOURCE },
  { id: 'bulk-china', name: 'Bulk China (fictional)', country: 'CN', parent: 'bulk-holding', parentKind: 'SUBSIDIARY', source: SOURCE },
];

/** The checked row of `kind` for one input, as the import and the seed make it. */
function rowsOf(kind: WriteKind, check: 'sources' | 'companies', inputs: Record<string, unknown>[]): unknown[] {
  return inputs.map((input) => {
    const c = new Checker('');
    const checked = CHECKS[check](c, input);
    expect(c.problems).toEqual([]);
    return rowOfKind(kind, checked.row);
  });
}

describe('bulk mode', () => {
  it('writes a fresh set in batches, computes derived data once at the end and logs the changes', async () => {
    const batches: { kind: WriteKind; rows: unknown[] }[] = [
      { kind: 'sources', rows: rowsOf('sources', 'sources', [{ id: SOURCE, title: 'Bulk test (fictional)' }]) },
      { kind: 'companies', rows: rowsOf('companies', 'companies', companies) },
      { kind: 'parents', rows: rowsOf('parents', 'companies', [companies[1]!]) },
    ];
    const report = await bulkWrite(graph.db, {
      by: 'bulk test',
      batches,
      write: (w, batch) => w.rows(batch.kind, batch.rows),
      changed: (batch) => idsOfRows(batch.kind, batch.rows),
    });
    expect(report).toEqual({ batches: 3 });
    const rows = await graph.db.read(`MATCH (c:Company) WHERE c.id STARTS WITH 'bulk-' RETURN c.id AS id, c.foreign AS foreign, c.createdBy AS by ORDER BY id`);
    expect(rows).toEqual([
      { id: 'bulk-china', foreign: true, by: 'bulk test' },
      { id: 'bulk-holding', foreign: true, by: 'bulk test' },
    ]);
    expect(await derivedMismatches(graph.db)).toEqual([]);
    const changes: ChangeRow[] = [];
    for (let page = await readChanges(graph.db, 0, 1000, null, null); page.changes.length; page = await readChanges(graph.db, changes.at(-1)!.seq, 1000, null, null)) {
      changes.push(...page.changes);
    }
    const created = changes.filter((c) => c.by === 'bulk test' && c.op === 'CREATED').map((c) => ({ id: c.entityId, edge: c.edgeType, from: c.from }));
    expect(created).toEqual([
      { id: SOURCE, edge: null, from: null },
      { id: 'bulk-china', edge: null, from: null },
      { id: 'bulk-holding', edge: null, from: null },
      { id: null, edge: 'HEADQUARTERED_IN', from: 'bulk-china' },
      { id: null, edge: 'HEADQUARTERED_IN', from: 'bulk-holding' },
      { id: null, edge: 'SUBSIDIARY_OF', from: 'bulk-china' },
    ]);
  });

  it('writes a row whose id an earlier row of the same batch created as a change of that entity, not as a second creation', async () => {
    // The write statements CREATE the links of an entity their row created (write.cypher.ts linkCited); the
    // second row of an id must see the entity as existing, so that its headquarters replaces the first's.
    const twice = [
      { id: 'bulk-twice', name: 'Bulk Twice (fictional)', country: 'DE', source: 'bulk-twice-source' },
      { id: 'bulk-twice', name: 'Bulk Twice (fictional)', country: 'FR', source: 'bulk-twice-source' },
    ];
    await bulkWrite(graph.db, {
      by: 'bulk test twice',
      batches: [
        { kind: 'sources' as WriteKind, rows: rowsOf('sources', 'sources', [{ id: 'bulk-twice-source', title: 'Bulk test twice (fictional)' }]) },
        { kind: 'companies' as WriteKind, rows: rowsOf('companies', 'companies', twice) },
      ],
      write: (w, batch) => w.rows(batch.kind, batch.rows),
      changed: null,
    });
    const links = await graph.db.read(
      `MATCH (c:Entity {id: 'bulk-twice'}) OPTIONAL MATCH (c)-[r]->(t) RETURN type(r) AS type, coalesce(t.code, t.id) AS to ORDER BY type, to`,
    );
    expect(links).toEqual([
      { type: 'HEADQUARTERED_IN', to: 'FR' },
      { type: 'SOURCED_FROM', to: 'bulk-twice-source' },
    ]);
  });
});
