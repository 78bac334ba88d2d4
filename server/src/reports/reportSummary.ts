import {
  createCohortCounts,
  createFlowCounts,
  binQuantile,
  reportAddDays,
  reportDayCount,
  reportDayOf,
  reportDayStart,
  reportFigures,
  reportYearBefore,
  scrubPersonalData,
  type CategoryCode,
  type RegionCode,
  type ReportDayRow,
  type ReportPart,
  type ReportServiceRow,
  type ReportSummary,
} from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';
import { cohortFigures, overdueByService, type CohortGroups } from './cohortQuery';
import { directFlows, mergeFlowGroups, rollupFlows, type FlowGroups } from './flowQueries';
import { wholeMonths } from './months';
import { filterSql, type AppealFilter } from './reportRows';

export interface SummaryRequest {
  from: string;
  to: string;
  asOf: number;
  filter: AppealFilter;
  confirmationWindowMs: number;
}

interface Computed {
  flows: FlowGroups;
  cohort: CohortGroups;
}

/**
 * One period's figures. Flows: whole days before asOf's day from the rollups, asOf's own day
 * (when inside the period) from the appeals up to asOf; with a service filter, all from the
 * appeals (the rollups have no service grain). Cohort: from the appeals as they stood at asOf.
 */
async function compute(db: ArchiveQuery, req: SummaryRequest): Promise<Computed> {
  const start = reportDayStart(req.from);
  const end = reportDayStart(reportAddDays(req.to, 1));
  const asOfDay = reportDayOf(req.asOf);
  const cohort = await cohortFigures(db, start, end, req.asOf, req.confirmationWindowMs, req.filter);
  if (req.filter.service !== undefined) {
    return { flows: await directFlows(db, start, Math.min(end, req.asOf + 1), req.filter), cohort };
  }
  const lastWhole = asOfDay <= req.to ? reportAddDays(asOfDay, -1) : req.to;
  const flows = await rollupFlows(db, req.from, lastWhole, req.filter);
  if (asOfDay >= req.from && asOfDay <= req.to) {
    mergeFlowGroups(flows, await directFlows(db, reportDayStart(asOfDay), req.asOf + 1, req.filter));
  }
  return { flows, cohort };
}

async function part(db: ArchiveQuery, req: SummaryRequest): Promise<ReportPart & Computed> {
  const computed = await compute(db, req);
  return {
    from: req.from,
    to: req.to,
    asOf: new Date(req.asOf).toISOString(),
    figures: reportFigures(computed.flows.overall, computed.cohort.overall),
    ...computed,
  };
}

/** The period as long as `req` starting at `from`, asOf moved back by as much. */
function shifted<R extends PeriodAt>(req: R, from: string): R {
  const by = reportDayStart(req.from) - reportDayStart(from);
  const days = reportDayCount(req.from, req.to);
  return { ...req, from, to: reportAddDays(from, days - 1), asOf: req.asOf - by };
}

/** A period of Almaty days and the moment it is taken at. */
export interface PeriodAt {
  from: string;
  to: string;
  asOf: number;
}

/**
 * What a period is compared with (docs/reports.md "Comparisons"): the same number of days
 * just before, and the same days a year earlier, each with asOf moved back by as much.
 */
export function comparedPeriods<R extends PeriodAt>(req: R): { previous: R; yearAgo: R } {
  return {
    previous: shifted(req, reportAddDays(req.from, -reportDayCount(req.from, req.to))),
    yearAgo: shifted(req, reportYearBefore(req.from)),
  };
}

/**
 * The whole days whose rollups a report of `req` reads (its own, the previous period's, the
 * year-ago's; each up to the day before its asOf's day, which is read from the appeals).
 */
export function rollupDayRanges(req: PeriodAt): Array<[string, string]> {
  const { previous, yearAgo } = comparedPeriods(req);
  const ranges: Array<[string, string]> = [];
  for (const p of [req, previous, yearAgo]) {
    const asOfDay = reportDayOf(p.asOf);
    const lastWhole = asOfDay <= p.to ? reportAddDays(asOfDay, -1) : p.to;
    if (lastWhole >= p.from) ranges.push([p.from, lastWhole]);
  }
  return ranges;
}

