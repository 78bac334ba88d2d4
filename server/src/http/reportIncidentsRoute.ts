import { reportQuerySchema } from '@shared';
import type { Request, Response } from 'express';
import { notableIncidents } from '../reports/notableIncidents';
import type { ReportsRouterDeps } from './createReportsRouter';
import { readReportRequest } from './reportRequest';

/**
 * `GET /api/reports/incidents?from&to[&region][&asOf]`: the briefing's notable incidents
 * (reports/notableIncidents.ts). The summary's query (other filters accepted and ignored:
 * incidents have no channel or service), the same scope (another region: 403), the same
 * `asOf` default (now) and the same audit entry as the summary.
 */
export function reportIncidentsHandler(deps: ReportsRouterDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const request = readReportRequest(reportQuerySchema, req.query, res, deps.source);
    if (!request) return;
    const { query, db, regions } = request;
    const asOf = query.asOf !== undefined ? Date.parse(query.asOf) : deps.now();
    await deps.audit.recordFor(res.locals, 'history.search', 'archive:reports', query.region ? ['region'] : []);
    res.json(await notableIncidents(db, { from: query.from, to: query.to, asOf, regions }));
  };
}
