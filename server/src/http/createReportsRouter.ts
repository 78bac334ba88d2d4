import {
  isInRegions,
  REGION_CODES,
  reportQuerySchema,
  type RegionCode,
  type ReportQuery,
  type ReportSummary,
} from '@shared';
import { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../audit/createAuditLog';
import { reportCsvRows, reportXlsx, REPORT_TABLES, type ReportTable } from '../reports/reportExport';
import { reportSummary } from '../reports/reportSummary';
import type { ReportsSource } from '../reports/reportsSource';
import { claimsOf, requireAction } from './auth/middleware';
import { toCsv } from './csv';
import { reportIncidentsHandler } from './reportIncidentsRoute';
import { reportSeriesHandler } from './reportSeriesHandler';
import { sendError, sendInvalid } from './sendError';

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
 * `GET /api/reports/summary` and its `.xlsx` and `.csv` variants (docs/api.md "Reports"):
 * figures over Almaty calendar days from the archive's rollups, scoped to the caller's
 * regions (another region asked for: 403), audited like history searches.
 */
export function createReportsRouter(deps: ReportsRouterDeps): Router {
  const router = Router();

  async function summaryOf(req: Request, res: Response): Promise<ReportSummary | null> {
    const parsed = reportQuerySchema.safeParse(reportParams(req));
    if (!parsed.success) {
      sendInvalid(res, parsed.error, 400);
      return null;
    }
    const query: ReportQuery = parsed.data;
    const claims = claimsOf(res.locals);
    const scope = claims.user.regions;
    if (query.region !== undefined && !isInRegions(scope, query.region)) {
      sendError(res, 403, 'forbidden', `region ${query.region} is outside your regions`, 'region');
      return null;
    }
    const regions: RegionCode[] =
      query.region !== undefined ? [query.region] : scope === 'all' ? [...REGION_CODES] : [...scope];
    const asOf = query.asOf !== undefined ? Date.parse(query.asOf) : deps.now();
    const db = deps.source.query();
    if (db === null) {
      res.set('Retry-After', '5');
      sendError(res, 503, 'unavailable', 'the archive is not open yet; retry in a moment');
      return null;
    }
    await deps.source.refresh();
    const body = await reportSummary(
      db,
      {
        from: query.from,
        to: query.to,
        asOf,
        confirmationWindowMs: deps.confirmationWindowMs,
        filter: {
          regions: query.region === undefined && scope === 'all' ? null : regions,
          category: query.category,
          channel: query.channel,
          service: query.service,
        },
      },
      regions,
    );
    const filters = { region: query.region, category: query.category, channel: query.channel, service: query.service };
    const link = new URLSearchParams(
      Object.entries({ from: query.from, to: query.to, ...filters, asOf: new Date(asOf).toISOString() }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    await deps.audit.recordFor(
      res.locals,
      'history.search',
      'archive:reports',
      Object.keys(filters).filter((key) => filters[key as keyof typeof filters] !== undefined),
    );
    return {
      ...body,
      filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
      link: `/api/reports/summary?${link.toString()}`,
    };
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
    if (!summary) return;
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
    if (!summary) return;
    res.type('text/csv; charset=utf-8');
    res.attachment(`ortalyq-report-${summary.from}-${summary.to}-${table}.csv`);
    res.send(toCsv(reportCsvRows(summary, table), { bom: true }));
  });
  return router;
}
