import { isOpenStatus, type Appeal, type CategoryCode } from '@shared';
import { distanceMeters, type Point } from './locateRegion';

/** "Similar" means: same category, open, within this distance… */
export const SIMILAR_RADIUS_M = 300;
/** …and registered within this long before now. */
export const SIMILAR_WINDOW_MS = 2 * 60 * 60 * 1000;
/** The hint names at most this many. */
export const SIMILAR_LIMIT = 3;

export interface SimilarAppeal {
  id: string;
  address: string | null;
  registeredAt: number;
  /** Metres from the point being registered, rounded. */
  distanceM: number;
}

export interface SimilarQuery {
  category: CategoryCode;
  point: Point;
  now: number;
}

/**
 * Open appeals of the same category registered near the point in the last two hours,
 * nearest first (then newest): probably the same problem, which the agent may want to
 * mention to the caller or link rather than register twice. A cheap box test comes before
 * the great-circle distance, so scanning the whole replica stays fast. Pure.
 */
export function findSimilarAppeals(
  appeals: Iterable<Appeal>,
  { category, point, now }: SimilarQuery,
  limit = SIMILAR_LIMIT,
): SimilarAppeal[] {
  // 300 m is ~0.0027° of latitude; longitude degrees shrink with the cosine of latitude.
  const dLat = SIMILAR_RADIUS_M / 111_000;
  const dLng = dLat / Math.max(0.1, Math.cos((point.lat * Math.PI) / 180));
  const found: SimilarAppeal[] = [];
  for (const appeal of appeals) {
    if (appeal.category !== category || !isOpenStatus(appeal.status)) continue;
    if (appeal.registeredAt < now - SIMILAR_WINDOW_MS || appeal.registeredAt > now + SIMILAR_WINDOW_MS) continue;
    const { lat, lng } = appeal.location;
    if (Math.abs(lat - point.lat) > dLat || Math.abs(lng - point.lng) > dLng) continue;
    const distance = distanceMeters(point, appeal.location);
    if (distance > SIMILAR_RADIUS_M) continue;
    found.push({
      id: appeal.id,
      address: appeal.location.address ?? null,
      registeredAt: appeal.registeredAt,
      distanceM: Math.round(distance),
    });
  }
  return found.sort((a, b) => a.distanceM - b.distanceM || b.registeredAt - a.registeredAt).slice(0, limit);
}
