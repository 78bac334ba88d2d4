import { reportSeriesQuerySchema, type ReportSeries } from '@shared';
import type { Request, Response } from 'express';
import { reportSeries } from '../reports/reportSeries';
import { rollupDayRanges } from '../reports/reportSummary';
import type { ReportsRouterDeps } from './createReportsRouter';
import { givenFilters, readReportRequest } from './reportRequest';

/** How long an answer without `asOf` is served again to the same question (ms). */
const FRESH_MS = 30_000;
const MAX_CACHED = 200;

/**
 * `GET /api/reports/series` (docs/api.md "Series"): the summary's validation, region scope
 * (another region asked for: 403), `asOf` and audit, plus the grain. Answers are kept
 * `FRESH_MS` per question and scope (a page's charts, a language switch, Back), so a year's
 * series is computed once however often the page asks; with `asOf` the same link gives the
 * same answer anyway.
 */
export function reportSeriesHandler(deps: ReportsRouterDeps): (req: Request, res: Response) => Promise<void> {
  const cache = new Map<string, { at: number; body: ReportSeries }>();
  return async (req, res) => {
    const request = readReportRequest(reportSeriesQuerySchema, req.query, res, deps.source);
    if (!request) return;
    const { query, db, regions } = request;
    await deps.audit.recordFor(res.locals, 'history.search', 'archive:reports', Object.keys(givenFilters(query)));
    const key = JSON.stringify([query, regions]);
    const now = deps.now();
    const kept = cache.get(key);
    if (kept && (query.asOf !== undefined || now - kept.at < FRESH_MS)) {
      res.json(kept.body);
      return;
    }
    const asOf = query.asOf !== undefined ? Date.parse(query.asOf) : now;
    const recomputing = await deps.source.refresh(rollupDayRanges({ from: query.from, to: query.to, asOf }), regions);
    const series = await reportSeries(db, {
      from: query.from,
      to: query.to,
      grain: query.grain,
      asOf,
      filter: { regions, category: query.category, channel: query.channel, service: query.service },
    });
    const body: ReportSeries = { ...series, asOf: new Date(asOf).toISOString(), recomputing };
    res.json(body);
    // Figures still being recomputed are not kept: the next ask may have them final.
    if (recomputing !== null) return;
    cache.delete(key);
    cache.set(key, { at: now, body });
    // Oldest first in a Map's order: drop from the front.
    for (const old of cache.keys()) {
      if (cache.size <= MAX_CACHED) break;
      cache.delete(old);
    }
  };
}
