import {
  analyticsFilterSchema,
  filterInScope,
  responseTimesFor,
  type Analytics,
  type AnalyticsFilter,
  type ProjectionState,
  type RegionScope,
} from '@shared';
import { Router, type Request, type Response } from 'express';
import { claimsOf } from './auth/middleware';
import { sendError, sendInvalid } from './sendError';
import { sendNoStoreJson } from './sendNoStoreJson';

export interface StatsRouterDeps {
  state: () => ProjectionState;
  analytics: (scope: RegionScope, filter: AnalyticsFilter) => Analytics;
  now: () => number;
}

/** Query string → filter; an empty parameter (`region=`) means "not set". */
function parseFilter(
  query: Request['query'],
  res: Response,
  defaults: Partial<AnalyticsFilter> = {},
): { scope: RegionScope; filter: AnalyticsFilter } | null {
  const given = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
  const parsed = analyticsFilterSchema.safeParse({ ...defaults, ...given });
  if (!parsed.success) {
    sendInvalid(res, parsed.error);
    return null;
  }
  const scope = claimsOf(res.locals).user.regions;
  if (!filterInScope(parsed.data, scope)) {
    sendError(res, 403, 'region_out_of_scope', `region ${parsed.data.region ?? ''} is outside your regions`, 'region');
    return null;
  }
  return { scope, filter: parsed.data };
}

type Part = Exclude<keyof Analytics, 'asOf' | 'cursor' | 'filter'>;

/**
 * The charts' data as JSON (docs/api.md "Statistics"): the very series the dashboard draws,
 * for `?region=&category=&window=` within the caller's regions.
 */
export function createStatsRouter(deps: StatsRouterDeps): Router {
  const router = Router();
  const sendPart = (path: string, part: Part): void => {
    router.get(path, (req, res) => {
      const parsed = parseFilter(req.query, res);
      if (!parsed) return;
      const analytics = deps.analytics(parsed.scope, parsed.filter);
      sendNoStoreJson(res, {
        asOf: analytics.asOf,
        cursor: analytics.cursor,
        filter: analytics.filter,
        [part]: analytics[part],
      });
    });
  };

  router.get('/stats/analytics', (req, res) => {
    const parsed = parseFilter(req.query, res);
    if (!parsed) return;
    sendNoStoreJson(res, deps.analytics(parsed.scope, parsed.filter));
  });
  // The chart shows the last 24 h; `window` picks the span here (1-minute buckets up to 1 h).
  router.get('/stats/response-times', (req, res) => {
    const parsed = parseFilter(req.query, res, { window: '24h' });
    if (!parsed) return;
    const state = deps.state();
    const asOf = deps.now();
    sendNoStoreJson(res, {
      asOf,
      cursor: state.cursor,
      filter: parsed.filter,
      responseTimes: responseTimesFor(state, asOf, parsed.scope, parsed.filter),
    });
  });
  sendPart('/stats/regions', 'regions');
  sendPart('/stats/distribution', 'distribution');
  sendPart('/stats/intake', 'intake');
  sendPart('/stats/headline', 'headline');
  sendPart('/alerts', 'alerts');
  return router;
}
