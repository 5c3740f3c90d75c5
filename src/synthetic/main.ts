/**
 * `npm run seed:synthetic -- --scale S|M|L` (or `--companies N`), with
 * `--seed N` for another deterministic graph and `--wipe` to only remove the
 * synthetic data. Replaces any synthetic data already there; the real seed
 * is never touched (it is applied first when the database has none).
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { connect } from '../graphDatabase.js';
import { migrate } from '../neo4j/migrations.js';
import { applySeed } from '../seed/seedGraph.js';
import { writeSyntheticGraph, wipeSynthetic } from './writeSynthetic.js';
import { SCALES, type ScaleName } from './syntheticGraph.js';

const usage = 'usage: npm run seed:synthetic -- (--scale S|M|L | --companies N) [--seed N] | --wipe';

function options(): { wipeOnly: boolean; companies: number; seed: number } {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      companies: { type: 'string' },
      seed: { type: 'string', default: '42' },
      wipe: { type: 'boolean', default: false },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, but got: ${values.seed}\n${usage}`);
  if (values.wipe) return { wipeOnly: true, companies: 0, seed };
  if (values.companies !== undefined) {
    const companies = Number(values.companies);
    if (!Number.isInteger(companies) || companies < 10 || companies > 5_000_000) {
      throw new Error(`--companies must be a whole number from 10 to 5000000, but got: ${values.companies}\n${usage}`);
    }
    return { wipeOnly: false, companies, seed };
  }
  const scale = (values.scale ?? 'S').toUpperCase();
  if (!(scale in SCALES)) throw new Error(`--scale must be S, M or L, but got: ${values.scale}\n${usage}`);
  return { wipeOnly: false, companies: SCALES[scale as ScaleName], seed };
}

const log = (line: string) => console.log(`greengraph: ${line}`);

try {
  const chosen = options();
  const config = readConfig();
  // Batches of thousands of rows take longer than an API request may.
  const graph = await connect({ ...config, queryTimeoutMs: Math.max(config.queryTimeoutMs, 300_000) }, log);
  try {
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
