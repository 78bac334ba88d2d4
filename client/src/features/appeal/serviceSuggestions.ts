import type { Appeal } from '@shared';

/** Suggestions offered at most. */
export const SERVICE_SUGGESTION_LIMIT = 30;

/**
 * Services appeals in these regions have been routed to, most used first (ties
 * alphabetically, Kazakh and Russian letters in their own order): the supervisor's
 * suggestions when assigning. Pure.
 */
export function servicesSeen(
  appeals: Iterable<Pick<Appeal, 'region' | 'service'>>,
  regions: ReadonlySet<string>,
  limit = SERVICE_SUGGESTION_LIMIT,
): string[] {
  const counts = new Map<string, number>();
  for (const appeal of appeals) {
    const service = appeal.service?.trim();
    if (!service || !regions.has(appeal.region)) continue;
    counts.set(service, (counts.get(service) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'kk'))
    .slice(0, limit)
    .map(([service]) => service);
}
