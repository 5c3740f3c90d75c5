/**
 * Connects to the configured Neo4j, or starts (or reuses) the local one, and
 * prepares it: migrations, and the seed graph on an empty database.
 */
import { basename } from 'node:path';
import type { Config } from './config.js';
import { createDriver, Database } from './neo4j/database.js';
import { startLocalNeo4j, type LocalNeo4j } from './neo4j/localNeo4j.js';
import { migrate } from './neo4j/migrations.js';
import { importDataset } from './import/importDataset.js';
import type { ImportProgress } from './import/importer.js';
import { applySeed, describeSeed, isEmpty, SEED_STAMP } from './seed/seedGraph.js';
import { seedDatasets } from './seed/seedDatasets.js';

export interface GraphDatabase {
  db: Database;
  /** The local Neo4j this process started, if any. */
  local: LocalNeo4j | null;
  close(): Promise<void>;
}

/** Called when the local Neo4j this process started exits on its own, and when it is back after a restart. */
export interface LocalNeo4jEvents {
  onExit?: (how: string) => void;
  onRestart?: () => void;
}

/**
 * Connects to NEO4J_URI, or to a local Neo4j started (or reused) on
 * NEO4J_BOLT_PORT. A local Neo4j this process starts is supervised: restarted
 * when it exits on its own. With NEO4J_URI the driver only reconnects.
 */
export async function connect(
  config: Config,
  log: (line: string) => void = () => undefined,
  events: LocalNeo4jEvents = {},
): Promise<GraphDatabase> {
  let local: LocalNeo4j | null = null;
  let connection = config.neo4j;
  if (!connection) {
    local = await startLocalNeo4j({
      port: config.localNeo4j.boltPort,
      ...(config.localNeo4j.dataDir ? { dataDir: config.localNeo4j.dataDir } : {}),
      log,
      supervise: events,
    });
    if (local.started) log(`local Neo4j started (pid ${local.pid()})`);
    connection = { uri: local.uri, user: 'neo4j', password: '', database: null };
  }
  const driver = createDriver(connection);
  const db = new Database(driver, connection.database, config.queryTimeoutMs);
  return {
    db,
    local,
    close: async () => {
      await driver.close();
      await local?.stop();
    },
  };
}

/**
 * Applies migrations and, when asked and the database is empty, the seed
 * graph; `importProgress` gives each dataset import a progress callback
 * (the server's import metrics).
 */
export async function prepare(
  db: Database,
  options: { seed: boolean; importProgress?: () => (progress: ImportProgress) => void },
  log: (line: string) => void = () => undefined,
): Promise<void> {
  const applied = await migrate(db);
  if (applied.length) log(`applied migrations ${applied.join(', ')}`);
  if (options.seed && (await isEmpty(db))) {
    log(`seeded an empty database: ${describeSeed(await applySeed(db))}`);
    for (const dir of seedDatasets()) {
      const { id, rows } = await importDataset(db, dir, SEED_STAMP, options.importProgress?.());
      log(`imported the dataset ${basename(dir)}: ${rows} rows as ${id} (retract with: npm run import -- retract ${id})`);
    }
  }
}
