import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDriver, Database } from '../src/neo4j/database.js';
import { checkImport, importFiles } from '../src/import/checkImport.js';
import { ImportInterrupted, writeImport } from '../src/import/importer.js';
import { WriteLocks } from '../src/write/locks.js';
import { writeRows } from '../src/write/write.js';
import { useSeededGraph } from './support/graph.js';
import { startTcpProxy } from './support/tcpProxy.js';

const graph = useSeededGraph();
const EXAMPLES = join(import.meta.dirname, '..', 'seed', 'examples');
const exampleFiles = () => importFiles(readdirSync(EXAMPLES).sort().map((f) => join(EXAMPLES, f))).files;
const EXPECTED = { Source: 1, Company: 120, Park: 40, Facility: 300, Pledge: 53, Partnership: 60 };

async function exampleCounts(db: Database = graph.db): Promise<Record<string, number>> {
  const rows = await db.read(`
MATCH (src:Source {id: 'example-data-fictional'})
OPTIONAL MATCH (n)-[:SOURCED_FROM]->(src)
WITH src, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, count(n) AS n
RETURN label, n`);
  const counts: Record<string, number> = { Source: 1 };
  for (const row of rows) if (row.label) counts[row.label as string] = row.n as number;
  return counts;
}

async function graphCounts(): Promise<{ nodes: number; rels: number; updated: string }> {
  const [row] = await graph.db.read(`
MATCH (n) WITH count(n) AS nodes, max(n.updatedAt) AS updated
MATCH ()-[r]->() RETURN nodes, count(r) AS rels, toString(updated) AS updated`);
  return row as { nodes: number; rels: number; updated: string };
}

