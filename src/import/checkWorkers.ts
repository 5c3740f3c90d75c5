/**
 * The checked records of an import's files, in file order, made in this
 * thread or, when asked, by worker threads: reading and checking records
 * is most of a check pass's CPU, and each file can be read on its own, so
 * files are handed out to workers in order while the main thread takes
 * their records file by file (it alone keeps the ids across files,
 * checkImport.ts). Workers help only where a core is idle: on the shared
 * 2-core machine (load 13–15) the 1M-row check took 96 s in one thread and
 * 104–110 s with a worker, with ~100 MB more RSS, so one thread is the
 * default.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { checkRecords, unpackBatch, type CheckedRecord, type PackedBatch } from './checkRecords.js';
import type { ImportKind } from '../domains.js';

export interface CheckOptions {
  /** Worker threads to read and check files in; 0 (the default) checks in this thread. */
  workers?: number;
}

/**
 * A worker's heap: it holds one file's read buffer and a batch or two of
 * records. Small, so that the import's peak RSS stays under 400 MB beside
 * the main thread's 256 MB.
 */
const WORKER_HEAP_MB = 48;
const WORKER_YOUNG_MB = 8;

/** A worker running checkWorker: the .ts source through tsx when this module runs as TypeScript (tsx, vitest), else the built .js. */
function startWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  if (!fileURLToPath(import.meta.url).endsWith('.ts')) return new Worker(new URL('./checkWorker.js', import.meta.url), { resourceLimits });
  // tsx's ESM API (require.resolve finds its CommonJS twin beside it).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = new URL('./checkWorker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true,
    resourceLimits,
  });
}

type Message = { batch: PackedBatch } | { done: true } | { error: string };

/** Messages of one port, in order; `fail` ends the wait with an error (a worker died). */
class Inbox {
  private queue: Message[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;

  constructor(readonly port: MessagePort) {
    port.on('message', (m: Message) => {
      this.queue.push(m);
      this.notify();
    });
  }

  fail(error: Error): void {
    this.failure = error;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  async next(): Promise<Message> {
    for (;;) {
      const m = this.queue.shift();
      if (m) return m;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** Every file's checked records, in file order, each batch with the index of its file. */
export async function* checkedBatches(
  files: readonly { file: string; kind: ImportKind }[],
  options: CheckOptions = {},
): AsyncGenerator<{ fileIndex: number; items: CheckedRecord[] }> {
  const count = Math.min(options.workers ?? 0, files.length);
  if (count <= 0) {
    for (const [fileIndex, { file, kind }] of files.entries()) {
      for await (const items of checkRecords(file, kind)) yield { fileIndex, items };
    }
    return;
  }
  const channels = files.map(() => new MessageChannel());
  let current: Inbox | null = null;
  let failure: Error | null = null;
  let next = 0;
  const workers: Worker[] = [];
  const give = (worker: Worker) => {
    if (next >= files.length) return;
    const i = next++;
    const { file, kind } = files[i]!;
    worker.postMessage({ file, kind, port: channels[i]!.port2 }, [channels[i]!.port2]);
  };
  for (let w = 0; w < count; w += 1) {
    const worker = startWorker();
    worker.on('message', () => give(worker));
    worker.on('error', (error: Error) => {
      failure ??= new Error(`a check worker failed: ${error.message}`);
      current?.fail(failure);
    });
    worker.on('exit', (code) => {
      failure ??= code === 0 ? null : new Error(`a check worker stopped (exit code ${code})`);
      if (failure) current?.fail(failure);
    });
    workers.push(worker);
    give(worker);
  }
  try {
    for (const [fileIndex, { port1 }] of channels.entries()) {
      const inbox: Inbox = new Inbox(port1);
      current = inbox;
      if (failure) inbox.fail(failure);
      for (;;) {
        const m = await inbox.next();
        if ('error' in m) throw new Error(m.error);
        if ('done' in m) break;
        yield { fileIndex, items: unpackBatch(m.batch) };
        // Taken: the worker may read that many records further ahead.
        port1.postMessage(m.batch.lines.length);
      }
      port1.close();
    }
  } finally {
    for (const { port1 } of channels) port1.close();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
