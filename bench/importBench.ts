/**
 * `npm run bench:import -- [--rows 1000000] [--input-mb 1000 | --text-bytes 0] [--runs bad,first,again] [--keep]`:
 * generates an import set in the documented formats (a source; companies,
 * a third of them with a parent; parks; facilities; pledges; partnerships
 * with participants, parks and pledges), in CSV and JSON Lines, and runs
 * `npm run import` on it as a separate process, printing rows/s and that
 * process's peak RSS for:
 *   1. one bad row in the middle of the set (nothing may be written),
 *   2. the first import into a graph without the bench's data,
 *   3. the same files again (nothing changes): the first import stamps the
 *      files unchanged (src/import/unchangedFiles.ts), so this run does not
 *      read them again; IMPORT_FULL_CHECK=1 makes it check every row.
 * `--text-bytes N` gives facilities and partnerships descriptions of about
 * N bytes, to reach a large input with a given row count; `--input-mb M`
 * picks N so that the files hold about M MB (`--input-mb 1000`: the 1 GB
 * input of issue 10). `--runs` picks the runs (e.g. `--runs bad` for the
 * bad-row check and the memory of a check pass alone; `--runs again` alone
 * re-imports into the graph an earlier `--runs first --keep` left, with the
 * same --rows). Each run prints its
 * seconds, rows/s and peak RSS; the machine's load average is printed
 * before and after, since the figures depend on it. Data is fictional
 * (ids start with `bench-`), cites one source, and is removed before the
 * runs and after (unless --keep). `--files-only DIR` only writes the files there.
 *
 * With the first import, the same run measures the write FLOOR of the same
 * graph (bench/importFloor.ts): the nodes and relationships the import left
 * (printed by label and type, and compared), written again under other ids
 * with plain `UNWIND … CREATE` in transactions of the import's batch size,
 * with no checks, locks, stamps, derived data or change log. The floor is
 * removed after. The import's write pass / floor ratio is the figure that
 * survives a noisy machine. A second floor, the same-records floor
 * (bench/importCopyFloor.ts), copies every record the import wrote, all
 * properties and the change log included, the same way: the cost of the
 * records alone, without the checks, locks and MERGEs that decide them.
 */
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { connectBenchGraph, DATABASE_OPTION } from './benchGraph.js';
import type { Database } from '../src/neo4j/database.js';
import { COPY_PREFIX, removeCopyFloor, writeCopyFloor } from './importCopyFloor.js';
import { FLOOR_PREFIX, graphShape, removeImportFloor, writeImportFloor } from './importFloor.js';
import { benchRows, planRows } from './importRows.js';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    'text-bytes': { type: 'string' },
    'input-mb': { type: 'string' },
    runs: { type: 'string' },
    keep: { type: 'boolean' },
    'files-only': { type: 'string' },
    ...DATABASE_OPTION,
  },
});
const totalRows = Number(values.rows ?? 1_000_000);
/** Bytes per row without padding (measured on the generated files); facilities and partnerships (49% of rows) carry the padding. */
const BASE_BYTES_PER_ROW = 150;
const textBytes = values['input-mb']
  ? Math.max(0, Math.round(((Number(values['input-mb']) * 1e6) / totalRows - BASE_BYTES_PER_ROW) / 0.49))
  : Number(values['text-bytes'] ?? 0);
const runs = new Set((values.runs ?? 'bad,first,again').split(','));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

const SOURCE = 'bench-import-source';

/** Writes lines to a file with back-pressure. */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line + '\n')) await new Promise((resolve) => out.once('drain', () => resolve(undefined)));
  await new Promise((resolve, reject) => out.end((error?: Error) => (error ? reject(error) : resolve(undefined))));
}

