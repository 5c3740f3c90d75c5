/**
 * The database a bench works on. Benches write, and clear what they wrote, so
 * they never run on the user's graph by accident: by default each starts a
 * Neo4j of its own on a free port with its data in .data/bench/neo4j (kept
 * between runs, so a large synthetic graph is generated once). With NEO4J_URI
 * set they use that database only if it is empty or a scratch database an
 * earlier bench or test run claimed, or when `--database <uri>` names it.
 */
import path from 'node:path';
import { readConfig } from '../src/config.js';
import { connect, type GraphDatabase } from '../src/graphDatabase.js';
import { freePort } from '../src/neo4j/freePort.js';
import { claimScratchDatabase } from '../src/neo4j/scratchDatabase.js';
import { projectRoot } from '../src/projectRoot.js';

export const BENCH_DATA_DIR = path.join(projectRoot(), '.data', 'bench', 'neo4j');

/** The option every bench accepts: `--database <uri>` allows it on a database it did not claim. */
export const DATABASE_OPTION = { database: { type: 'string' } } as const;

export interface BenchGraph extends GraphDatabase {
  /** The Bolt address, for child processes (the API under test). */
  uri: string;
}

export async function connectBenchGraph(
  purpose: string,
  options: { confirmedUri?: string | undefined; queryTimeoutMs?: number; log?: (line: string) => void } = {},
): Promise<BenchGraph> {
  const config = readConfig();
  const local = config.neo4j ? config.localNeo4j : { boltPort: await freePort(), dataDir: BENCH_DATA_DIR };
  const graph = await connect(
    { ...config, localNeo4j: local, queryTimeoutMs: options.queryTimeoutMs ?? config.queryTimeoutMs },
    options.log,
  );
  const uri = graph.local?.uri ?? config.neo4j!.uri;
  try {
    await claimScratchDatabase(graph.db, { purpose, uri, confirmedUri: options.confirmedUri });
  } catch (error) {
    await graph.close();
    throw error;
  }
  // Child processes (the import CLI, `npm run seed`, the API) reach the same database through process.env.
  if (graph.local) Object.assign(process.env, { NEO4J_URI: uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: '' });
  return { ...graph, uri };
}
