/**
 * `npm run import -- <file>…`: validates every file in full, writes nothing
 * when any record is bad (each reported as `file:line: reason`), then writes
 * in batches with progress and prints the throughput. Exit codes: 0 done,
 * 1 invalid input or usage, 2 the database failed part-way (re-run to finish).
 *
 * Connects like `npm start` (NEO4J_URI, or the local Neo4j on
 * NEO4J_BOLT_PORT); the import is an operator's tool and needs no API key.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../config.js';
import { connect } from '../graphDatabase.js';
import { migrate } from '../neo4j/migrations.js';
import { parseImportFile } from './importFormats.js';
import { DEFAULT_BATCH_SIZE, ImportInterrupted, writeImport } from './importer.js';
import { planImport } from './importPlan.js';
import { progressReporter } from './progress.js';

async function main(argv: string[]): Promise<number> {
  const { positionals: files, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'batch-size': { type: 'string' } },
  });
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : DEFAULT_BATCH_SIZE;
  if (!files.length || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    console.error('Usage: npm run import -- [--batch-size 1..50000] <file.csv|file.jsonl>…\nFile names start with what they hold: sources, companies, parks, facilities, partnerships or pledges.');
    return 1;
  }
  const parsed = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      console.error(`${file}: cannot read: ${(error as Error).message}`);
      return 1;
    }
    parsed.push(parseImportFile(file, text));
  }
  const graph = await connect(readConfig());
  try {
    await migrate(graph.db);
    const checkStarted = Date.now();
    const { plan, records, problems } = await planImport(parsed, (cypher, params) => graph.db.read(cypher, params));
    if (problems.length) {
      for (const problem of problems) console.error(problem);
      console.error(`\n${problems.length} problem${problems.length > 1 ? 's' : ''} in ${records} records: nothing was written.`);
      return 1;
    }
    console.log(`import: ${records} records in ${files.length} file${files.length > 1 ? 's' : ''} are valid (checked in ${Date.now() - checkStarted} ms); writing in batches of ${batchSize}`);
    const progress = progressReporter(process.stdout);
    try {
      const { written } = await writeImport(graph.db, plan, { batchSize, onBatch: progress.onBatch });
      console.log(progress.summary(written));
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
