import { isInRegions, reportQuerySchema } from '@shared';
import type { Request, Response } from 'express';
import { notableIncidents } from '../reports/notableIncidents';
import type { ReportsRouterDeps } from './createReportsRouter';
import { claimsOf } from './auth/middleware';
import { sendError, sendInvalid } from './sendError';

/**
 * `GET /api/reports/incidents?from&to[&region][&asOf]`: the briefing's notable incidents
 * (reports/notableIncidents.ts). The summary's query (other filters accepted and ignored:
 * incidents have no channel or service), the same scope (another region: 403), the same
 * `asOf` default (now) and the same audit entry as the summary.
 */
export function reportIncidentsHandler(deps: ReportsRouterDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = reportQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      sendInvalid(res, parsed.error, 400);
      return;
    }
    const query = parsed.data;
    const scope = claimsOf(res.locals).user.regions;
    if (query.region !== undefined && !isInRegions(scope, query.region)) {
      sendError(res, 403, 'forbidden', `region ${query.region} is outside your regions`, 'region');
      return;
    }
    const db = deps.source.query();
    if (db === null) {
      res.set('Retry-After', '5');
      sendError(res, 503, 'unavailable', 'the archive is not open yet; retry in a moment');
      return;
    }
    const regions = query.region !== undefined ? [query.region] : scope === 'all' ? null : [...scope];
    const asOf = query.asOf !== undefined ? Date.parse(query.asOf) : deps.now();
    await deps.audit.recordFor(res.locals, 'history.search', 'archive:reports', query.region ? ['region'] : []);
    res.json(await notableIncidents(db, { from: query.from, to: query.to, asOf, regions }));
  };
}