async function serviceRows(db: ArchiveQuery, req: SummaryRequest): Promise<ReportServiceRow[]> {
  const lastWhole = reportDayOf(req.asOf) <= req.to ? reportAddDays(reportDayOf(req.asOf), -1) : req.to;
  // The whole months from report_service_monthly, the days around them from report_service_daily.
  const { first, after } = wholeMonths(req.from, lastWhole);
  const where = filterSql({ regions: req.filter.regions }, 5);
  if (req.filter.service !== undefined) {
    where.params.push(req.filter.service);
    where.sql += ` AND service = $${4 + where.params.length}`;
  }
  const columns = `region, service, service_name, responded, resolved, resolved_on_time, resolved_legal_on_time,
    reopened, response_hist`;
  // Three index ranges (the days before the months, the months, the days after): one range
  // over the year's days with the months filtered out read every day row of it.
  const source = `(SELECT ${columns} FROM report_service_daily
      WHERE day >= $1::date AND day < $3::date AND day <= $2::date AND ${where.sql}
    UNION ALL
    SELECT ${columns} FROM report_service_monthly WHERE month >= $3::date AND month < $4::date AND ${where.sql}
    UNION ALL
    SELECT ${columns} FROM report_service_daily WHERE day >= $4::date AND day <= $2::date AND ${where.sql}) AS s`;
  const params = [req.from, lastWhole, first, after, ...where.params];
  // Histograms merged in SQL like the flows' (flowQueries.ts `addGrain`): shipping every
  // day's histogram (a year: one per day × region × service) to Node was most of the report.
  const counted = `(response_hist->>'count')::bigint > 0`;
  const [{ rows }, bins, overdue] = await Promise.all([
    db.query(
      `SELECT service, max(service_name) AS name, sum(responded) AS responded, sum(resolved) AS resolved,
              sum(resolved_on_time) AS on_time, sum(resolved_legal_on_time) AS legal_on_time, sum(reopened) AS reopened,
              coalesce(sum((response_hist->>'count')::bigint) FILTER (WHERE ${counted}), 0) AS h_count,
              coalesce(min((response_hist->>'min')::float8) FILTER (WHERE ${counted}), 0) AS h_min,
              coalesce(max((response_hist->>'max')::float8) FILTER (WHERE ${counted}), 0) AS h_max
         FROM ${source}
        GROUP BY service ORDER BY sum(responded) DESC, service`,
      params,
    ),
    // Per service only the bins its p50 and p90 fall in (nearest rank, in float8 as JavaScript
    // reckons it: `quantile`'s rank), not every bin: a year of the demo's 1,900 services sent
    // 220 k bin rows to Node (2.8 s on PGlite).
    db.query(
      `WITH bins AS (
         SELECT service, b.key::int AS bin, sum(b.value::bigint) AS n
           FROM ${source}, jsonb_each_text(response_hist->'bins') AS b
          WHERE ${counted}
          GROUP BY service, b.key::int
       ), ranked AS (
         SELECT service, bin, sum(n) OVER (PARTITION BY service ORDER BY bin) AS seen,
                sum(n) OVER (PARTITION BY service) AS total
           FROM bins
       )
       SELECT service,
              min(bin) FILTER (WHERE seen >= greatest(1, ceil(0.5::float8 * total::float8))) AS p50_bin,
              min(bin) FILTER (WHERE seen >= greatest(1, ceil(0.9::float8 * total::float8))) AS p90_bin
         FROM ranked GROUP BY service`,
      params,
    ),
    overdueByService(db, reportDayStart(req.from), reportDayStart(reportAddDays(req.to, 1)), req.asOf, {
      regions: req.filter.regions,
      service: req.filter.service,
    }),
  ]);
  const rankBins = new Map(bins.rows.map((row) => [row.service as string, row]));
  return rows.map((row) => {
    const extremes = { min: Number(row.h_min), max: Number(row.h_max) };
    const ranked = rankBins.get(row.service as string);
    const at = (bin: unknown): number | null =>
      Number(row.h_count) === 0 || bin === null || bin === undefined ? null : binQuantile(extremes, Number(bin));
    const resolved = Number(row.resolved);
    return {
      // A service without a directory entry is keyed by the appeals' free text: scrubbed like
      // every free-text field on the wire (a БИН from the directory is the organisation's own).
      service: isBin(row.service as string) ? (row.service as string) : scrubPersonalData(row.service as string),
      name: row.name === null || row.name === undefined ? null : scrubPersonalData(row.name as string),
      responded: Number(row.responded),
      response: { p50: at(ranked?.p50_bin), p90: at(ranked?.p90_bin) },
      resolved,
      resolutionSlaCompliance: resolved === 0 ? null : Number(row.on_time) / resolved,
      resolutionLegalCompliance: resolved === 0 ? null : Number(row.legal_on_time) / resolved,
      reopened: Number(row.reopened),
      overdueNow: overdue.get(row.service as string) ?? 0,
    };
  });
}

