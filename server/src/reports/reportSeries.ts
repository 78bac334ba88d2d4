import {
  addFlows,
  createFlowCounts,
  mergeHistogram,
  quantile,
  reportAddDays,
  reportDayOf,
  reportDayStart,
  seriesBucketOf,
  seriesBuckets,
  type FlowCounts,
  type Histogram,
  type LocalDate,
  type ReportSeries,
  type ReportSeriesGrain,
  type ReportSeriesPoint,
} from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';
import { directFlows } from './flowQueries';
import { appealsWithStepsIn, filterSql, type AppealFilter } from './reportRows';

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

/** The SQL of a `report_daily.day`'s bucket start (weeks: ISO, from Monday; the day is already Almaty's). */
function bucketSql(grain: ReportSeriesGrain): string {
  if (grain === 'day') return `to_char(day, 'YYYY-MM-DD')`;
  return `to_char(date_trunc('${grain}', day::timestamp), 'YYYY-MM-DD')`;
}

/**
 * The whole days [fromDay, toDay] from the rollups, one grouped aggregate per bucket: counts
 * summed, histograms merged bin by bin in SQL (exact, like `rollupFlows`).
 */
async function rollupBuckets(
  db: ArchiveQuery,
  fromDay: LocalDate,
  toDay: LocalDate,
  req: SeriesRequest,
  bucketOf: (key: string) => Bucket | undefined,
): Promise<void> {
  if (toDay < fromDay) return;
  const where = filterSql(req.filter, 3);
  const params = [fromDay, toDay, ...where.params];
  const scope = `day >= $1::date AND day <= $2::date AND ${where.sql}`;
  const bucket = bucketSql(req.grain);
  const hist = (name: string): string => {
    const some = `FILTER (WHERE (${name}_hist->>'count')::bigint > 0)`;
    return `sum((${name}_hist->>'count')::bigint) AS ${name}_count, sum((${name}_hist->>'sum')::float8) AS ${name}_sum,
      min((${name}_hist->>'min')::float8) ${some} AS ${name}_min, max((${name}_hist->>'max')::float8) ${some} AS ${name}_max`;
  };
  const { rows } = await db.query(
    `SELECT ${bucket} AS bucket, ${COUNTS.map(([, c]) => `sum(${c}) AS ${c}`).join(', ')},
            ${hist('response')}, ${hist('resolution')}
       FROM report_daily WHERE ${scope} GROUP BY 1`,
    params,
  );
  for (const row of rows) {
    const b = bucketOf(row.bucket as string);
    if (!b) continue;
    for (const [field, column] of COUNTS) b.flows[field] += Number(row[column] ?? 0);
    for (const name of ['response', 'resolution'] as const) {
      const h: Histogram = b.flows[name];
      h.count = Number(row[`${name}_count`] ?? 0);
      h.sum = Number(row[`${name}_sum`] ?? 0);
      h.min = Number(row[`${name}_min`] ?? 0);
      h.max = Number(row[`${name}_max`] ?? 0);
    }
  }
  for (const name of ['response', 'resolution'] as const) {
    const bins = await db.query(
      `SELECT ${bucket} AS bucket, b.key AS bin, sum(b.value::bigint) AS n
         FROM report_daily, jsonb_each_text(${name}_hist->'bins') AS b
        WHERE ${scope} GROUP BY 1, 2`,
      params,
    );
    for (const row of bins.rows) {
      const b = bucketOf(row.bucket as string);
      if (b) b.flows[name].bins[Number(row.bin)] = Number(row.n);
    }
  }
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
async function directBuckets(db: ArchiveQuery, req: SeriesRequest, buckets: Bucket[]): Promise<void> {
  const start = reportDayStart(req.from);
  const end = Math.min(reportDayStart(reportAddDays(req.to, 1)), req.asOf + 1);
  const byStart = new Map(buckets.map((b) => [seriesBucketOf(b.start, req.grain), b]));
  for (const a of await appealsWithStepsIn(db, start, end, req.filter)) {
    const touched = new Set<Bucket>();
    for (const at of [a.registeredAt, a.respondedAt, a.resolvedAt, a.closedAt]) {
      if (at === null || at < start || at >= end) continue;
      const b = byStart.get(seriesBucketOf(reportDayOf(at), req.grain));
      if (b) touched.add(b);
    }
    for (const b of touched) {
      addFlows(b.flows, a, reportDayStart(b.start), Math.min(reportDayStart(reportAddDays(b.end, 1)), end));
    }
  }
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
 */
export async function reportSeries(db: ArchiveQuery, req: SeriesRequest): Promise<Omit<ReportSeries, 'asOf'>> {
  const buckets: Bucket[] = seriesBuckets(req.from, req.to, req.grain).map(([start, end]) => ({
    start,
    end,
    flows: createFlowCounts(),
  }));
  const byStart = new Map(buckets.map((b) => [seriesBucketOf(b.start, req.grain), b]));
  if (req.filter.service !== undefined) {
    await directBuckets(db, req, buckets);
  } else {
    const asOfDay = reportDayOf(req.asOf);
    const lastWhole = asOfDay <= req.to ? reportAddDays(asOfDay, -1) : req.to;
    await rollupBuckets(db, req.from, lastWhole, req, (key) => byStart.get(key));
    if (asOfDay >= req.from && asOfDay <= req.to) {
      const partial = await directFlows(db, reportDayStart(asOfDay), req.asOf + 1, req.filter);
      const b = byStart.get(seriesBucketOf(asOfDay, req.grain));
      if (b) addInto(b.flows, partial.overall);
    }
  }
  return {
    from: req.from,
    to: req.to,
    grain: req.grain,
    dataSince: await dataSince(db, req.filter),
    points: buckets.map(pointOf),
  };
}
