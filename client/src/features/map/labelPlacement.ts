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

/** The boxes in `priority` order (codes, most important first; the rest after, by code). */
function inPriority<T extends { code: string }>(boxes: readonly T[], priority: readonly string[]): T[] {
  const rank = new Map(priority.map((code, i) => [code, i]));
  return [...boxes].sort(
    (a, b) => (rank.get(a.code) ?? Infinity) - (rank.get(b.code) ?? Infinity) || a.code.localeCompare(b.code),
  );
}

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
  const ordered = inPriority(boxes, priority);
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

/** A label with its count badge: the whole box, and the badge's own size (the compact form). */
export interface BadgedLabelBox extends LabelBox {
  /** The badge alone, centred on the same point; null without a badge (no compact form). */
  compact: { width: number; height: number } | null;
}

/** Where a label goes: its offset, and whether only its badge is shown (no room for the name). */
export interface LabelPlacement {
  shift: LabelShift;
  isCompact: boolean;
}

/**
 * Offsets to try around a label's point, nearest first: on the point, then rings of `steps`
 * (in boxes: half a box, one box…) in eight directions.
 */
function ringOffsets(width: number, height: number, steps: readonly number[]): LabelShift[] {
  const offsets: LabelShift[] = [ON_POINT];
  for (const k of steps) {
    const dx = k * (width + LABEL_GAP);
    const dy = k * (height + LABEL_GAP);
    offsets.push([0, -dy], [0, dy], [dx, 0], [-dx, 0], [dx, -dy], [-dx, -dy], [dx, dy], [-dx, dy]);
  }
  return offsets;
}

/**
 * Labels that carry their region's count badge (issue 18: the badge and the name laid out
 * together, so a name never covers a count). Greedily in `priority` order (the three big
 * cities first, then the larger outlines): each label takes the nearest free place around
 * its point (ringOffsets, or just clear of a cluster), free meaning apart from every label
 * already placed and from every cluster; where the whole label finds none, its badge alone
 * (the compact form) tries the same places; else it is hidden. `previous` places are kept
 * while still free, so labels do not hop as counts change. Pure.
 */
export function arrangeBadgedLabels(
  boxes: readonly BadgedLabelBox[],
  priority: readonly string[],
  obstacles: readonly LabelObstacle[] = [],
  previous: ReadonlyMap<string, LabelPlacement> = new Map(),
): Map<string, LabelPlacement> {
  const ordered = inPriority(boxes, priority);
  const placed: LabelBox[] = [];
  const placements = new Map<string, LabelPlacement>();
  const isFree = (box: LabelBox): boolean =>
    !placed.some((other) => overlaps(box, other)) && !obstacles.some((o) => covers(box, o));
  const findPlace = (box: LabelBox, before: LabelShift | undefined, steps: readonly number[]) => {
    const candidates = [
      ...(before ? [before] : []),
      ...ringOffsets(box.width, box.height, steps),
      ...obstacles.filter((o) => covers(box, o)).flatMap((o) => clearances(box, o)),
    ];
    return candidates.find((c) => isFree(shifted(box, c)));
  };
  for (const box of ordered) {
    const before = previous.get(box.code);
    const isCity = (ALWAYS_LABELLED as readonly string[]).includes(box.code);
    // The whole label stays within half its size of its point (further, it names a
    // neighbour); a big city's name may go a little further, and never shrinks to its badge.
    let shift = findPlace(box, before?.isCompact === false ? before.shift : undefined, isCity ? [0.5, 1] : [0.5]);
    let chosen: LabelBox = box;
    let isCompact = false;
    if (!shift && box.compact && !isCity) {
      const { width, height } = box.compact;
      chosen = {
        code: box.code,
        x: box.x + (box.width - width) / 2,
        y: box.y + (box.height - height) / 2,
        width,
        height,
      };
      isCompact = true;
      shift = findPlace(chosen, before?.isCompact === true ? before.shift : undefined, [0.5, 1, 1.5, 2, 2.5]);
    }
    // A big city keeps its name on its point even when nothing is free (closer in, over clusters).
    if (!shift && isCity) shift = ON_POINT;
    if (!shift) continue;
    placed.push(shifted(chosen, shift));
    placements.set(box.code, { shift, isCompact });
  }
  return placements;
}

