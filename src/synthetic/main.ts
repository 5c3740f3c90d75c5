/**
 * `npm run seed:synthetic -- --scale S|M|L` (or `--companies N`), with
 * `--seed N` for another deterministic graph and `--wipe` to only remove the
 * synthetic data. Replaces any synthetic data already there; the real seed
 * is never touched (it is applied first when the database has none).
 *
 * It deletes data (the synthetic graph of an earlier run), so it runs only on
 * a scratch database: one that was empty when a command of ours claimed it
 * (src/neo4j/scratchDatabase.ts), or the one `--database <uri>` names.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { connect } from '../graphDatabase.js';
import { migrate } from '../neo4j/migrations.js';
import { claimScratchDatabase } from '../neo4j/scratchDatabase.js';
import { applySeed } from '../seed/seedGraph.js';
import { writeSyntheticGraph, wipeSynthetic } from './writeSynthetic.js';
import { SCALES, type ScaleName } from './syntheticGraph.js';

const usage = 'usage: npm run seed:synthetic -- (--scale S|M|L | --companies N) [--seed N] | --wipe  [--database <uri>]';

function options(): { wipeOnly: boolean; companies: number; seed: number; database: string | undefined } {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      companies: { type: 'string' },
      seed: { type: 'string', default: '42' },
      wipe: { type: 'boolean', default: false },
      database: { type: 'string' },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, but got: ${values.seed}\n${usage}`);
  const database = values.database;
  if (values.wipe) return { wipeOnly: true, companies: 0, seed, database };
  if (values.companies !== undefined) {
    const companies = Number(values.companies);
    if (!Number.isInteger(companies) || companies < 10 || companies > 5_000_000) {
      throw new Error(`--companies must be a whole number from 10 to 5000000, but got: ${values.companies}\n${usage}`);
    }
    return { wipeOnly: false, companies, seed, database };
  }
  const scale = (values.scale ?? 'S').toUpperCase();
  if (!(scale in SCALES)) throw new Error(`--scale must be S, M or L, but got: ${values.scale}\n${usage}`);
  return { wipeOnly: false, companies: SCALES[scale as ScaleName], seed, database };
}

const log = (line: string) => console.log(`greengraph: ${line}`);

try {
  const chosen = options();
  const config = readConfig();
  // Batches of thousands of rows take longer than an API request may.
  const graph = await connect({ ...config, queryTimeoutMs: Math.max(config.queryTimeoutMs, 300_000) }, log);
  try {
    const uri = graph.local?.uri ?? config.neo4j!.uri;
    await claimScratchDatabase(graph.db, { purpose: 'npm run seed:synthetic', uri, confirmedUri: chosen.database });
    await migrate(graph.db);
    if (chosen.wipeOnly) {
      const deleted = await wipeSynthetic(graph.db);
      log(`removed ${deleted} synthetic nodes; the real graph is untouched`);
    } else {
      await applySeed(graph.db);
      await writeSyntheticGraph(graph.db, chosen.companies, chosen.seed, log);
    }
  } finally {
    await graph.close();
  }
} catch (error) {
  console.error(`greengraph: ${(error as Error).message}`);
  process.exitCode = 1;
}