async function generate(dir: string, badLine: boolean): Promise<string[]> {
  const rows = benchRows(planRows(totalRows), 'bench-', textBytes);
  const files = {
    sources: join(dir, 'sources.bench.csv'),
    companies: join(dir, 'companies.bench.csv'),
    parks: join(dir, 'parks.bench.jsonl'),
    facilities: join(dir, 'facilities.bench.csv'),
    pledges: join(dir, 'pledges.bench.jsonl'),
    partnerships: join(dir, 'partnerships.bench.csv'),
  };
  await writeLines(files.sources, ['id,title,publisher,language', `${SOURCE},Import benchmark data (fictional),greengraph,en`]);
  await writeLines(files.companies, (function* () {
    yield 'id,name,localName,aliases,sector,country,parent,parentKind,parentShare,source';
    for (const c of rows.companies()) {
      yield `${c.id},${c.name},,${c.alias},${c.sector},${c.country},${c.parent ?? ''},${c.parent ? 'SUBSIDIARY' : ''},${c.parent ? 100 : ''},${SOURCE}`;
    }
  })());
  await writeLines(files.parks, (function* () {
    for (const p of rows.parks()) yield JSON.stringify({ ...p, source: SOURCE });
  })());
  await writeLines(files.facilities, (function* () {
    yield 'id,name,localName,kind,description,products,city,province,park,operator,source';
    for (const f of rows.facilities(badLine)) {
      yield `${f.id},${f.name},,${f.kind},"${f.description}",${f.products.join('|')},${f.city},${f.province},${f.park ?? ''},${f.operator},${SOURCE}`;
    }
  })());
  await writeLines(files.pledges, (function* () {
    for (const p of rows.pledges()) yield JSON.stringify({ ...p, source: SOURCE });
  })());
  await writeLines(files.partnerships, (function* () {
    yield 'id,kind,title,description,status,startedOn,participants,unnamedParticipants,parks,province,pledges,source';
    for (const p of rows.partnerships()) {
      const participants = p.participants.map((x) => `${x.company}:${x.role}`).join('|');
      yield `${p.id},${p.kind},${p.title},"${p.description}",${p.status},${p.startedOn},${participants},${p.unnamed.role}:${p.unnamed.description},${p.park},,${p.pledge},${SOURCE}`;
    }
  })());
  return Object.values(files);
}

async function removeBenchData(db: Database): Promise<void> {
  // Batches of 10,000: one transaction for a million nodes would need a heap the shared machine lacks.
  for (;;) {
    const [row] = await db.write(`
MATCH (n:Entity) WHERE n.id STARTS WITH 'bench-'
WITH n LIMIT 10000
OPTIONAL MATCH (n)-[:HAS_VERSION]->(v)
DETACH DELETE n, v
RETURN count(DISTINCT n) AS n`);
    if (!row || row.n === 0) break;
  }
  // Plain Cypher bumps no graph version, so the bench import's unchanged-files stamp (src/import/unchangedFiles.ts)
  // would still hold, and the next first import would skip the files without writing them.
  await db.write(`MATCH (i:Import) WHERE any(f IN i.files WHERE f CONTAINS '.bench.') REMOVE i.unchangedKey, i.unchangedAt`);
}

interface Run {
  code: number;
  seconds: number;
  rows: number;
  rss: string;
  out: string;
}

