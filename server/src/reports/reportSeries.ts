import {
  addFlows,
  createFlowCounts,
  mergeHistogram,
  quantile,
  reportAddDays,
  reportDayOf,
  reportDayStart,
  reportDayCount,
  seriesBuckets,
  type FlowCounts,
  type LocalDate,
  type ReportSeries,
  type ReportSeriesComparison,
  type ReportSeriesGrain,
  type ReportSeriesPoint,
} from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';
import { directFlows } from './flowQueries';
import { appealsWithStepsIn, filterSql, type AppealFilter } from './reportRows';
import { flowSteps } from './rollupGrains';
import { nextMonth, wholeMonths } from './months';
import { comparedPeriods } from './reportSummary';

export interface SeriesRequest {
  from: LocalDate;
  to: LocalDate;
  grain: ReportSeriesGrain;
  asOf: number;
  filter: AppealFilter;
}

/** One bucket while it is being filled: its days inside the period and its flows. */
interface Bucket {
  start: LocalDate;
  end: LocalDate;
  flows: FlowCounts;
}

const COUNTS = [
  ['registered', 'registered'],
  ['responded', 'responded'],
  ['respondedOnTime', 'responded_on_time'],
  ['responseTargetMs', 'response_target_ms'],
  ['resolved', 'resolved'],
  ['resolvedOnTime', 'resolved_on_time'],
  ['resolvedLegalOnTime', 'resolved_legal_on_time'],
  ['finished', 'finished'],
  ['firstCall', 'first_call'],
] as const;

/** The period a series is filled for: Almaty days [from, to], taken at asOf. */
interface SeriesPeriod {
  from: LocalDate;
  to: LocalDate;
  asOf: number;
}

/** A flow table and the column its rows are keyed by (a day, a month's 1st). */
type SeriesGrain = { table: 'report_daily' | 'report_monthly' | 'report_monthly_rc'; column: 'day' | 'month' };

/**
 * The rows of `grain` keyed lo <= key <= hi, one aggregate per key added into the bucket of
 * that key's first day:
 * counts summed, histograms merged bin by bin (exact, like `rollupFlows`).
 */
async function addGrainBuckets(
  db: ArchiveQuery,
  grain: SeriesGrain,
  range: { lo: LocalDate; hi: LocalDate },
  filter: AppealFilter,
  bucketOf: (day: LocalDate) => Bucket | undefined,
): Promise<void> {
  if (range.hi < range.lo) return;
  const where = filterSql(filter, 3);
  const params = [range.lo, range.hi, ...where.params];
  const { table, column } = grain;
  const scope = `${column} >= $1::date AND ${column} <= $2::date AND ${where.sql}`;
  const hist = (name: string): string => {
    const some = `FILTER (WHERE (${name}_hist->>'count')::bigint > 0)`;
    return `sum((${name}_hist->>'count')::bigint) AS ${name}_count, sum((${name}_hist->>'sum')::float8) AS ${name}_sum,
      min((${name}_hist->>'min')::float8) ${some} AS ${name}_min, max((${name}_hist->>'max')::float8) ${some} AS ${name}_max`;
  };
  const { rows } = await db.query(
    `SELECT to_char(${column}, 'YYYY-MM-DD') AS day, ${COUNTS.map(([, c]) => `sum(${c}) AS ${c}`).join(', ')},
            ${hist('response')}, ${hist('resolution')}
       FROM ${table} WHERE ${scope} GROUP BY ${column}`,
    params,
  );
  for (const row of rows) {
    const b = bucketOf(row.day as string);
    if (!b) continue;
    for (const [field, column] of COUNTS) b.flows[field] += Number(row[column] ?? 0);
    for (const name of ['response', 'resolution'] as const) {
      // Count, sum and extremes here; the bins follow below.
      mergeHistogram(b.flows[name], {
        count: Number(row[`${name}_count`] ?? 0),
        sum: Number(row[`${name}_sum`] ?? 0),
        min: Number(row[`${name}_min`] ?? 0),
        max: Number(row[`${name}_max`] ?? 0),
        bins: {},
      });
    }
  }
  for (const name of ['response', 'resolution'] as const) {
    const bins = await db.query(
      `SELECT to_char(${column}, 'YYYY-MM-DD') AS day, b.key AS bin, sum(b.value::bigint) AS n
         FROM ${table}, jsonb_each_text(${name}_hist->'bins') AS b
        WHERE ${scope} GROUP BY ${column}, b.key`,
      params,
    );
    for (const row of bins.rows) {
      const b = bucketOf(row.day as string);
      if (!b) continue;
      const bin = Number(row.bin);
      b.flows[name].bins[bin] = (b.flows[name].bins[bin] ?? 0) + Number(row.n);
    }
  }
}