/** Rings a badge alone tries around its point (in badges), nearest first; the last ones only where nothing nearer is free. */
const BADGE_RINGS = [0.5, 1, 1.5, 2, 2.5];

/**
 * arrangeBadgedLabels for the wall (a read-only map seen from across the room, where the
 * names are 36 px and more): counts before names. In three passes, each greedy in `priority`
 * order (the three big cities first, then the larger outlines):
 * 1. the big cities' whole labels (they are always named), on or near their point;
 * 2. every other region's badge alone, at the nearest free place around its point — counts
 *    first, so a big neighbour's long name never pushes a small region's count far off its
 *    outline (the wall's 36 px names did: West Kazakhstan's count floated 60 px outside);
 * 3. each of those badges grows into the whole label (name and badge) where that is free
 *    on the badge's own place; else it stays a badge.
 * Free means apart from everything placed and from every cluster. A label without a badge
 * (no compact form) is placed whole in pass 3 or hidden. `previous` places are tried first,
 * so labels do not hop as counts change. Pure.
 */
export function arrangeCountsFirst(
  boxes: readonly BadgedLabelBox[],
  priority: readonly string[],
  obstacles: readonly LabelObstacle[] = [],
  previous: ReadonlyMap<string, LabelPlacement> = new Map(),
): Map<string, LabelPlacement> {
  const ordered = inPriority(boxes, priority);
  const placed = new Map<string, LabelBox>();
  const placements = new Map<string, LabelPlacement>();
  const isFree = (box: LabelBox): boolean =>
    ![...placed].some(([code, other]) => code !== box.code && overlaps(box, other)) &&
    !obstacles.some((o) => covers(box, o));
  const findPlace = (box: LabelBox, tryFirst: readonly LabelShift[], steps: readonly number[]) => {
    const candidates = [
      ...tryFirst,
      ...ringOffsets(box.width, box.height, steps),
      ...obstacles.filter((o) => covers(box, o)).flatMap((o) => clearances(box, o)),
    ];
    return candidates.find((c) => isFree(shifted(box, c)));
  };
  const place = (box: LabelBox, shift: LabelShift, isCompact: boolean) => {
    placed.set(box.code, shifted(box, shift));
    placements.set(box.code, { shift, isCompact });
  };
  const isCity = (code: string) => (ALWAYS_LABELLED as readonly string[]).includes(code);
  const compactOf = (box: BadgedLabelBox): LabelBox | null =>
    box.compact && {
      code: box.code,
      x: box.x + (box.width - box.compact.width) / 2,
      y: box.y + (box.height - box.compact.height) / 2,
      width: box.compact.width,
      height: box.compact.height,
    };

  // 1. A big city keeps its name, on its point even when nothing is free (over clusters).
  for (const box of ordered.filter((b) => isCity(b.code))) {
    const before = previous.get(box.code);
    place(box, findPlace(box, before ? [before.shift] : [], [0.5, 1]) ?? ON_POINT, false);
  }
  // 2. Every other region's count, near its point.
  for (const box of ordered) {
    const compact = compactOf(box);
    if (isCity(box.code) || !compact) continue;
    const before = previous.get(box.code);
    const shift = findPlace(compact, before ? [before.shift] : [], BADGE_RINGS);
    if (shift) place(compact, shift, true);
  }
  // 3. Names where there is room.
  for (const box of ordered) {
    if (isCity(box.code)) continue;
    const badge = placements.get(box.code);
    if (box.compact && !badge) continue;
    // With a badge the name comes only on the badge's own place: the count never moves for it.
    const before = previous.get(box.code);
    const shift = badge
      ? [badge.shift].find((c) => isFree(shifted(box, c)))
      : findPlace(box, before ? [before.shift] : [], [0.5]);
    if (shift) place(box, shift, false);
  }
  return placements;
}

/**
 * The label priority with the three cities of republican significance first (Astana,
 * Almaty, Shymkent: they must always be labelled, and the smallest outlines would lose
 * every collision), then `byArea`.
 */
export const ALWAYS_LABELLED = ['KZ-71', 'KZ-75', 'KZ-79'] as const;

export function citiesFirst(byArea: readonly string[]): string[] {
  const cities = ALWAYS_LABELLED.filter((code) => byArea.includes(code));
  return [...cities, ...byArea.filter((code) => !(cities as readonly string[]).includes(code))];
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
