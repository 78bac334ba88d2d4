import { reportSeriesQuerySchema, type ReportSeries } from '@shared';
import type { Request, Response } from 'express';
import { reportSeries } from '../reports/reportSeries';
import type { ReportsRouterDeps } from './createReportsRouter';
import { createAnswerCache } from './reportAnswerCache';
import { givenFilters, readReportRequest } from './reportRequest';

/**
 * `GET /api/reports/series` (docs/api.md "Series"): the summary's validation, region scope
 * (another region asked for: 403), `asOf` and audit, plus the grain. Answers are kept per
 * question and scope (`createAnswerCache`), so a year's series is computed once however often
 * the page asks.
 */
export function reportSeriesHandler(deps: ReportsRouterDeps): (req: Request, res: Response) => Promise<void> {
  const cache = createAnswerCache<ReportSeries>(deps);
  return async (req, res) => {
    const request = readReportRequest(reportSeriesQuerySchema, req.query, res, deps.source);
    if (!request) return;
    const { query, db, regions } = request;
    await deps.audit.recordFor(res.locals, 'history.search', 'archive:reports', Object.keys(givenFilters(query)));
    const question = { key: JSON.stringify(query), from: query.from, to: query.to, asOf: query.asOf, regions };
    const body = await cache.answer(question, async (asOf, recomputing) => {
      const series = await reportSeries(db, {
        from: query.from,
        to: query.to,
        grain: query.grain,
        asOf,
        filter: { regions, category: query.category, channel: query.channel, service: query.service },
      });
      return { ...series, asOf: new Date(asOf).toISOString(), recomputing };
    });
    res.json(body);
  };
}
