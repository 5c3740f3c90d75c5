/**
 * The embedded Neo4j launcher in neo4j/ (a tiny Java program, see
 * neo4j/README.md): where it lives, whether its Maven build is current, the
 * build itself, and the java command line that runs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onLines, stripAnsi } from './launcherProcess.js';
import { Neo4jStartError, Neo4jUnavailableError, NO_NEO4J_HINT } from './localNeo4jErrors.js';

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

export function checkJava(): void {
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

export async function ensureBuilt(paths: LauncherPaths, log: (line: string) => void): Promise<void> {
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