/**
 * The whole days [fromDay, toDay] from the rollups, each added into its bucket. A run of whole
 * calendar months each inside one bucket (month buckets; a compared period's moved buckets stay
 * aligned until a leap day) is read from the month grain (`report_monthly_rc`, or
 * `report_monthly` with a channel filter): a year by month reads ~3,000 rows, not the ~500 k day
 * rows whose bins took 9 s on PGlite for the demo year; the other days from `report_daily`.
 */
async function rollupBuckets(
  db: ArchiveQuery,
  fromDay: LocalDate,
  toDay: LocalDate,
  filter: AppealFilter,
  bucketOf: (day: LocalDate) => Bucket | undefined,
): Promise<void> {
  if (toDay < fromDay) return;
  const { first, after } = wholeMonths(fromDay, toDay);
  const inOneBucket = (month: LocalDate): boolean =>
    bucketOf(month) !== undefined && bucketOf(month) === bucketOf(reportAddDays(nextMonth(month), -1));
  // The first run of whole months that each fall in one bucket: [lo, hi).
  let lo = first;
  while (lo < after && !inOneBucket(lo)) lo = nextMonth(lo);
  let hi = lo;
  while (hi < after && inOneBucket(hi)) hi = nextMonth(hi);
  const monthly: SeriesGrain = {
    table: filter.channel === undefined ? 'report_monthly_rc' : 'report_monthly',
    column: 'month',
  };
  const daily: SeriesGrain = { table: 'report_daily', column: 'day' };
  await addGrainBuckets(db, daily, { lo: fromDay, hi: reportAddDays(lo, -1) }, filter, bucketOf);
  await addGrainBuckets(db, monthly, { lo, hi: reportAddDays(hi, -1) }, filter, bucketOf);
  await addGrainBuckets(db, daily, { lo: hi, hi: toDay }, filter, bucketOf);
}

/** Adds flows of `from` (a partial day) into `into`. */
function addInto(into: FlowCounts, from: FlowCounts): void {
  for (const [field] of COUNTS) into[field] += from[field];
  mergeHistogram(into.response, from.response);
  mergeHistogram(into.resolution, from.resolution);
}

/**
 * With a service filter the rollups cannot answer (no service grain): the appeals with a step
 * in the period are read once, and each is counted in the buckets its steps fall in.
 */
async function directBuckets(
  db: ArchiveQuery,
  period: SeriesPeriod,
  filter: AppealFilter,
  bucketOf: (day: LocalDate) => Bucket | undefined,
): Promise<void> {
  const start = reportDayStart(period.from);
  const end = Math.min(reportDayStart(reportAddDays(period.to, 1)), period.asOf + 1);
  for (const a of await appealsWithStepsIn(db, start, end, filter)) {
    const touched = new Set<Bucket>();
    for (const at of [a.registeredAt, a.respondedAt, a.resolvedAt, a.closedAt, ...flowSteps(a)]) {
      if (at === null || at < start || at >= end) continue;
      const b = bucketOf(reportDayOf(at));
      if (b) touched.add(b);
    }
    for (const b of touched) {
      addFlows(b.flows, a, reportDayStart(b.start), Math.min(reportDayStart(reportAddDays(b.end, 1)), end));
    }
  }
}

/**
 * Fills `buckets` (consecutive, covering [period.from, period.to]) frozen at the period's
 * asOf: whole days before asOf's day from the rollups, asOf's own day from the appeals up to
 * asOf, nothing after; with a service filter all from the appeals.
 */
