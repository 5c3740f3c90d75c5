import { describe, expect, it } from 'vitest';
import { placeLabels, type LabelCandidate } from './labelPlacement.js';

const label = (id: string, x: number, y: number, priority = 0, width = 40, height = 14): LabelCandidate => ({ id, x, y, width, height, priority });
const viewport = { width: 400, height: 300 };

describe('placeLabels', () => {
  it('keeps the more important of two overlapping labels', () => {
    expect(placeLabels([label('minor', 100, 100, 1), label('major', 110, 104, 5)], viewport)).toEqual(new Set(['major']));
  });

  it('draws labels that do not touch, whatever their priority', () => {
    expect(placeLabels([label('a', 50, 50), label('b', 200, 50), label('c', 50, 200)], viewport)).toEqual(new Set(['a', 'b', 'c']));
  });

  it('keeps a clear gap between labels', () => {
    expect(placeLabels([label('a', 100, 100, 1), label('b', 142, 100)], viewport, 3).has('b')).toBe(false);
    expect(placeLabels([label('a', 100, 100, 1), label('b', 147, 100)], viewport, 3).has('b')).toBe(true);
  });

  it('skips labels outside the viewport, so that they leave room for those inside', () => {
    const shown = placeLabels([label('outside', -100, 100, 9), label('inside', 30, 100)], viewport);
    expect(shown).toEqual(new Set(['inside']));
  });

  it('does not cover other nodes, only its own', () => {
    const nodes = [
      { id: 'a', x: 100, y: 90, width: 20, height: 20 },
      { id: 'b', x: 110, y: 112, width: 20, height: 20 },
    ];
    const shown = placeLabels([label('a', 100, 110), label('b', 300, 130)], viewport, 3, nodes);
    expect(shown).toEqual(new Set(['b']));
    expect(placeLabels([{ ...label('a', 100, 110), always: true }], viewport, 3, nodes)).toEqual(new Set(['a']));
  });

  it('breaks ties by id, so that the same view always shows the same labels', () => {
    const candidates = [label('b', 100, 100), label('a', 105, 100)];
    expect(placeLabels(candidates, viewport)).toEqual(new Set(['a']));
    expect(placeLabels([...candidates].reverse(), viewport)).toEqual(new Set(['a']));
  });

  it('places none of 200 crowded labels over another', () => {
    const crowd = Array.from({ length: 200 }, (_unused, i) => label(`n${i}`, (i * 37) % 400, (i * 53) % 300, i % 7));
    const shown = [...placeLabels(crowd, viewport, 0)].map((id) => crowd.find((c) => c.id === id)!);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(200);
    for (const a of shown) {
      for (const b of shown) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
    }
  });
});