/** Deletes the example data (not what the seed holds), so that an import writes it anew. */
async function removeExamples(): Promise<void> {
  await graph.db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH 'example-' OR EXISTS { (n)-[:SOURCED_FROM]->(:Source {id: 'example-data-fictional'}) } DETACH DELETE n`);
  expect(await exampleCounts()).toEqual({ Source: 1 });
  await graph.db.write(`MATCH (n:Source {id: 'example-data-fictional'}) DETACH DELETE n`);
}

async function importExamples(db: Database = graph.db, batchSize = 500) {
  const { problems, rows } = await checkImport(exampleFiles(), (cypher, params) => db.read(cypher, params));
  expect(problems).toEqual([]);
  return writeImport(db, exampleFiles(), rows, { batchSize, by: 'import' });
}

// Writing the examples takes seconds on a quiet machine and much longer on a
// busy shared one; the limit is generous so that the tests check results, not speed.
describe('bulk import', { timeout: 180_000 }, () => {
  it('imports the example files, every entity citing the example source', async () => {
    const { written } = await importExamples();
    expect(written).toBe(574 + 15);
    expect(await exampleCounts()).toEqual(EXPECTED);
    const [row] = await graph.db.read(`
MATCH (f:Facility {id: 'example-facility-001'})
RETURN f.createdBy AS by, [(f)-[r:LOCATED_IN]->() | r.sources] AS located, [(c)-[r:OPERATES]->(f) | r.sources] AS operated`);
    expect(row).toEqual({ by: 'import', located: [['example-data-fictional']], operated: [['example-data-fictional']] });
    const read = await graph.execute(`{ partnership(id: "example-partnership-002") { participants { company { id } } parks { id } pledges { id } } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data!.partnership.participants.length).toBe(2);
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await graphCounts();
    await importExamples();
    expect(await graphCounts()).toEqual(before);
  });

  it('writes a row again when a write since the last import changed what it wrote', async () => {
    // A mutation's rows carry no import hash: writing one removes the stored hash.
    await graph.db.writeTransaction((tx) =>
      writeRows(tx, 'companies', [{ id: 'nordwind-example-group', props: { name: 'Renamed by an editor' }, country: null, source: 'example-data-fictional' }], 'editor'),
    );
    await graph.db.writeTransaction((tx) =>
      writeRows(tx, 'parents', [{ company: 'nordwind-example-xining-0', parent: 'nordwind-example-group', kind: 'JOINT_VENTURE', sharePercent: 50, source: 'example-data-fictional' }], 'editor'),
    );
    const { unchanged, rows } = await checkImport(exampleFiles(), (cypher, params) => graph.db.read(cypher, params));
    expect(rows - unchanged).toBe(2);
    const { written, unchanged: skipped } = await importExamples();
    expect({ written, skipped }).toEqual({ written: 589, skipped: 587 });
    const [row] = await graph.db.read(`
MATCH (c:Company {id: 'nordwind-example-xining-0'})-[r:SUBSIDIARY_OF]->(p:Company)
RETURN p.name AS name, r.kind AS kind, r.sharePercent AS share`);
    expect(row).toEqual({ name: 'Nordwind Example Group (example)', kind: 'SUBSIDIARY', share: 100 });
  });

  it('takes the write locks of the ids it writes, then checks their types again under them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-import-race-'));
    writeFileSync(join(dir, 'companies.race.csv'), 'id,name,source\nrace-company,Race Co (example),example-data-fictional\n');
    const { files } = importFiles([join(dir, 'companies.race.csv')]);
    const checked = await checkImport(files, (cypher, params) => graph.db.read(cypher, params));
    expect(checked.problems).toEqual([]);

    // After the check, a concurrent write locks the id and gives it to a park.
    let lockTaken!: () => void;
    let letGo!: () => void;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    const goOn = new Promise<void>((resolve) => (letGo = resolve));
    const other = graph.db.writeTransaction(async (tx) => {
      const locks = new WriteLocks(tx);
      await locks.lock(['race-company']);
      lockTaken();
      await goOn;
      await writeRows(tx, 'parks', [{ id: 'race-company', props: { name: 'Race Park (example)' }, province: 'CN-HB', cityGiven: false, cityId: null, source: 'example-data-fictional' }], 'editor');
    });
    await taken;
    const importing = writeImport(graph.db, files, checked.rows, { by: 'import' }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 500));
    letGo();
    await other;
    const failure = await importing;
    expect(failure).toBeInstanceOf(ImportInterrupted);
    expect((failure as Error).message).toMatch(/companies\.race\.csv:2: The id "race-company" already belongs to a Park/);
    const [node] = await graph.db.read(`MATCH (n:Entity {id: 'race-company'}) RETURN labels(n) AS labels, n.name AS name`);
    expect(node).toEqual({ labels: ['Entity', 'Park'], name: 'Race Park (example)' });
  });

  it('writes nothing from input with bad rows, and names each bad line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-import-'));
    writeFileSync(join(dir, 'companies.bad.csv'), [
      'id,name,country,parent,source',
      'good-one,Good One,DE,,example-data-fictional',
      'Bad Id,Bad,DE,,example-data-fictional',
      'no-name,,DE,,example-data-fictional',
      'no-country,X,ZZ,,example-data-fictional',
      'no-source,X,DE,,',
      'orphan,X,DE,ghost-parent,example-data-fictional',
      'good-one,Again,DE,,example-data-fictional',
    ].join('\n'));
    writeFileSync(join(dir, 'pledges.bad.jsonl'), [
      JSON.stringify({ id: 'p-ok', pledger: 'good-one', kind: 'NET_ZERO', status: 'ANNOUNCED', targetYear: 2050, source: 'example-data-fictional' }),
      JSON.stringify({ id: 'p-year', pledger: 'good-one', kind: 'NET_ZERO', status: 'ANNOUNCED', targetYear: 3000, source: 'example-data-fictional' }),
      '{not json',
      JSON.stringify({ id: 'p-kind', pledger: 'good-one', kind: 'NICE', status: 'ANNOUNCED', source: 'example-data-fictional' }),
    ].join('\n'));
    const before = await graphCounts();
    const { files } = importFiles(['companies.bad.csv', 'pledges.bad.jsonl'].map((f) => join(dir, f)));
    const { problems } = await checkImport(files, (cypher, params) => graph.db.read(cypher, params));
    const lines = problems.map((p) => p.replace(dir, '').replace(/: .*$/s, '').replace(/^\//, ''));
    expect(lines).toEqual([
      'companies.bad.csv:3', 'companies.bad.csv:4', 'companies.bad.csv:5', 'companies.bad.csv:6', 'companies.bad.csv:7', 'companies.bad.csv:8',
      'pledges.bad.jsonl:2', 'pledges.bad.jsonl:3', 'pledges.bad.jsonl:4',
    ]);
    expect(problems.join('\n')).toMatch(/companies\.bad\.csv:8: id: "good-one" is already defined at .*companies\.bad\.csv:2/);
    expect(problems.join('\n')).toMatch(/companies\.bad\.csv:7: parent: There is no Company with id "ghost-parent"/);

    // The command refuses the whole input, says why, and exits with 1.
    const neo4j = inject('neo4j');
    const run = promisify(execFile);
    const result = await run('npx', ['tsx', 'src/import/importCli.ts', join(dir, 'companies.bad.csv'), join(dir, 'pledges.bad.jsonl')], {
      env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toMatch(/9 problems in 10 records: nothing was written \(checked in \d+ ms; peak RSS \d+ MB\)\./);
    expect(await graphCounts()).toEqual(before);
  });

  it('warns about an empty file and exits non-zero unless --allow-empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-import-empty-'));
    writeFileSync(join(dir, 'parks.empty.csv'), 'id,name,province,source\n');
    const neo4j = inject('neo4j');
    const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password };
    const run = (...args: string[]) =>
      promisify(execFile)('npx', ['tsx', 'src/import/importCli.ts', ...args], { env }).then(
        (r) => ({ code: 0, stderr: r.stderr }),
        (e: { code: number; stderr: string }) => e,
      );
    const refused = await run(join(dir, 'parks.empty.csv'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/parks\.empty\.csv: warning: holds no records[\s\S]*--allow-empty/);
    const allowed = await run('--allow-empty', join(dir, 'parks.empty.csv'));
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toMatch(/parks\.empty\.csv: warning: holds no records/);
  });

  it('records each run as an Import (who, when, files with SHA-256, counts, status) linked to what it wrote, and resumes a failed one', async () => {
    const neo4j = inject('neo4j');
    const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password };
    const files = readdirSync(EXAMPLES).sort().map((f) => join(EXAMPLES, f));
    const run = (...args: string[]) =>
      promisify(execFile)('npx', ['tsx', 'src/import/importCli.ts', ...args], { env }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    await removeExamples();
    const first = await run('--batch-size', '100', ...files);
    expect(first.code).toBe(0);
    const id = /recorded as (import-\S+)/.exec(first.stdout)![1]!;
    const [record] = await graph.db.read(
      `MATCH (i:Import {id: $id}) RETURN i.status AS status, i.files AS files, size(i.sha256[0]) AS hashLength, i.records AS records, i.rows AS rows,
         i.rowsCommitted AS committed, i.endedAt > i.startedAt AS ended, COUNT { (:Entity)-[:RECORDED_IN]->(i) } AS linked`,
      { id },
    );
    expect(record).toEqual({ status: 'committed', files, hashLength: 64, records: [120, 300, 40, 60, 53, 1], rows: 589, committed: 589, ended: true, linked: 574 });

    // The same files again change nothing: the run is recorded, but it wrote (and links) nothing.
    const counted = await graphCounts();
    const again = await run(...files);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/589 of them are in the graph as they are and are skipped[\s\S]*nothing changed/);
    const againId = /recorded as (import-\S+)/.exec(again.stdout)![1]!;
    const [second] = await graph.db.read(`MATCH (i:Import {id: $id}) RETURN i.status AS status, i.rowsCommitted AS committed, COUNT { (:Entity)-[:RECORDED_IN]->(i) } AS linked`, { id: againId });
    expect(second).toEqual({ status: 'committed', committed: 589, linked: 0 });
    const recounted = await graphCounts();
    expect({ ...recounted, nodes: recounted.nodes - 1 }).toEqual(counted);

    // A run that stopped after 100 rows is taken up from there, with the same files only.
    await graph.db.write(`MATCH (i:Import {id: $id}) SET i.status = 'failed', i.rowsCommitted = 100`, { id });
    const changed = mkdtempSync(join(tmpdir(), 'gg-import-changed-'));
    writeFileSync(join(changed, 'sources.example.csv'), 'id,title\nexample-data-fictional,Changed\n');
    const refused = await run('--resume', id, ...files.slice(0, -1), join(changed, 'sources.example.csv'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/differ from those of/);
    const resumed = await run('--resume', id);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/resuming .* after its 100 committed rows/);
    const [after] = await graph.db.read(`MATCH (i:Import {id: $id}) RETURN i.status AS status, i.rowsCommitted AS committed`, { id });
    expect(after).toEqual({ status: 'committed', committed: 589 });
  });

  describe('when the database goes away mid-import', () => {
    const neo4j = inject('neo4j');
    const { hostname, port } = new URL(neo4j.uri.replace(/^bolt/, 'http'));
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups) await cleanup();
    });

    it('says how far it got, and a re-run completes with exact counts', async () => {
      await removeExamples();
      const proxy = await startTcpProxy(hostname, Number(port));
      const driver = createDriver({ ...neo4j, uri: `bolt://127.0.0.1:${proxy.port}` });
      cleanups.push(() => driver.close(), () => proxy.close());
      const db = new Database(driver, neo4j.database, 10_000);

      const { problems, rows } = await checkImport(exampleFiles(), (cypher, params) => db.read(cypher, params));
      expect(problems).toEqual([]);
      // Batches: sources (1 row), then companies 50 at a time; Neo4j goes away after the third.
      let batches = 0;
      const failure = await writeImport(db, exampleFiles(), rows, {
        batchSize: 50,
        by: 'import',
        onBatch: async () => {
          batches += 1;
          if (batches === 3) await proxy.cut();
        },
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ImportInterrupted);
      const interrupted = failure as ImportInterrupted;
      expect(interrupted.written).toBe(101);
      expect(interrupted.message).toMatch(/^The import stopped after writing 101 of 589 rows \(sources 1, companies 100\): /);
      const partial = await exampleCounts();
      expect(partial).toEqual({ Source: 1, Company: 100 });

      await proxy.restore();
      const { written } = await writeImport(db, exampleFiles(), rows, { batchSize: 50, by: 'import' });
      expect(written).toBe(589);
      expect(await exampleCounts()).toEqual(EXPECTED);
      const [dupes] = await graph.db.read(`MATCH (n:Entity) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS dupes`);
      expect(dupes!.dupes).toBe(0);
    });
  });
});
