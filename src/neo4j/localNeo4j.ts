/**
 * The one place that starts, reuses and stops the local Neo4j.
 *
 * When something already speaks Bolt on 127.0.0.1:<port> it is reused and left
 * running. Otherwise the embedded Neo4j launcher in neo4j/ (a tiny Java
 * program, see neo4j/README.md) is built with Maven if needed and started as a
 * child process; it prints `READY bolt://127.0.0.1:<port>` once Bolt answers.
 * The child watches its stdin, so it shuts itself down cleanly if this process
 * dies without calling stop().
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  supervise?: {
    onExit?: (how: string) => void;
    onRestart?: () => void;
    /** Default 30 s. */
    maxBackoffMs?: number;
  };
}

/** No local Neo4j can be started here: what to install or set is in the message. */
export class Neo4jUnavailableError extends Error {
  override name = 'Neo4jUnavailableError';
}

/** The launcher started but did not become ready (or was not there to reuse). */
export class Neo4jStartError extends Error {
  override name = 'Neo4jStartError';
}

export const DEFAULT_BOLT_PORT = 7687;
export const LAUNCHER_CLASS = 'greengraph.neo4j.LocalNeo4j';
export const MIN_JAVA_VERSION = 17;

/**
 * JVM flags for embedded Neo4j 5 on Java 17+. Without the --add-opens Neo4j
 * falls back to slower page-cache memory access and cannot advise the OS on
 * transaction log files (warnings in debug.log). The heap is fixed so Neo4j
 * does not size itself from the machine's RAM. NEO4J_JAVA_OPTS is appended
 * (later flags win, e.g. -Xmx2g).
 */
export const JVM_ARGS: readonly string[] = [
  '-Xms256m',
  '-Xmx1g',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
];

const NO_NEO4J_HINT =
  'set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to use an existing server, or install Java 17+ and Maven ' +
  'so greengraph can start a local Neo4j (Debian: apt-get install openjdk-17-jdk-headless maven)';

// ---------------------------------------------------------------------------
// Pure helpers (unit tested)

/** The Bolt URI from a launcher stdout line, or undefined if it is not the READY line. */
export function parseReadyLine(line: string): string | undefined {
  const match = /^READY (bolt:\/\/[^\s]+:\d+)\s*$/.exec(line);
  return match?.[1];
}

/** The major version from `java -version` output (`1.8.0_292` is 8), or undefined. */
export function parseJavaMajorVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/** Splits NEO4J_JAVA_OPTS-style text on whitespace. */
export function splitJvmOptions(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter((part) => part.length > 0);
}

export interface LauncherPaths {
  neo4jDir: string;
  pom: string;
  source: string;
  classesDir: string;
  classFile: string;
  classpathFile: string;
  /** Written after a successful build; its mtime marks the build. */
  stampFile: string;
}

export function launcherPaths(projectRoot: string): LauncherPaths {
  const neo4jDir = path.join(projectRoot, 'neo4j');
  const target = path.join(neo4jDir, 'target');
  return {
    neo4jDir,
    pom: path.join(neo4jDir, 'pom.xml'),
    source: path.join(neo4jDir, 'src', 'main', 'java', 'greengraph', 'neo4j', 'LocalNeo4j.java'),
    classesDir: path.join(target, 'classes'),
    classFile: path.join(target, 'classes', 'greengraph', 'neo4j', 'LocalNeo4j.class'),
    classpathFile: path.join(target, 'classpath.txt'),
    stampFile: path.join(target, 'greengraph-build.stamp'),
  };
}

/**
 * Whether a build is current: every output exists and the build stamp is no
 * older than any input. Missing inputs are ignored; missing outputs mean stale.
 * Times are mtimes in ms, undefined when the file does not exist.
 */
export function isBuildUpToDate(times: {
  inputs: readonly (number | undefined)[];
  outputs: readonly (number | undefined)[];
  stamp: number | undefined;
}): boolean {
  if (times.stamp === undefined || times.outputs.some((t) => t === undefined)) return false;
  const newestInput = Math.max(0, ...times.inputs.map((t) => t ?? 0));
  return times.stamp >= newestInput;
}

