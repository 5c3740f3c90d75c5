/**
 * `npm run import -- retract <import id> [--reason "…"]` and
 * `npm run import -- retract --source <source id> [--reason "…"]`: the
 * operator's way to take an import or a source back (retract.ts). Exit
 * codes: 0 done, 1 refused or usage, 2 the database failed part-way (run
 * the same command again to finish: every step is idempotent).
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Database } from '../neo4j/database.js';
import { DEFAULT_RETRACT_BATCH_SIZE, retractImport, retractSource, RetractionRefused, type RetractionSummary } from './retract.js';

export const RETRACT_USAGE = `       npm run import -- retract <import id> [--reason "…"] [--batch-size 1..50000]
       npm run import -- retract --source <source id> [--reason "…"] [--batch-size 1..50000]`;

/** Runs the retract subcommand; returns the exit code. */
export async function retractCommand(db: Database, argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { source: { type: 'string' }, reason: { type: 'string' }, 'batch-size': { type: 'string' } },
  });
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : DEFAULT_RETRACT_BATCH_SIZE;
  const target = values.source ?? positionals[0];
  if (!target || positionals.length > (values.source ? 0 : 1) || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    console.error(`Usage:\n${RETRACT_USAGE}`);
    return 1;
  }
  const what = values.source ? `source ${target}` : `import ${target}`;
  const options = {
    by: `${userInfo().username} (npm run import -- retract)`,
    reason: values.reason ?? `retracted with npm run import -- retract`,
    batchSize,
    onBatch: (p: RetractionSummary) => console.log(`retract: ${p.checked} entities checked, ${p.retiredEntities} retired, ${p.retiredRelationships} relationships retired`),
  };
  const started = Date.now();
  try {
    const summary = values.source ? await retractSource(db, target, options) : await retractImport(db, target, options);
    console.log(
      `retract: ${what} retracted in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.retiredEntities} entities and ${summary.retiredRelationships} relationships retired (kept in history), ${summary.checked} entities checked`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RetractionRefused) {
      console.error(error.message);
      return 1;
    }
    console.error(`\nThe retraction of ${what} stopped: ${(error as Error).message}\nWhat is done is consistent; run the same command again to finish.`);
    return 2;
  }
}