async function fillBuckets(
  db: ArchiveQuery,
  period: SeriesPeriod,
  filter: AppealFilter,
  buckets: readonly Bucket[],
): Promise<void> {
  // The bucket of each day of the period, by its offset from `from`.
  const atOffset: Bucket[] = [];
  for (const b of buckets) for (let i = 0; i < reportDayCount(b.start, b.end); i += 1) atOffset.push(b);
  const bucketOf = (day: LocalDate): Bucket | undefined =>
    day < period.from ? undefined : atOffset[reportDayCount(period.from, day) - 1];
  if (filter.service !== undefined) {
    await directBuckets(db, period, filter, bucketOf);
    return;
  }
  const asOfDay = reportDayOf(period.asOf);
  const lastWhole = asOfDay <= period.to ? reportAddDays(asOfDay, -1) : period.to;
  await rollupBuckets(db, period.from, lastWhole, filter, bucketOf);
  if (asOfDay >= period.from && asOfDay <= period.to) {
    const partial = await directFlows(db, reportDayStart(asOfDay), period.asOf + 1, filter);
    const b = bucketOf(asOfDay);
    if (b) addInto(b.flows, partial.overall);
  }
}

/** The buckets of a compared period: the current ones moved to start at `from` (same lengths, same offsets). */
function alignedBuckets(current: readonly Bucket[], currentFrom: LocalDate, from: LocalDate): Bucket[] {
  const moved = (day: LocalDate) => reportAddDays(from, reportDayCount(currentFrom, day) - 1);
  return current.map((b) => ({ start: moved(b.start), end: moved(b.end), flows: createFlowCounts() }));
}

/** The first day the archive has rows for, within the filter (the charts' "data since"). */
async function dataSince(db: ArchiveQuery, filter: AppealFilter): Promise<LocalDate | null> {
  const where = filterSql(filter, 1);
  if (filter.service === undefined) {
    const { rows } = await db.query(
      `SELECT to_char(min(day), 'YYYY-MM-DD') AS day FROM report_daily WHERE ${where.sql}`,
      where.params,
    );
    return (rows[0]?.day as string | null | undefined) ?? null;
  }
  const { rows } = await db.query(`SELECT min(registered_at) AS at FROM appeals WHERE ${where.sql}`, where.params);
  const at = rows[0]?.at as string | Date | null | undefined;
  return at === null || at === undefined ? null : reportDayOf(new Date(at).getTime());
}

function pointOf(b: Bucket): ReportSeriesPoint {
  const f = b.flows;
  return {
    start: b.start,
    end: b.end,
    registered: f.registered,
    responded: f.responded,
    respondedOnTime: f.respondedOnTime,
    resolved: f.resolved,
    resolvedOnTime: f.resolvedOnTime,
    resolvedLegalOnTime: f.resolvedLegalOnTime,
    finished: f.finished,
    firstCall: f.firstCall,
    responseP50Ms: quantile(f.response, 0.5),
    responseP90Ms: quantile(f.response, 0.9),
    resolutionP50Ms: quantile(f.resolution, 0.5),
    resolutionP90Ms: quantile(f.resolution, 0.9),
    responseTargetMs: f.responded === 0 ? null : Math.round(f.responseTargetMs / f.responded),
  };
}

/**
 * The period's flows per day, week (from Monday) or month, frozen at `asOf` exactly like the
 * summary's `figures.flow` (docs/api.md "Series"): whole days before asOf's day from the
 * rollups, asOf's own day from the appeals up to asOf, nothing after; with a service filter
 * all from the appeals. So the points of a period add up to the summary's flow counts, and
 * each point's percentiles come from its merged histograms, never from averaged medians.
 * `previous` and `yearAgo` are the summary's compared periods in buckets aligned by offset:
 * their i-th point covers the same days of its period as the i-th point of this one.
 */
export async function reportSeries(
  db: ArchiveQuery,
  req: SeriesRequest,
): Promise<Omit<ReportSeries, 'asOf' | 'recomputing'>> {
  const buckets: Bucket[] = seriesBuckets(req.from, req.to, req.grain).map(([start, end]) => ({
    start,
    end,
    flows: createFlowCounts(),
  }));
  await fillBuckets(db, req, req.filter, buckets);
  const compared = comparedPeriods({ from: req.from, to: req.to, asOf: req.asOf });
  const comparison = async (period: SeriesPeriod): Promise<ReportSeriesComparison> => {
    const aligned = alignedBuckets(buckets, req.from, period.from);
    await fillBuckets(db, period, req.filter, aligned);
    return {
      from: period.from,
      to: period.to,
      asOf: new Date(period.asOf).toISOString(),
      points: aligned.map(pointOf),
    };
  };
  return {
    from: req.from,
    to: req.to,
    grain: req.grain,
    dataSince: await dataSince(db, req.filter),
    points: buckets.map(pointOf),
    previous: await comparison(compared.previous),
    yearAgo: await comparison(compared.yearAgo),
  };
}