/** The classpath entries from classpath.txt text (path-separator separated). */
export function parseClasspath(text: string, separator: string = path.delimiter): string[] {
  return text
    .trim()
    .split(separator)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** The full java command line (without `java`). */
export function javaArguments(classesDir: string, classpath: readonly string[], extraJvmOptions: readonly string[] = []): string[] {
  return [
    ...JVM_ARGS,
    ...extraJvmOptions,
    '-cp',
    [classesDir, ...classpath].join(path.delimiter),
    LAUNCHER_CLASS,
    '--exit-on-stdin-close',
  ];
}

/**
 * The repository root: the nearest folder at or above `startDir` holding
 * neo4j/pom.xml. Works from src/neo4j/ (tsx, vitest) and dist/src/neo4j/ (tsc).
 */
export function findProjectRoot(
  startDir: string = path.dirname(fileURLToPath(import.meta.url)),
  exists: (file: string) => boolean = existsSync,
): string {
  let dir = path.resolve(startDir);
  for (;;) {
    if (exists(path.join(dir, 'neo4j', 'pom.xml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Neo4jUnavailableError(
        `Cannot find neo4j/pom.xml above ${startDir}, so no local Neo4j can be started: ${NO_NEO4J_HINT}`,
      );
    }
    dir = parent;
  }
}

// ---------------------------------------------------------------------------
// Network probes

/** Whether a TCP connection to host:port succeeds within timeoutMs. */
export function isPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether host:port answers the Bolt handshake (any 4-byte version reply,
 * even "no common version", means it is a Bolt server).
 */
export function speaksBolt(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    const done = (bolt: boolean): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(bolt);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    socket.once('connect', () => {
      socket.write(
        Buffer.from([
          0x60, 0x60, 0xb0, 0x17, // magic
          0x00, 0x04, 0x04, 0x05, // 5.4 down to 5.0
          0x00, 0x00, 0x04, 0x04, // 4.4
          0x00, 0x00, 0x00, 0x04, // 4
          0x00, 0x00, 0x00, 0x03, // 3
        ]),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4) {
        // Bolt replies with exactly a version (0x00 0x00 minor major); HTTP and others don't.
        done(received[0] === 0 && received[1] === 0 && received.length === 4);
      }
    });
  });
}