const isBin = (service: string): boolean => /^\d{12}$/.test(service);

/**
 * Intake and resolutions per day, frozen like the figures: whole days before asOf's day from
 * the rollups, asOf's own day (when in the period) from the appeals up to asOf, none after.
 */
async function dayRows(db: ArchiveQuery, req: SummaryRequest): Promise<ReportDayRow[]> {
  if (req.filter.service !== undefined) return [];
  const asOfDay = reportDayOf(req.asOf);
  const lastWhole = asOfDay <= req.to ? reportAddDays(asOfDay, -1) : req.to;
  const where = filterSql(req.filter, 3);
  const { rows } = await db.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(registered) AS registered, sum(resolved) AS resolved
       FROM report_daily WHERE day >= $1::date AND day <= $2::date AND ${where.sql}
      GROUP BY day ORDER BY day`,
    [req.from, lastWhole, ...where.params],
  );
  const days = rows.map((r) => ({
    day: r.day as string,
    registered: Number(r.registered),
    resolved: Number(r.resolved),
  }));
  if (asOfDay >= req.from && asOfDay <= req.to) {
    const { overall } = await directFlows(db, reportDayStart(asOfDay), req.asOf + 1, req.filter);
    if (overall.registered + overall.resolved > 0) {
      days.push({ day: asOfDay, registered: overall.registered, resolved: overall.resolved });
    }
  }
  return days;
}

/** The whole summary (docs/api.md "Reports"); `link` is filled by the router. */
export async function reportSummary(
  db: ArchiveQuery,
  req: SummaryRequest,
  regions: RegionCode[],
): Promise<Omit<ReportSummary, 'link' | 'filters' | 'recomputing'>> {
  const compared = comparedPeriods(req);
  // A year's report compares with the same 365 days twice (the previous period is the year
  // ago, outside a leap day): read once. The parts and the tables run side by side on the pool.
  const sameDays = compared.previous.from === compared.yearAgo.from && compared.previous.to === compared.yearAgo.to;
  const previousPart = part(db, compared.previous);
  const [current, previous, yearAgo, byService, byDay] = await Promise.all([
    part(db, req),
    previousPart,
    sameDays && compared.previous.asOf === compared.yearAgo.asOf ? previousPart : part(db, compared.yearAgo),
    serviceRows(db, req),
    dayRows(db, req),
  ]);
  const strip = ({ from, to, asOf, figures }: ReportPart): ReportPart => ({ from, to, asOf, figures });
  const { flows, cohort } = current;
  const regionKeys = new Set([...flows.regions.keys(), ...cohort.regions.keys()]);
  const categoryKeys = new Set([...flows.categories.keys(), ...cohort.categories.keys()]);
  const pick = <T>(map: Map<string, T>, key: string, empty: () => T): T => map.get(key) ?? empty();
  return {
    ...strip(current),
    regions,
    previous: strip(previous),
    yearAgo: strip(yearAgo),
    byRegion: [...regionKeys].sort().map((region) => ({
      region: region as RegionCode,
      figures: reportFigures(
        pick(flows.regions, region, createFlowCounts),
        pick(cohort.regions, region, createCohortCounts),
      ),
    })),
    byCategory: [...categoryKeys].sort().map((category) => ({
      category: category as CategoryCode,
      figures: reportFigures(
        pick(flows.categories, category, createFlowCounts),
        pick(cohort.categories, category, createCohortCounts),
      ),
    })),
    byService,
    byDay,
  };
}
