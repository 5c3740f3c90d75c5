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
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../config.js';
import { connect } from '../graphDatabase.js';
import { migrate } from '../neo4j/migrations.js';
import { checkImport, importFiles } from './checkImport.js';
import { DEFAULT_BATCH_SIZE, ImportInterrupted, writeImport } from './importer.js';
import { progressReporter } from './progress.js';

const USAGE = `Usage: npm run import -- [--batch-size 1..50000] [--allow-empty] <file.csv|file.jsonl>…
File names start with what they hold: sources, companies, parks, facilities, partnerships or pledges.`;

const IMPORT_TRANSACTION_TIMEOUT_MS = 300_000;

const peakRss = () => `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;

async function main(argv: string[]): Promise<number> {
  const { positionals: names, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'batch-size': { type: 'string' }, 'allow-empty': { type: 'boolean' } },
  });
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : DEFAULT_BATCH_SIZE;
  if (!names.length || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    console.error(USAGE);
    return 1;
  }
  const { files, problems: fileProblems } = importFiles(names);
  if (fileProblems.length) {
    for (const problem of fileProblems) console.error(problem);
    console.error(`\nnothing was written.`);
    return 1;
  }
  // A batch is thousands of rows: the API's per-request time limit would cut
  // it off on a busy machine, so the import allows each transaction 5 minutes.
  const graph = await connect({ ...readConfig(), queryTimeoutMs: IMPORT_TRANSACTION_TIMEOUT_MS });
  try {
    await migrate(graph.db);
    const checkStarted = Date.now();
    const checked = await checkImport(files, (cypher, params) => graph.db.read(cypher, params));
    const records = [...checked.records.values()].reduce((a, b) => a + b, 0);
    if (checked.problemCount) {
      for (const problem of checked.problems) console.error(problem);
      const more = checked.problemCount - checked.problems.length;
      if (more > 0) console.error(`… and ${more} more`);
      console.error(`\n${checked.problemCount} problem${checked.problemCount > 1 ? 's' : ''} in ${records} records: nothing was written.`);
      return 1;
    }
    const empty = files.filter((f) => checked.records.get(f.file) === 0);
    for (const { file } of empty) console.error(`${file}: warning: holds no records`);
    if (empty.length && !values['allow-empty']) {
      console.error(`\nnothing was written: an empty file is usually a mistake (pass --allow-empty if it is not).`);
      return 1;
    }
    console.log(
      `import: ${records} records in ${files.length} file${files.length > 1 ? 's' : ''} are valid (checked in ${Date.now() - checkStarted} ms); writing ${checked.rows} rows in batches of ${batchSize}`,
    );
    const progress = progressReporter(process.stdout);
    try {
      const { written } = await writeImport(graph.db, files, checked.rows, { batchSize, by: 'import', onBatch: progress.onBatch });
      console.log(progress.summary(written));
      console.log(`import: ${peakRss()}`);
      return 0;
    } catch (error) {
      if (error instanceof ImportInterrupted) {
        console.error(`\n${error.message}\nBatches written so far are kept; run the same command again to finish: rows are merged by id, so nothing is duplicated.`);
        return 2;
      }
      throw error;
    }
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
