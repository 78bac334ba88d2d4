import { computeStats, type Alert, type ProjectionState, type Scope, type Stats } from '@shared';

const NATIONAL: Scope = { regions: 'all' };

export interface StatsCacheDeps {
  state: () => ProjectionState;
  alerts: () => Alert[];
  now: () => number;
  /** How long one computation serves a scope while the cursor has not moved. */
  cacheMs: number;
  /** `CONFIRMATION_WINDOW_DAYS` in ms, for the confirmation KPIs. */
  confirmationWindowMs?: number;
}

/**
 * Stats per scope (national, or a list of regions): each wall and API caller of the same
 * scope shares one computation while the projection's cursor stands still.
 */
export function createStatsCache(deps: StatsCacheDeps): (scope?: Scope) => Stats {
  const cache = new Map<string, Stats>();
  return function stats(scope = NATIONAL) {
    const at = deps.now();
    const state = deps.state();
    const key = scope.regions === 'all' ? 'all' : [...scope.regions].sort().join(',');
    const cached = cache.get(key);
    if (cached && at - cached.asOf < deps.cacheMs && cached.cursor === state.cursor) return cached;
    const fresh = computeStats(state, at, scope.regions, deps.alerts(), deps.confirmationWindowMs);
    cache.set(key, fresh);
    return fresh;
  };
}
