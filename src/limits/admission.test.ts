import { describe, expect, it } from 'vitest';
import { createAdmission, Overloaded } from './admission.js';

describe('admission', () => {
  it('lets maxConcurrent work at once and queues the next ones in order', async () => {
    const admission = createAdmission({ maxConcurrent: 2, maxQueued: 2, maxWaitMs: 1_000 });
    const first = await admission.admit();
    await admission.admit();
    const order: number[] = [];
    const third = admission.admit().then((release) => (order.push(3), release));
    const fourth = admission.admit().then((release) => (order.push(4), release));
    expect(admission.load()).toEqual({ active: 2, queued: 2 });
    first();
    first(); // releasing twice frees one turn only
    (await third)();
    await fourth;
    expect(order).toEqual([3, 4]);
    expect(admission.load()).toEqual({ active: 2, queued: 0 });
  });

  it('refuses at once when the queue is full', async () => {
    const admission = createAdmission({ maxConcurrent: 1, maxQueued: 1, maxWaitMs: 1_000 });
    const release = await admission.admit();
    const queued = admission.admit();
    await expect(admission.admit()).rejects.toEqual(new Overloaded('queue full'));
    release();
    (await queued)();
    expect(admission.load()).toEqual({ active: 0, queued: 0 });
  });

  it('refuses a request that waited longer than maxWaitMs, and forgets it', async () => {
    const admission = createAdmission({ maxConcurrent: 1, maxQueued: 5, maxWaitMs: 20 });
    const release = await admission.admit();
    await expect(admission.admit()).rejects.toEqual(new Overloaded('waited too long'));
    expect(admission.load()).toEqual({ active: 1, queued: 0 });
    release();
    expect(admission.load()).toEqual({ active: 0, queued: 0 });
  });
});
