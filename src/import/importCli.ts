/**
 * `npm run import -- <file>…`: checks every file in full (streamed, ids
 * only in memory), writes nothing when any record is bad (each reported as
 * `file:line: reason`), then writes in batches with progress and prints the
 * throughput and the peak memory of this process. Exit codes: 0 done,
 * 1 invalid input or usage, 2 the database failed part-way (re-run to finish).
 *
 * Connects like `npm start` (NEO4J_URI, or the local Neo4j on
 * NEO4J_BOLT_PORT); the import is an operator's tool and needs no API key.
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../config.js';
import { connect } from '../graphDatabase.js';
import { migrate } from '../neo4j/migrations.js';
import { checkImport, importFiles } from './checkImport.js';
import { DEFAULT_BATCH_SIZE, ImportInterrupted, writeImport } from './importer.js';
import { batchCommittedCypher, createImportCypher, finishImportCypher, importByIdCypher, resumeImportCypher } from './importRecord.cypher.js';
import { progressReporter } from './progress.js';
import { sha256OfFile } from './sha256.js';
import { filesKey, graphVersionIn, readGraphVersion, sameVersion, stampedImport, stampUnchanged, VersionChain, type GraphVersion } from './unchangedFiles.js';
import { RETRACT_USAGE, retractCommand } from '../provenance/retractCli.js';

const USAGE = `Usage: npm run import -- [--batch-size 1..50000] [--allow-empty] [--check-workers 0..8] [--revive] [--full-check] <file.csv|file.jsonl>…
       npm run import -- --resume <import id> [<file>…]   (the same files, unchanged)
${RETRACT_USAGE}
File names start with what they hold: sources, companies, parks, facilities, partnerships, pledges, programs or designations.`;

const IMPORT_TRANSACTION_TIMEOUT_MS = 300_000;

const peakRss = () => `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'retract') return withGraph((graph) => retractCommand(graph.db, argv.slice(1)));
  const { positionals: names, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'batch-size': { type: 'string' }, 'allow-empty': { type: 'boolean' }, resume: { type: 'string' }, 'check-workers': { type: 'string' }, revive: { type: 'boolean' }, 'full-check': { type: 'boolean' } },
  });
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : DEFAULT_BATCH_SIZE;
  const resumeId = values.resume;
  // Worker threads that read and check files, for a machine with idle cores (default 0: the main thread checks).
  const checkWorkers = values['check-workers'] === undefined ? undefined : Number(values['check-workers']);
  const badWorkers = checkWorkers !== undefined && (!Number.isInteger(checkWorkers) || checkWorkers < 0 || checkWorkers > 8);
  if ((!names.length && !resumeId) || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000 || badWorkers) {
    console.error(USAGE);
    return 1;
  }
  // A batch is thousands of rows: the API's per-request time limit would cut
  // it off on a busy machine, so the import allows each transaction 5 minutes.
  const graph = await connect({ ...readConfig(), queryTimeoutMs: IMPORT_TRANSACTION_TIMEOUT_MS });
  try {
    await migrate(graph.db);
    let skipRows = 0;
    if (resumeId) {
      const [earlier] = await graph.db.read(importByIdCypher, { id: resumeId });
      if (!earlier) {
        console.error(`There is no import with id "${resumeId}".`);
        return 1;
      }
      if (earlier.status === 'retracted' || earlier.status === 'retracting') {
        console.error(`The import ${resumeId} was retracted: it cannot be resumed; start a new import instead.`);
        return 1;
      }
      if (earlier.status === 'committed') {
        console.error(`The import ${resumeId} is already committed: there is nothing to resume.`);
        return 1;
      }
      if (!names.length) names.push(...(earlier.files as string[]));
      const hashes = await Promise.all(names.map((f) => sha256OfFile(f).catch(() => 'unreadable')));
      if (names.join('\n') !== (earlier.files as string[]).join('\n') || hashes.join() !== (earlier.sha256 as string[]).join()) {
        console.error(`The files differ from those of ${resumeId} (names or SHA-256): resume needs the same files, unchanged; start a new import instead.`);
        return 1;
      }
      skipRows = earlier.rowsCommitted as number;
    }
    const { files, problems: fileProblems } = importFiles(names);
    if (fileProblems.length) {
      for (const problem of fileProblems) console.error(problem);
      console.error(`\nnothing was written.`);
      return 1;
    }
    const checkStarted = Date.now();
    const sha256 = await Promise.all(files.map((f) => sha256OfFile(f.file)));
    const key = filesKey(files, sha256);
    // Read before the check: a stamp names a state the whole check saw (unchangedFiles.ts).
    const startVersion = await readGraphVersion(graph.db);
    const stamped = resumeId || values['full-check'] ? null : await stampedImport(graph.db, files, key, startVersion);
    const checked = stamped ?? (await checkImport(files, (cypher, params) => graph.db.read(cypher, params), checkWorkers === undefined ? {} : { workers: checkWorkers }));
    const records = [...checked.records.values()].reduce((a, b) => a + b, 0);
    if (checked.problemCount) {
      for (const problem of checked.problems) console.error(problem);
      const more = checked.problemCount - checked.problems.length;
      if (more > 0) console.error(`… and ${more} more`);
      console.error(`\n${checked.problemCount} problem${checked.problemCount > 1 ? 's' : ''} in ${records} records: nothing was written (checked in ${Date.now() - checkStarted} ms; ${peakRss()}).`);
      return 1;
    }
    const empty = files.filter((f) => checked.records.get(f.file) === 0);
    for (const { file } of empty) console.error(`${file}: warning: holds no records`);
    if (empty.length && !values['allow-empty']) {
      console.error(`\nnothing was written: an empty file is usually a mistake (pass --allow-empty if it is not).`);
      return 1;
    }
    console.log(
      (stamped
        ? `import: ${records} records in ${files.length} file${files.length > 1 ? 's' : ''} are those of ${stamped.from}, and no write has changed the graph since (looked up in ${Date.now() - checkStarted} ms, files not read again); writing ${checked.rows} rows in batches of ${batchSize}`
        : `import: ${records} records in ${files.length} file${files.length > 1 ? 's' : ''} are valid (checked in ${Date.now() - checkStarted} ms); writing ${checked.rows} rows in batches of ${batchSize}`) +
        (checked.unchanged ? ` (${checked.unchanged} of them are in the graph as they are and are skipped)` : ''),
    );
    const importId = resumeId ?? `import-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
    if (resumeId) {
      await graph.db.write(resumeImportCypher, { id: importId });
      console.log(`import: resuming ${importId} after its ${skipRows} committed rows`);
    } else {
      await graph.db.write(createImportCypher, {
        id: importId,
        by: `${userInfo().username} (npm run import)`,
        files: files.map((f) => f.file),
        sha256,
        records: files.map((f) => checked.records.get(f.file) ?? 0),
        rows: checked.rows,
      });
      console.log(`import: recorded as ${importId}`);
    }
    if (checked.rows > 0 && checked.unchanged === checked.rows) {
      // Every row is in the graph exactly as the files say: the run is recorded, nothing is written.
      await graph.db.write(batchCommittedCypher, { importId, done: checked.rows, ids: [] });
      await graph.db.write(finishImportCypher, { id: importId, status: 'committed', error: null });
      // Nothing committed while the check read the graph: at that version every row is unchanged.
      if (!resumeId && sameVersion(startVersion, await readGraphVersion(graph.db))) await stampUnchanged(graph.db, importId, key, startVersion!);
      console.log(`import: ${checked.rows} rows written in 0 s: nothing changed (every row was already in the graph as it is)`);
      console.log(`import: ${importId} committed; ${peakRss()}`);
      return 0;
    }
    const progress = progressReporter(process.stdout);
    const chain = new VersionChain(resumeId ? null : startVersion);
    if (checked.retired && values.revive !== true) chain.breakChain();
    let seen: { version: GraphVersion | null; wrote: boolean } | null = null;
    try {
      const { written, unchanged } = await writeImport(graph.db, files, checked.rows, {
        batchSize,
        // The import id is the stamp: createdBy/updatedBy and recordedBy say which import wrote a fact.
        by: importId,
        skipRows,
        revive: values.revive === true,
        onBatch: (p) => {
          chain.batch(seen?.version ?? null, seen?.wrote ?? false);
          return progress.onBatch(p);
        },
        afterBatch: async (tx, { done }, rows) => {
          const ids = rows.flatMap((row) => ((row as { id?: string }).id ? [(row as { id: string }).id] : []));
          await tx.run(batchCommittedCypher, { importId, done, ids });
          seen = { version: await graphVersionIn(tx), wrote: rows.length > 0 };
        },
      });
      await graph.db.write(finishImportCypher, { id: importId, status: 'committed', error: null });
      if (chain.stampable) await stampUnchanged(graph.db, importId, key, chain.stampable);
      console.log(`${progress.summary(written)}${unchanged ? ` (${unchanged} unchanged rows skipped)` : ''}`);
      console.log(`import: ${importId} committed; ${peakRss()}`);
      return 0;
    } catch (error) {
      if (error instanceof ImportInterrupted) {
        await graph.db.write(finishImportCypher, { id: importId, status: 'failed', error: error.message }).catch(() => undefined);
        console.error(`\n${error.message}\nBatches written so far are kept; finish with: npm run import -- --resume ${importId}`);
        return 2;
      }
      throw error;
    }
  } finally {
    await graph.close();
  }
}

async function withGraph(work: (graph: Awaited<ReturnType<typeof connect>>) => Promise<number>): Promise<number> {
  const graph = await connect({ ...readConfig(), queryTimeoutMs: IMPORT_TRANSACTION_TIMEOUT_MS });
  try {
    await migrate(graph.db);
    return await work(graph);
  } finally {
    await graph.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `import failed: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
