import type { LiveAlert } from '@shared';

const NONE: readonly LiveAlert[] = [];

/** The alerts about any of `regions` (a shape may cover several codes), in the order given. */
export function alertsOfRegions(
  alerts: readonly LiveAlert[] | undefined,
  regions: readonly string[],
): readonly LiveAlert[] {
  if (!alerts || alerts.length === 0) return NONE;
  const wanted = new Set(regions);
  const found = alerts.filter((alert) => wanted.has(alert.region));
  return found.length === 0 ? NONE : found;
}

/** A burst alert by id (the `?incident=` of a region view), or null. */
export function burstById(alerts: readonly LiveAlert[] | undefined, id: string | null): LiveAlert | null {
  if (id === null || !alerts) return null;
  return alerts.find((alert) => alert.kind === 'burst' && alert.id === id) ?? null;
}
