/**
 * A worker thread of the check pass (checkWorkers.ts): takes one file at a
 * time, reads and checks its records (checkRecords.ts) and posts them in
 * batches on the port that came with the file, then says it is free. It
 * stays at most MAX_AHEAD records ahead of what the main thread has taken,
 * so a file waiting for its turn holds little memory.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { checkRecords, packBatch } from './checkRecords.js';
import type { ImportKind } from '../domains.js';

export interface CheckJob {
  file: string;
  kind: ImportKind;
  port: MessagePort;
}

/** Records posted and not yet taken by the main thread before this worker waits. */
export const MAX_AHEAD = 20_000;

async function check({ file, kind, port }: CheckJob): Promise<void> {
  let ahead = 0;
  let wake: (() => void) | null = null;
  port.on('message', (taken: number) => {
    ahead -= taken;
    wake?.();
  });
  try {
    for await (const items of checkRecords(file, kind)) {
      port.postMessage({ batch: packBatch(items) });
      ahead += items.length;
      while (ahead > MAX_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    port.postMessage({ done: true });
  } catch (error) {
    port.postMessage({ error: (error as Error).message });
  } finally {
    port.close();
  }
}

parentPort!.on('message', (job: CheckJob) => {
  void check(job).then(() => parentPort!.postMessage('free'));
});