async function importRun(files: string[]): Promise<Run> {
  const started = Date.now();
  // IMPORT_CHECK_WORKERS=N passes --check-workers N (the check pass's worker threads).
  const workers = process.env.IMPORT_CHECK_WORKERS ? ['--check-workers', process.env.IMPORT_CHECK_WORKERS] : [];
  // IMPORT_FULL_CHECK=1 passes --full-check: a re-import checks every row even when its files are stamped unchanged (src/import/unchangedFiles.ts).
  const fullCheck = process.env.IMPORT_FULL_CHECK === '1' ? ['--full-check'] : [];
  const result = await run('npm', ['run', '--silent', 'import', '--', '--batch-size', String(process.env.IMPORT_BATCH_SIZE ?? 5000), ...workers, ...fullCheck, ...files], {
    env: process.env,
    maxBuffer: 64 << 20,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  const seconds = (Date.now() - started) / 1000;
  const out = `${result.stdout}\n${result.stderr}`;
  return {
    code: result.code,
    seconds,
    rows: Number(/writing (\d+) rows/.exec(out)?.[1] ?? 0),
    rss: /peak RSS (\d+ MB)/.exec(out)?.[1] ?? '?',
    out,
  };
}

if (values['files-only']) {
  const files = await generate(values['files-only'], false);
  console.log(files.join('\n'));
  process.exit(0);
}
const graph = await connectBenchGraph('npm run bench:import', { confirmedUri: values.database, queryTimeoutMs: 600_000 });
const dir = mkdtempSync(join(tmpdir(), 'gg-import-bench-'));
try {
  const goodDir = join(dir, 'good');
  const badDir = join(dir, 'bad');
  for (const d of [goodDir, badDir]) rmSync(d, { recursive: true, force: true });
  await import('node:fs').then((fs) => [goodDir, badDir].forEach((d) => fs.mkdirSync(d)));
  const writes = runs.has('first') || runs.has('again');
  const good = writes ? await generate(goodDir, false) : [];
  const bad = runs.has('bad') ? await generate(badDir, true) : [];
  const bytes = (writes ? good : bad).reduce((sum, f) => sum + statSync(f).size, 0);
  console.log(`bench:import: ${totalRows} rows planned, ${(bytes / 1e6).toFixed(0)} MB in ${Math.max(good.length, bad.length)} files (${dir}); load average ${load()}`);
  // `--runs again` alone re-imports into the graph an earlier `--runs first --keep` left (same --rows: the files come out the same).
  const againOnly = runs.has('again') && !runs.has('first');
  if (!againOnly) await removeBenchData(graph.db);
  /** What a re-import must leave as it is: the bench's nodes, their relationships, the latest updatedAt. */
  const fingerprint = async () =>
    JSON.stringify(
      (
        await graph.db.read(`
MATCH (n:Entity) WHERE n.id STARTS WITH 'bench-'
RETURN count(n) AS nodes, sum(COUNT { (n)-[]-() }) AS relationshipEnds, toString(max(n.updatedAt)) AS lastUpdate`)
      )[0],
    );
  const figures = (r: Run) => `${r.rows} rows in ${r.seconds.toFixed(1)} s = ${Math.round(r.rows / r.seconds)} rows/s (whole command), peak RSS ${r.rss}`;

  if (runs.has('bad')) {
    const refused = await importRun(bad);
    const named = /facilities\.bench\.csv:(\d+): kind/.exec(refused.out)?.[1];
    const checkedIn = /checked in (\d+) ms/.exec(refused.out)?.[1];
    const records = Number(/problems? in (\d+) records/.exec(refused.out)?.[1] ?? 0);
    console.log(
      `one bad row: exit ${refused.code}, line named: ${named ?? 'NO'}, bench graph ${await fingerprint()}; ${records} records in ${refused.seconds.toFixed(1)} s (check ${checkedIn} ms) = ${Math.round(records / refused.seconds)} rows/s, peak RSS ${refused.rss}`,
    );
  }
  if (writes) {
    const batchSize = Number(process.env.IMPORT_BATCH_SIZE ?? 5000);
    if (!againOnly) {
      const first = await importRun(good);
      if (first.code !== 0) console.log(first.out);
      const writePass = Number(/imported \d+ rows in [\d.]+ s: (\d+) rows\/s/.exec(first.out)?.[1] ?? 0);
      console.log(`first import: ${figures(first)}; ${/checked in \d+ ms/.exec(first.out)?.[0]}; write pass ${writePass} rows/s`);
      if (runs.has('first')) {
        // The floor runs after the import (so neither warms the other's data) and is removed before the re-import.
        const imported = await graphShape(graph.db, 'bench-');
        const floor = await writeImportFloor(graph.db, totalRows, textBytes, batchSize);
        const floorShape = await graphShape(graph.db, FLOOR_PREFIX);
        await removeImportFloor(graph.db);
        const same = JSON.stringify(imported) === JSON.stringify(floorShape);
        console.log(`graph the import wrote: ${JSON.stringify(imported)}`);
        console.log(`graph the floor wrote:  ${same ? 'the same' : `DIFFERENT: ${JSON.stringify(floorShape)}`}`);
        console.log(
          `same-graph floor (${floor.rows} rows, plain UNWIND … CREATE in transactions of ${batchSize}): ${Math.round(floor.rowsPerSecond)} rows/s; ` +
            `import write pass / floor = ${(writePass / floor.rowsPerSecond).toFixed(3)}; load average ${load()}`,
        );
        const [latest] = await graph.db.read(`MATCH (i:Import) WHERE NOT i:BenchFloor RETURN i.id AS id ORDER BY i.startedAt DESC LIMIT 1`);
        const copy = await writeCopyFloor(graph.db, latest!.id as string, batchSize);
        const copyShape = await graphShape(graph.db, COPY_PREFIX);
        await removeCopyFloor(graph.db);
        console.log(`graph the copy wrote:   ${JSON.stringify(imported) === JSON.stringify(copyShape) ? 'the same' : `DIFFERENT: ${JSON.stringify(copyShape)}`}`);
        // The copy wrote what the import's rows wrote: its rate is over the same rows.
        const importedRows = Number(/imported (\d+) rows in/.exec(first.out)?.[1] ?? 0);
        const copyRate = importedRows / copy.seconds;
        console.log(
          `same-records floor (a copy of every record the import wrote: ${copy.entities} entities, ${copy.chunks} change-log chunks; plain UNWIND … CREATE in transactions of ${batchSize}): ` +
            `${Math.round(copyRate)} rows/s; import write pass / same-records floor = ${(writePass / copyRate).toFixed(3)}; load average ${load()}`,
        );
      }
    }
    if (runs.has('again')) {
      const before = await fingerprint();
      const again = await importRun(good);
      if (again.code !== 0) console.log(again.out);
      const after = await fingerprint();
      console.log(`re-import: ${figures(again)}; ${/(checked|looked up) in \d+ ms/.exec(again.out)?.[0]}; bench graph ${before === after ? 'unchanged' : 'CHANGED'}: ${after}`);
    }
  }
  console.log(`load average ${load()}`);
  if (!values.keep && !againOnly) await removeBenchData(graph.db);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await graph.close();
}
