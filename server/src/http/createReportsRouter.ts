import { REGION_CODES, reportQuerySchema, type RegionCode, type ReportSummary } from '@shared';
import { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../audit/createAuditLog';
import { reportCsvRows, reportXlsx, REPORT_TABLES, type ReportTable } from '../reports/reportExport';
import { reportSummary } from '../reports/reportSummary';
import type { ReportsSource } from '../reports/reportsSource';
import { requireAction } from './auth/middleware';
import { toCsv } from './csv';
import { createAnswerCache } from './reportAnswerCache';
import { reportIncidentsHandler } from './reportIncidentsRoute';
import { reportSeriesHandler } from './reportSeriesHandler';
import { givenFilters, readReportRequest } from './reportRequest';
import { sendError } from './sendError';

export interface ReportsRouterDeps {
  source: ReportsSource;
  audit: AuditLog;
  now: () => number;
  confirmationWindowMs: number;
}

/** The query string without `table` (the CSV's choice), in the order given. */
function reportParams(req: Request): Record<string, unknown> {
  const { table: _table, ...rest } = req.query;
  return rest;
}

/**
 * A download is a saved report: never with figures the rollup job has not finished
 * (docs/reports.md "While the rollups are recomputed"). 503 with Retry-After; true when refused.
 */
function refusedWhileRecomputing(summary: ReportSummary, res: Response): boolean {
  if (summary.recomputing === null) return false;
  res.set('Retry-After', '30');
  sendError(
    res,
    503,
    'recomputing',
    `the report's figures are being recomputed (${summary.recomputing.days} days left); download it when they are done`,
  );
  return true;
}

/**
 * `GET /api/reports/summary` and its `.xlsx` and `.csv` variants (docs/api.md "Reports"):
 * figures over Almaty calendar days from the archive's rollups, scoped to the caller's
 * regions (another region asked for: 403), audited like history searches.
 */
export function createReportsRouter(deps: ReportsRouterDeps): Router {
  const router = Router();
  // A year's summary over a big archive takes a second or more: asked again (the page, then
  // its XLSX and CSV; a language switch), it is served from here.
  const cache = createAnswerCache<ReportSummary>(deps);

  async function summaryOf(req: Request, res: Response): Promise<ReportSummary | null> {
    const request = readReportRequest(reportQuerySchema, reportParams(req), res, deps.source);
    if (!request) return null;
    const { query, db } = request;
    const filters = givenFilters(query);
    await deps.audit.recordFor(res.locals, 'history.search', 'archive:reports', Object.keys(filters));
    const regions: RegionCode[] = request.regions ?? [...REGION_CODES];
    const question = {
      key: JSON.stringify(query),
      from: query.from,
      to: query.to,
      asOf: query.asOf,
      regions: request.regions,
    };
    return cache.answer(question, async (asOf, recomputing) => {
      const body = await reportSummary(
        db,
        {
          from: query.from,
          to: query.to,
          asOf,
          confirmationWindowMs: deps.confirmationWindowMs,
          filter: {
            regions: request.regions,
            category: query.category,
            channel: query.channel,
            service: query.service,
          },
        },
        regions,
      );
      const link = new URLSearchParams(
        Object.entries({ from: query.from, to: query.to, ...filters, asOf: new Date(asOf).toISOString() }).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      );
      return { ...body, filters, link: `/api/reports/summary?${link.toString()}`, recomputing };
    });
  }

  const read = requireAction('read');
  router.get('/reports/summary', read, async (req, res) => {
    const summary = await summaryOf(req, res);
    if (summary) res.json(summary);
  });
  router.get('/reports/incidents', read, reportIncidentsHandler(deps));
  router.get('/reports/series', read, reportSeriesHandler(deps));
  router.get('/reports/summary.xlsx', read, async (req, res) => {
    const summary = await summaryOf(req, res);
    if (!summary || refusedWhileRecomputing(summary, res)) return;
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.attachment(`ortalyq-report-${summary.from}-${summary.to}.xlsx`);
    res.send(await reportXlsx(summary));
  });
  router.get('/reports/summary.csv', read, async (req, res) => {
    const table = (req.query.table ?? 'summary') as ReportTable;
    if (!REPORT_TABLES.includes(table)) {
      sendError(res, 400, 'invalid', `table must be one of ${REPORT_TABLES.join(', ')}`, 'table');
      return;
    }
    const summary = await summaryOf(req, res);
    if (!summary || refusedWhileRecomputing(summary, res)) return;
    res.type('text/csv; charset=utf-8');
    res.attachment(`ortalyq-report-${summary.from}-${summary.to}-${table}.csv`);
    res.send(toCsv(reportCsvRows(summary, table), { bom: true }));
  });
  return router;
}
