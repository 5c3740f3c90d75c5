/**
 * The launcher's child process: its READY line, its output as lines, waiting
 * for it to be ready and stopping it.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { Neo4jStartError, Neo4jUnavailableError, NO_NEO4J_HINT } from './localNeo4jErrors.js';


/** The Bolt URI from a launcher stdout line, or undefined if it is not the READY line. */
export function parseReadyLine(line: string): string | undefined {
  const match = /^READY (bolt:\/\/[^\s]+:\d+)\s*$/.exec(line);
  return match?.[1];
}

/**
 * A forgotten stop() must not keep this process alive; the child then sees
 * stdin close when we exit and shuts itself down.
 */
export function detach(child: ChildProcessWithoutNullStreams): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void }).unref?.();
  }
}

export function waitForReady(
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

export function stopChild(child: ChildProcessWithoutNullStreams, timeoutMs: number, log: (line: string) => void): Promise<void> {
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

export function onLines(stream: NodeJS.ReadableStream, handle: (line: string) => void): void {
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
