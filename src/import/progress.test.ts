import { describe, expect, it } from 'vitest';
import { progressReporter } from './progress.js';

const steps = [
  { kind: 'companies' as const, kindDone: 500, done: 500, total: 1000 },
  { kind: 'companies' as const, kindDone: 1000, done: 1000, total: 1000 },
];

describe('import progress', () => {
  it('draws a bar with rows/s on a terminal', () => {
    let t = 0;
    const written: string[] = [];
    const progress = progressReporter({ isTTY: true, write: (s) => written.push(s) }, () => t);
    t = 1000;
    progress.onBatch(steps[0]!);
    expect(written[0]).toBe(`\r[${'#'.repeat(15)}${'-'.repeat(15)}] 50% 500/1000 rows, 500 rows/s (companies 500)   `);
    t = 2000;
    progress.onBatch(steps[1]!);
    expect(written.at(-1)).toBe('\n');
    expect(progress.summary(1000)).toBe('imported 1000 rows in 2.0 s: 500 rows/s');
  });

  it('writes plain lines elsewhere', () => {
    let t = 0;
    const written: string[] = [];
    const progress = progressReporter({ isTTY: false, write: (s) => written.push(s) }, () => t);
    t = 500;
    for (const step of steps) progress.onBatch(step);
    expect(written).toEqual(['import: 500/1000 rows (companies 500), 1000 rows/s\n', 'import: 1000/1000 rows (companies 1000), 2000 rows/s\n']);
  });
});
