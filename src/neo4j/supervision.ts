/**
 * Looks after the local Neo4j a process started: when it exits without being
 * asked to (killed, crashed), logs it, starts it again with backoff (1 s
 * doubling up to a maximum) until it is ready, and reports both events.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { detach, stopChild } from './launcherProcess.js';

export interface SupervisionOptions {
  onExit?: (how: string) => void;
  onRestart?: () => void;
  /** Default 30 s. */
  maxBackoffMs?: number;
}

export interface RunningServer {
  /** Process id of the latest start. */
  pid(): number | null;
  /** Stops the server (and any restart in progress); the same promise on every call. */
  stop(): Promise<void>;
}

export interface ServerLifecycle {
  uri: string;
  log: (line: string) => void;
  spawnServer: () => ChildProcessWithoutNullStreams;
  waitUntilReady: (child: ChildProcessWithoutNullStreams) => Promise<void>;
  stopTimeoutMs: number;
}

/** The running server from its first, ready child; restarted on unexpected exits when `supervise` is given. */
export function runServer(first: ChildProcessWithoutNullStreams, lifecycle: ServerLifecycle, supervise?: SupervisionOptions): RunningServer {
  const { uri, log } = lifecycle;
  let child = first;
  let stopping: Promise<void> | undefined;
  let restartTimer: NodeJS.Timeout | undefined;

  const restart = (attempt: number, options: SupervisionOptions) => {
    const delay = Math.min(options.maxBackoffMs ?? 30_000, 1000 * 2 ** (attempt - 1));
    log(`restarting Neo4j on ${uri} in ${delay} ms (attempt ${attempt})`);
    restartTimer = setTimeout(() => {
      if (stopping) return;
      child = lifecycle.spawnServer();
      lifecycle.waitUntilReady(child).then(
        () => {
          detach(child);
          if (stopping) return;
          log(`Neo4j on ${uri} is back (pid ${child.pid})`);
          watch(child, options);
          options.onRestart?.();
        },
        (error: unknown) => {
          log(`restarting Neo4j failed: ${(error as Error).message}`);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          if (!stopping) restart(attempt + 1, options);
        },
      );
    }, delay);
    restartTimer.unref();
  };

  const watch = (running: ChildProcessWithoutNullStreams, options: SupervisionOptions) => {
    running.once('exit', (code, signal) => {
      if (stopping) return;
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      log(`Neo4j on ${uri} exited unexpectedly (${how})`);
      options.onExit?.(how);
      restart(1, options);
    });
  };

  if (supervise) watch(child, supervise);
  return {
    pid: () => child.pid ?? null,
    stop: () => {
      clearTimeout(restartTimer);
      return (stopping ??= stopChild(child, lifecycle.stopTimeoutMs, log));
    },
  };
}