/** Polls speaksBolt until it answers or the deadline (epoch ms) passes; checks at least once. */
async function waitForBolt(host: string, port: number, deadline: number): Promise<boolean> {
  for (;;) {
    if (await speaksBolt(host, port)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// ---------------------------------------------------------------------------
// Starting

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function launcherIsBuilt(paths: LauncherPaths): boolean {
  const upToDate = isBuildUpToDate({
    inputs: [mtime(paths.pom), mtime(paths.source)],
    outputs: [mtime(paths.classFile), mtime(paths.classpathFile)],
    stamp: mtime(paths.stampFile),
  });
  if (!upToDate) return false;
  // The jars live in ~/.m2; if one is gone (cache cleaned), build again to fetch it.
  return parseClasspath(readFileSync(paths.classpathFile, 'utf8')).every((entry) => existsSync(entry));
}

function commandWorks(command: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  return { ok: !result.error && result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function checkJava(): void {
  const java = commandWorks('java', ['-version']);
  if (!java.ok) throw new Neo4jUnavailableError(`No Neo4j to connect to (java not found): ${NO_NEO4J_HINT}`);
  const version = parseJavaMajorVersion(java.output);
  if (version !== undefined && version < MIN_JAVA_VERSION) {
    throw new Neo4jUnavailableError(`No Neo4j to connect to (java ${version} is too old, Neo4j 5 needs 17+): ${NO_NEO4J_HINT}`);
  }
}

async function buildLauncher(paths: LauncherPaths, log: (line: string) => void): Promise<void> {
  if (!commandWorks('mvn', ['-v']).ok) {
    throw new Neo4jUnavailableError(`No Neo4j to connect to (mvn not found, needed once to build neo4j/): ${NO_NEO4J_HINT}`);
  }
  log('building the local Neo4j launcher with Maven (first run downloads Neo4j, ~100 MB)');
  const args = [
    '-q', '--batch-mode', '--no-transfer-progress', '-Dstyle.color=never',
    '-f', paths.pom,
    '-DskipTests',
    'compile',
    'dependency:build-classpath',
    `-Dmdep.outputFile=${paths.classpathFile}`,
  ];
  const code = await new Promise<number | null>((resolve, reject) => {
    // Maven's output goes to our stderr so a first build shows its progress,
    // without the colour codes Maven's console still writes in batch mode.
    const child = spawn('mvn', args, { cwd: paths.neo4jDir, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      onLines(stream, (line) => {
        const plain = stripAnsi(line);
        if (plain.trim()) process.stderr.write(`${plain}\n`);
      });
    }
    child.once('error', reject);
    // 'close', not 'exit': every line of its output has been passed on by then.
    child.once('close', (exitCode) => resolve(exitCode));
  });
  if (code !== 0 || !existsSync(paths.classFile) || !existsSync(paths.classpathFile)) {
    throw new Neo4jStartError(
      `Building the local Neo4j launcher failed (mvn exit ${code}). Run: mvn -B -f ${paths.pom} -DskipTests compile ` +
        `dependency:build-classpath -Dmdep.outputFile=target/classpath.txt`,
    );
  }
  writeFileSync(paths.stampFile, `${new Date().toISOString()}\n`);
}

const builds: Record<string, Promise<void>> = {};

async function ensureBuilt(paths: LauncherPaths, log: (line: string) => void): Promise<void> {
  if (launcherIsBuilt(paths)) return;
  // One Maven build at a time per process, even when several starts race.
  await (builds[paths.pom] ??= buildLauncher(paths, log).finally(() => delete builds[paths.pom]));
}

/**
 * Builds the launcher with Maven unless it is up to date, without starting
 * Neo4j (`npm run neo4j:build`; CI runs it as a step of its own).
 */
export async function buildLocalNeo4j(options: { projectRoot?: string; log?: (line: string) => void } = {}): Promise<void> {
  const paths = launcherPaths(options.projectRoot ?? findProjectRoot());
  await ensureBuilt(paths, options.log ?? (() => undefined));
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
      env: { ...process.env, NEO4J_BOLT_PORT: String(port), NEO4J_DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: false,
    });
  let child = spawnServer();

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

  let stopping: Promise<void> | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  const supervise = options.supervise;
  if (supervise) {
    const maxBackoffMs = supervise.maxBackoffMs ?? 30_000;
    const restart = (attempt: number) => {
      const delay = Math.min(maxBackoffMs, 1000 * 2 ** (attempt - 1));
      log(`restarting Neo4j on ${uri} in ${delay} ms (attempt ${attempt})`);
      restartTimer = setTimeout(() => {
        if (stopping) return;
        child = spawnServer();
        waitForReady(child, startTimeoutMs, log, dataDir).then(
          () => {
            detach(child);
            if (stopping) return;
            log(`Neo4j on ${uri} is back (pid ${child.pid})`);
            watch(child);
            supervise.onRestart?.();
          },
          (error: unknown) => {
            log(`restarting Neo4j failed: ${(error as Error).message}`);
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            if (!stopping) restart(attempt + 1);
          },
        );
      }, delay);
      restartTimer.unref();
    };
    const watch = (running: ChildProcessWithoutNullStreams) => {
      running.once('exit', (code, signal) => {
        if (stopping) return;
        const how = signal ? `killed by ${signal}` : `exit code ${code}`;
        log(`Neo4j on ${uri} exited unexpectedly (${how})`);
        supervise.onExit?.(how);
        restart(1);
      });
    };
    watch(child);
  }

  return {
    uri,
    started: true,
    pid: () => child.pid ?? null,
    stop: () => {
      clearTimeout(restartTimer);
      return (stopping ??= stopChild(child, options.stopTimeoutMs ?? 30_000, log));
    },
  };
}

/**
 * A forgotten stop() must not keep this process alive; the child then sees
 * stdin close when we exit and shuts itself down.
 */
function detach(child: ChildProcessWithoutNullStreams): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void }).unref?.();
  }
}

function waitForReady(
  child: ChildProcessWithoutNullStreams,
  timeoutMs: number,
  log: (line: string) => void,
  dataDir: string,
): Promise<void> {
  const stderrTail: string[] = [];
  const tail = (): string =>
    stderrTail.length ? `\nLast output:\n  ${stderrTail.join('\n  ')}` : '';
  const logsHint = `Neo4j's logs: ${path.join(dataDir, 'logs', 'debug.log')}`;

  onLines(child.stderr, (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 30) stderrTail.shift();
    // The launcher's own lines are progress; anything else (stack traces) only goes into errors.
    if (line.startsWith('local-neo4j: ')) log(line.slice('local-neo4j: '.length));
  });

  return new Promise<void>((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Neo4jStartError(`Neo4j did not become ready within ${timeoutMs} ms. ${logsHint}${tail()}`));
    }, timeoutMs);
    onLines(child.stdout, (line) => {
      if (!ready && parseReadyLine(line)) {
        ready = true;
        clearTimeout(timer);
        resolve();
      } else if (line.trim()) {
        log(line);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Neo4jUnavailableError(`Could not run java (${error.message}): ${NO_NEO4J_HINT}`));
    });
    child.once('exit', (code, signal) => {
      if (ready) return;
      clearTimeout(timer);
      // Give stderr a moment to drain so the tail is complete.
      setTimeout(() => {
        reject(
          new Neo4jStartError(
            `Neo4j exited before it was ready (${signal ?? `exit code ${code}`}). ${logsHint}${tail()}`,
          ),
        );
      }, 50);
    });
  });
}

function stopChild(child: ChildProcessWithoutNullStreams, timeoutMs: number, log: (line: string) => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const killer = setTimeout(() => {
      log(`Neo4j did not stop within ${timeoutMs} ms; killing it`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    log('stopping Neo4j');
    child.kill('SIGTERM');
  });
}

/** Removes terminal escape sequences (colours, cursor moves) from a line of a child's output. */
export function stripAnsi(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '');
}

function onLines(stream: NodeJS.ReadableStream, handle: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      handle(buffered.slice(0, newline).replace(/\r$/, ''));
      buffered = buffered.slice(newline + 1);
    }
  });
  stream.on('end', () => {
    if (buffered) handle(buffered);
    buffered = '';
  });
}
