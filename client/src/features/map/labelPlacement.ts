import { coordinateBounds } from './layerBounds';

/** A label's box in container pixels. */
export interface LabelBox {
  code: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space kept free around a label so neighbours do not touch (px). */
const LABEL_GAP = 4;

function overlaps(a: LabelBox, b: LabelBox): boolean {
  return (
    a.x < b.x + b.width + LABEL_GAP &&
    b.x < a.x + a.width + LABEL_GAP &&
    a.y < b.y + b.height + LABEL_GAP &&
    b.y < a.y + a.height + LABEL_GAP
  );
}

/** A drawn cluster a label should not cover (container pixels). */
export interface LabelObstacle {
  x: number;
  y: number;
  radius: number;
}

/** How far a label may move off its point to clear a cluster (px). */
export const MAX_LABEL_SHIFT = 48;

/** A label's offset from its point, px: [dx, dy]. */
export type LabelShift = readonly [number, number];
const ON_POINT: LabelShift = [0, 0];

const shifted = (box: LabelBox, [dx, dy]: LabelShift): LabelBox => ({ ...box, x: box.x + dx, y: box.y + dy });

function covers(box: LabelBox, obstacle: LabelObstacle): boolean {
  const nearestX = Math.max(box.x, Math.min(obstacle.x, box.x + box.width));
  const nearestY = Math.max(box.y, Math.min(obstacle.y, box.y + box.height));
  return Math.hypot(nearestX - obstacle.x, nearestY - obstacle.y) < obstacle.radius + LABEL_GAP;
}

/** The four ways a box can step clear of a circle: just above, below, left or right of it. */
function clearances(box: LabelBox, o: LabelObstacle): LabelShift[] {
  const reach = o.radius + LABEL_GAP;
  return [
    [0, o.y - reach - (box.y + box.height)],
    [0, o.y + reach - box.y],
    [o.x - reach - (box.x + box.width), 0],
    [o.x + reach - box.x, 0],
  ];
}

/**
 * The labels to show and where, as offsets from their points (px). Greedily, in
 * `priority` order (codes, most important first): a label whose own place overlaps one
 * already placed is hidden (at the country view a city's label would sit on its oblast's;
 * the larger shape wins, and the city's label appears once the user zooms in far enough
 * for both). A label over a cluster steps just clear of it (above, below or beside it, the
 * shortest way, at most MAX_LABEL_SHIFT) where that is free; else it stays on its point,
 * drawn above the cluster on its plate. `previous` offsets are kept while still free, so
 * labels do not hop as counts change. Pure.
 */
export function arrangeLabels(
  boxes: readonly LabelBox[],
  priority: readonly string[],
  obstacles: readonly LabelObstacle[] = [],
  previous: ReadonlyMap<string, LabelShift> = new Map(),
): Map<string, LabelShift> {
  const rank = new Map(priority.map((code, i) => [code, i]));
  const ordered = [...boxes].sort(
    (a, b) => (rank.get(a.code) ?? Infinity) - (rank.get(b.code) ?? Infinity) || a.code.localeCompare(b.code),
  );
  const placed: LabelBox[] = [];
  const shifts = new Map<string, LabelShift>();
  const isFree = (box: LabelBox): boolean =>
    !placed.some((other) => overlaps(box, other)) && !obstacles.some((o) => covers(box, o));
  for (const box of ordered) {
    if (placed.some((other) => overlaps(box, other))) continue;
    let shift = ON_POINT;
    const blocking = obstacles.filter((o) => covers(box, o));
    if (blocking.length > 0) {
      const candidates = blocking
        .flatMap((o) => clearances(box, o))
        .sort((a, b) => Math.hypot(...a) - Math.hypot(...b));
      const before = previous.get(box.code);
      if (before && (before[0] !== 0 || before[1] !== 0)) candidates.unshift(before);
      shift = candidates.find((c) => Math.hypot(...c) <= MAX_LABEL_SHIFT && isFree(shifted(box, c))) ?? ON_POINT;
    }
    placed.push(shifted(box, shift));
    shifts.set(box.code, shift);
  }
  return shifts;
}

/** The labels to show (arrangeLabels without clusters to avoid). Pure. */
export function placeLabels(boxes: readonly LabelBox[], priority: readonly string[]): Set<string> {
  return new Set(arrangeLabels(boxes, priority).keys());
}

/** Shape codes by the area of their outline's bounding box, largest first (label priority). */
export function labelPriority(
  features: readonly { properties: { code: string }; geometry: { coordinates: unknown } }[],
): string[] {
  const area = new Map<string, number>();
  for (const feature of features) {
    const bounds = coordinateBounds(feature.geometry.coordinates);
    const size = bounds ? (bounds[1][0] - bounds[0][0]) * (bounds[1][1] - bounds[0][1]) : 0;
    const code = feature.properties.code;
    area.set(code, Math.max(area.get(code) ?? 0, size));
  }
  return [...area.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code]) => code);
}
