/**
 * Which node labels to draw so that none covers another: the most important
 * first (the hovered and selected nodes, the path, the entity the view opened
 * on, then the best connected), each one only where it overlaps no label
 * already placed, covers no other node and lies in the viewport. Zooming in spreads the nodes
 * apart, so more labels fit; hovering a node always shows its label.
 */

/** A label as it would be drawn, in rendered (screen) pixels. */
export interface LabelCandidate {
  id: string;
  /** Centre of the label box. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Higher goes first. */
  priority: number;
  /** Drawn even over other nodes (the hovered node's label): still never over another label. */
  always?: boolean;
}

/** Something a label must not cover, such as a node drawn on screen; `id` is the node whose own label may touch it. */
export interface Obstacle {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  width: number;
  height: number;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const boxOf = (item: { x: number; y: number; width: number; height: number }, gap: number): Box => ({
  left: item.x - item.width / 2 - gap,
  top: item.y - item.height / 2 - gap,
  right: item.x + item.width / 2 + gap,
  bottom: item.y + item.height / 2 + gap,
});

const overlap = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Ids of the labels to draw. `gap` is the clear space kept around every label. */
export function placeLabels(candidates: readonly LabelCandidate[], viewport: Viewport, gap = 3, obstacles: readonly Obstacle[] = []): Set<string> {
  const blocked = obstacles.map((o) => ({ id: o.id, box: boxOf(o, 0) }));
  const ordered = [...candidates].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placed: Box[] = [];
  const shown = new Set<string>();
  for (const label of ordered) {
    const box = boxOf(label, gap);
    const inView = box.right > 0 && box.bottom > 0 && box.left < viewport.width && box.top < viewport.height;
    if (!inView) continue;
    if (placed.some((other) => overlap(box, other))) continue;
    if (!label.always && blocked.some((obstacle) => obstacle.id !== label.id && overlap(box, obstacle.box))) continue;
    placed.push(box);
    shown.add(label.id);
  }
  return shown;
}
