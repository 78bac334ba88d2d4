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

/**
 * The labels to show: greedily, in `priority` order (codes, most important first), each
 * label that does not overlap one already placed. At the country view a city's label
 * would sit on its oblast's; the larger shape wins, and the city's label appears once
 * the user zooms in far enough for both. Pure.
 */
export function placeLabels(boxes: readonly LabelBox[], priority: readonly string[]): Set<string> {
  const rank = new Map(priority.map((code, i) => [code, i]));
  const ordered = [...boxes].sort(
    (a, b) => (rank.get(a.code) ?? Infinity) - (rank.get(b.code) ?? Infinity) || a.code.localeCompare(b.code),
  );
  const placed: LabelBox[] = [];
  for (const box of ordered) if (!placed.some((other) => overlaps(box, other))) placed.push(box);
  return new Set(placed.map((box) => box.code));
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
