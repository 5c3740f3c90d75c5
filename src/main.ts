/**
 * `npm start`: read the configuration, connect to Neo4j (starting a local one
 * when NEO4J_URI is not set), migrate, seed an empty database, serve, and
 * shut down gracefully on SIGTERM or SIGINT.
 */
import { ConfigError, readConfig } from './config.js';
import { createLogger, type Logger } from './logging/requestLog.js';
import { connect, prepare } from './graphDatabase.js';
import { Neo4jUnavailableError } from './neo4j/localNeo4j.js';
import { readyMessage, serviceUrls } from './readyMessage.js';
import { createServer } from './server.js';

/** Until the configuration is read: readable on a terminal, JSON lines otherwise. */
let logger: Logger = createLogger({ level: 'info', format: process.stdout.isTTY ? 'pretty' : 'json' });
const log = (line: string) => logger.info(line);

/** Retries preparing the database until it succeeds: the API stays up meanwhile and /ready says 503. */
async function prepareWhenReachable(run: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await run();
      return;
    } catch (error) {
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
      log(`database not ready (${(error as Error).message}); retrying in ${delay / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  logger = createLogger(config.log);
  const graph = await connect(config, log);
  const server = await createServer({ db: graph.db, logger, logVariables: config.log.logVariables, limits: config.limits, requireKeyForReads: config.requireKeyForReads });
  const port = await server.listen(config.port, config.host);
  const base = `http://${['0.0.0.0', '127.0.0.1', '::'].includes(config.host) ? 'localhost' : config.host}:${port}`;
  log(`listening on ${base}; preparing the database`);
  const prepared = prepareWhenReachable(() => prepare(graph.db, { seed: config.seedOnStart }, log)).then(() => {
    const urls = serviceUrls(base);
    logger.info(config.log.format === 'json' ? { urls } : {}, readyMessage(urls));
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping`);
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await server.close();
    await graph.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await prepared;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof Neo4jUnavailableError) {
    logger.fatal(error.message);
  } else {
    logger.fatal({ err: error }, 'failed to start');
  }
  process.exit(1);
});
