/** A drawn marker's centre and radius in container pixels. */
export interface HitTarget<T> {
  x: number;
  y: number;
  radius: number;
  value: T;
}

/** Extra pixels around a marker that still count as on it (small dots, coarse pointers). */
export const HIT_SLOP_PX = 3;

/**
 * The marker under a pointer: the nearest whose circle (plus slop) holds the point; on a
 * tie the one drawn later (on top) wins. The canvas itself takes no pointer events, so
 * that clicks between markers reach the region outlines beneath.
 */
export function hitMarker<T>(targets: readonly HitTarget<T>[], x: number, y: number): T | null {
  let best: T | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const target of targets) {
    const distance = Math.hypot(target.x - x, target.y - y);
    if (distance <= target.radius + HIT_SLOP_PX && distance <= bestDistance) {
      best = target.value;
      bestDistance = distance;
    }
  }
  return best;
}
