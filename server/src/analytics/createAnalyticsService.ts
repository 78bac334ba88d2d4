import {
  analyticsKey,
  computeAnalytics,
  createAlertClock,
  evaluateAlerts,
  type Alert,
  type AlertRules,
  type Analytics,
  type AnalyticsFilter,
  type ProjectionState,
  type RegionScope,
} from '@shared';

export interface AnalyticsService {
  /** National alerts, `since` kept from when each started; re-evaluated at most every `cacheMs`. */
  alerts(): Alert[];
  /** The charts' series for a scope and filter; callers sharing both share one computation per `cacheMs`. */
  analytics(scope: RegionScope, filter: AnalyticsFilter): Analytics;
}

export interface AnalyticsServiceOptions {
  state: () => ProjectionState;
  now: () => number;
  rules: AlertRules;
  /** A result is reused this long while the projection has not moved, ms. */
  cacheMs: number;
}

/** Caches at most this many filters; the oldest is dropped first (a filter is cheap to recompute). */
const MAX_CACHED_FILTERS = 200;

/**
 * Alerts and chart series over the projection, computed on demand and cached briefly, so
 * a hundred wall screens and the API cost one computation per filter and interval.
 */
export function createAnalyticsService(options: AnalyticsServiceOptions): AnalyticsService {
  const clock = createAlertClock();
  let alertCache: { at: number; cursor: string; alerts: Alert[] } | null = null;
  const cache = new Map<string, Analytics>();

  const isFresh = (at: number, cursor: string, computedAt: number, computedCursor: string): boolean =>
    at - computedAt < options.cacheMs && cursor === computedCursor;

  function alerts(): Alert[] {
    const at = options.now();
    const state = options.state();
    if (alertCache && isFresh(at, state.cursor, alertCache.at, alertCache.cursor)) return alertCache.alerts;
    // Time alone can start or end a condition (an appeal falls overdue, a burst ages out): re-evaluate each interval.
    const fresh = clock.stamp(evaluateAlerts(state, at, options.rules));
    alertCache = { at, cursor: state.cursor, alerts: fresh };
    return fresh;
  }

  return {
    alerts,
    analytics(scope, filter) {
      const at = options.now();
      const state = options.state();
      const key = analyticsKey(scope, filter);
      const cached = cache.get(key);
      if (cached && isFresh(at, state.cursor, cached.asOf, cached.cursor)) return cached;
      const fresh = computeAnalytics(state, at, scope, filter, alerts());
      cache.delete(key);
      cache.set(key, fresh);
      if (cache.size > MAX_CACHED_FILTERS) cache.delete(cache.keys().next().value as string);
      return fresh;
    },
  };
}
