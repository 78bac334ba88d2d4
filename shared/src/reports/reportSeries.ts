import { z } from 'zod';
import { reportQuerySchema, type ReportRecomputing } from '../api/reports';
import { addMonths, dayNumber, fromDayNumber, weekdayOf, type LocalDate } from '../calendar/almatyTime';

/** The buckets of a series: Almaty calendar days, weeks from Monday, calendar months. */
export const REPORT_SERIES_GRAINS = ['day', 'week', 'month'] as const;
export type ReportSeriesGrain = (typeof REPORT_SERIES_GRAINS)[number];

/**
 * `GET /api/reports/series` (docs/api.md "Reports", "Series"): the summary's query (Almaty
 * calendar days, `to` inclusive, the same filters and `asOf`) plus the `grain` of the buckets.
 */
export const reportSeriesQuerySchema = reportQuerySchema.safeExtend({ grain: z.enum(REPORT_SERIES_GRAINS) });
export type ReportSeriesQuery = z.output<typeof reportSeriesQuerySchema>;

/** One bucket's flows (events in it, like the summary's `figures.flow`), percentiles from merged histograms. */
export interface ReportSeriesPoint {
  /** The bucket's first day inside the period (a week or month cut by `from` starts at `from`). */
  start: LocalDate;
  /** The bucket's last day inside the period (inclusive). */
  end: LocalDate;
  registered: number;
  responded: number;
  respondedOnTime: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedLegalOnTime: number;
  finished: number;
  firstCall: number;
  responseP50Ms: number | null;
  responseP90Ms: number | null;
  resolutionP50Ms: number | null;
  resolutionP90Ms: number | null;
  /** Mean response target of the responses (ms), null when none: the chart's target line. */
  responseTargetMs: number | null;
}

/**
 * A compared period's series (the summary's `previous` or `yearAgo` period): its buckets are
 * the current ones moved to its start, so its i-th point covers the same days of its period
 * (the same offsets, the same lengths) as the i-th point of the current series.
 */
export interface ReportSeriesComparison {
  from: LocalDate;
  to: LocalDate;
  /** Its moment: the current asOf moved back as far as the period. */
  asOf: string;
  /** As many points as the current series, in the same order. */
  points: ReportSeriesPoint[];
}

/** The answer of `GET /api/reports/series`. */
export interface ReportSeries {
  from: LocalDate;
  to: LocalDate;
  grain: ReportSeriesGrain;
  /** The moment the series is taken at (ISO); buckets after it are zero. */
  asOf: string;
  /** The first day the archive holds data for (of the caller's scope and filters), null when none. */
  dataSince: LocalDate | null;
  /** Every bucket of the period in order, empty ones included (zeros). */
  points: ReportSeriesPoint[];
  /** The same number of days just before, aligned by offset. */
  previous: ReportSeriesComparison;
  /** The same days a year earlier, aligned by offset. */
  yearAgo: ReportSeriesComparison;
  /** Non-null while the rollups are being recomputed (the summary's `recomputing`). */
  recomputing: ReportRecomputing | null;
}

/** The first day of the bucket `day` falls in (weeks start on Monday). */
export function seriesBucketOf(day: LocalDate, grain: ReportSeriesGrain): LocalDate {
  if (grain === 'day') return day;
  if (grain === 'month') return `${day.slice(0, 8)}01`;
  return fromDayNumber(dayNumber(day) - ((weekdayOf(day) + 6) % 7));
}

/** The buckets of [from, to] as [start, end] inside the period, in order. */
export function seriesBuckets(from: LocalDate, to: LocalDate, grain: ReportSeriesGrain): Array<[LocalDate, LocalDate]> {
  const out: Array<[LocalDate, LocalDate]> = [];
  let bucket = seriesBucketOf(from, grain);
  while (bucket <= to) {
    const next =
      grain === 'day'
        ? fromDayNumber(dayNumber(bucket) + 1)
        : grain === 'week'
          ? fromDayNumber(dayNumber(bucket) + 7)
          : addMonths(bucket, 1);
    const last = fromDayNumber(dayNumber(next) - 1);
    out.push([bucket < from ? from : bucket, last > to ? to : last]);
    bucket = next;
  }
  return out;
}

/** The grain a period reads best in: days up to ~2 months, weeks up to ~half a year, then months. */
export function defaultSeriesGrain(from: LocalDate, to: LocalDate): ReportSeriesGrain {
  const days = dayNumber(to) - dayNumber(from) + 1;
  return days <= 62 ? 'day' : days <= 190 ? 'week' : 'month';
}
