/**
 * `npm start`: read the configuration, connect to Neo4j (starting a local one
 * when NEO4J_URI is not set), migrate, seed an empty database, serve, and
 * shut down gracefully on SIGTERM or SIGINT.
 */
import { ConfigError, readConfig } from './config.js';
import { createLogger, type Logger } from './logging/requestLog.js';
import { connect, prepare } from './graphDatabase.js';
import { warmUpContract } from './warmUp.js';
import { Neo4jUnavailableError } from './neo4j/localNeo4jErrors.js';
import { readyMessage, serviceUrls } from './readyMessage.js';
import { createServer } from './server.js';
import { startTracing } from './observability/tracing.js';

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
  // Before anything runs, so that every request and statement is traced.
  const tracing = await startTracing();
  if (tracing) log(`exporting traces over OTLP to ${process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT}`);
  // Ready once migrations are applied, the seed is in place and the contract's
  // query plans are warm; not ready again from the moment the local Neo4j
  // exits until it is back and prepared again.
  let ready = false;
  let preparing: Promise<void> | undefined;
  let base = '';
  const prepareAndWarmUp = () =>
    prepareWhenReachable(async () => {
      await prepare(graph.db, { seed: config.seedOnStart, importProgress: server.metrics?.importProgress }, log);
      const took = await warmUpContract(server.apollo, graph.db);
      log(`warmed up the contract's query plans in ${Object.values(took).reduce((a, b) => a + b, 0)} ms`);
    }).then(() => {
      ready = true;
      const urls = serviceUrls(base);
      logger.info(config.log.format === 'json' ? { urls } : {}, readyMessage(urls));
    });
  const graph = await connect(config, log, {
    onExit: (how) => {
      ready = false;
      logger.error({ how }, 'the local Neo4j exited; restarting it');
    },
    onRestart: () => {
      preparing = prepareAndWarmUp();
    },
  });
  const server = await createServer({
    db: graph.db,
    logger,
    logVariables: config.log.logVariables,
    limits: config.limits,
    admission: config.admission,
    requireKeyForReads: config.requireKeyForReads,
    metrics: config.metrics,
    isPrepared: () => ready,
    changes: config.changes,
  });
  const port = await server.listen(config.port, config.host);
  base = `http://${['0.0.0.0', '127.0.0.1', '::'].includes(config.host) ? 'localhost' : config.host}:${port}`;
  log(`listening on ${base}; preparing the database`);
  preparing = prepareAndWarmUp();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping`);
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await server.close();
    await graph.close();
    await tracing?.shutdown().catch(() => undefined);
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await preparing;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof Neo4jUnavailableError) {
    logger.fatal(error.message);
  } else {
    logger.fatal({ err: error }, 'failed to start');
  }
  process.exit(1);
});
