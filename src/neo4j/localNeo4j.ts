/**
 * The one place that starts, reuses and stops the local Neo4j.
 *
 * When something already speaks Bolt on 127.0.0.1:<port> it is reused and left
 * running. Otherwise the embedded Neo4j launcher in neo4j/ (a tiny Java
 * program, see neo4j/README.md) is built with Maven if needed and started as a
 * child process; it prints `READY bolt://127.0.0.1:<port>` once Bolt answers.
 * The child watches its stdin, so it shuts itself down cleanly if this process
 * dies without calling stop().
 *
 * Its parts, one job a file: the Maven build and the java command line
 * (launcherBuild.ts), the Bolt probe (boltProbe.ts), the child process and its
 * output (launcherProcess.ts), restarts after an unexpected exit
 * (supervision.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isPortOpen, speaksBolt, waitForBolt } from './boltProbe.js';
import { checkJava, DEFAULT_BOLT_PORT, ensureBuilt, findProjectRoot, javaArguments, launcherPaths, parseClasspath, splitJvmOptions } from './launcherBuild.js';
import { detach, waitForReady } from './launcherProcess.js';
import { Neo4jStartError, Neo4jUnavailableError, NO_NEO4J_HINT } from './localNeo4jErrors.js';
import { runServer, type SupervisionOptions } from './supervision.js';

export interface LocalNeo4j {
  /** bolt://127.0.0.1:<port> */
  uri: string;
  /** False when an already running server was reused. */
  started: boolean;
  /** Process id of the server this call started (of its latest start when supervised); null when reused. */
  pid(): number | null;
  /** Stops the server this call started; a no-op for a reused one. */
  stop(): Promise<void>;
}

export interface LocalNeo4jOptions {
  /** Bolt port on 127.0.0.1. Default: NEO4J_BOLT_PORT or 7687. */
  port?: number;
  /** Neo4j home (store, transaction logs, logs/). Default: NEO4J_DATA_DIR or <projectRoot>/.data/neo4j. */
  dataDir?: string;
  /** Repository root holding neo4j/pom.xml. Default: found above this file. */
  projectRoot?: string;
  /** Progress lines (never the Bolt traffic). Default: silent. */
  log?: (line: string) => void;
  /** How long to wait for READY. Default 120 s. */
  startTimeoutMs?: number;
  /**
   * Reuse a Neo4j already answering on the port (default true). The test
   * setup and other owners of a scratch database pass false: a server they
   * did not start may hold someone's data, so they fail instead.
   */
  reuse?: boolean;
  /** How long stop() waits after SIGTERM before SIGKILL. Default 30 s. */
  stopTimeoutMs?: number;
  /**
   * Look after the server this call starts: when it exits without stop()
   * (killed, crashed), log it, call `onExit`, start it again with backoff
   * (1 s doubling up to `maxBackoffMs`) until it is ready, then call `onRestart`.
   */
  supervise?: SupervisionOptions;
  /**
   * Neo4j's dbms.cypher.min_replan_interval (a duration such as "1h"). Default:
   * Neo4j's own (10 s). The test server sets a long one: it is wiped and
   * seeded again for every test file, and each new seed would otherwise
   * replan every statement the last one planned.
   */
  cypherMinReplanInterval?: string;
}

/** Starts the local Neo4j, or reuses one already listening on the port. */
export async function startLocalNeo4j(options: LocalNeo4jOptions = {}): Promise<LocalNeo4j> {
  const log = options.log ?? (() => undefined);
  const host = '127.0.0.1';
  const port = options.port ?? (Number(process.env.NEO4J_BOLT_PORT) || DEFAULT_BOLT_PORT);
  const uri = `bolt://${host}:${port}`;
  const reused: LocalNeo4j = { uri, started: false, pid: () => null, stop: async () => undefined };

  const reuse = options.reuse ?? true;
  if (await isPortOpen(host, port)) {
    if (!reuse) {
      throw new Neo4jStartError(`Port ${port} on ${host} is already in use, and this Neo4j must be one this process starts; choose a free port.`);
    }
    if (await speaksBolt(host, port)) return reused;
    throw new Neo4jStartError(
      `Port ${port} on ${host} is in use by something that is not a Neo4j Bolt server; ` +
        'stop it, or set NEO4J_BOLT_PORT to a free port (or NEO4J_URI to an existing Neo4j).',
    );
  }

  const projectRoot = options.projectRoot ?? findProjectRoot();
  const dataDir = path.resolve(options.dataDir ?? (process.env.NEO4J_DATA_DIR?.trim() || path.join(projectRoot, '.data', 'neo4j')));
  const paths = launcherPaths(projectRoot);
  if (!existsSync(paths.pom)) {
    throw new Neo4jUnavailableError(`No ${paths.pom}, so no local Neo4j can be started: ${NO_NEO4J_HINT}`);
  }
  checkJava();
  await ensureBuilt(paths, log);

  mkdirSync(dataDir, { recursive: true });
  const classpath = parseClasspath(readFileSync(paths.classpathFile, 'utf8'));
  const args = javaArguments(paths.classesDir, classpath, splitJvmOptions(process.env.NEO4J_JAVA_OPTS));
  log(`starting Neo4j on ${uri} (data in ${dataDir})`);
  const spawnServer = () =>
    spawn('java', args, {
      cwd: projectRoot,
      env: {
        ...process.env,
        NEO4J_BOLT_PORT: String(port),
        NEO4J_DATA_DIR: dataDir,
        NEO4J_CYPHER_MIN_REPLAN_INTERVAL: options.cypherMinReplanInterval ?? '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: false,
    });
  const child = spawnServer();

  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  const deadline = Date.now() + startTimeoutMs;
  try {
    await waitForReady(child, startTimeoutMs, log, dataDir);
  } catch (error) {
    if (child.exitCode === null) throw error;
    // Another process may be starting Neo4j on the same data directory (it
    // holds the store lock): wait for it to open the port, then reuse it.
    const lockHeld = error instanceof Neo4jStartError && /store_lock/.test(error.message);
    if (reuse && await waitForBolt(host, port, lockHeld ? Math.min(deadline, Date.now() + 45_000) : Date.now())) {
      log(`another process started Neo4j on ${uri}; reusing it`);
      return reused;
    }
    if (lockHeld) {
      throw new Neo4jStartError(
        `The data directory ${dataDir} is locked by another Neo4j process that does not answer on port ${port}. ` +
          'Stop that process, or set NEO4J_DATA_DIR to another directory.',
      );
    }
    throw error;
  }

  detach(child);
  const running = runServer(
    child,
    { uri, log, spawnServer, waitUntilReady: (next) => waitForReady(next, startTimeoutMs, log, dataDir), stopTimeoutMs: options.stopTimeoutMs ?? 30_000 },
    options.supervise,
  );
  return { uri, started: true, pid: running.pid, stop: running.stop };
}
