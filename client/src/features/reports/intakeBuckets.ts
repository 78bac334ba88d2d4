import { reportAddDays, reportDayCount, reportDayOf, type LocalDate, type ReportDayRow } from '@shared';

/** A bar of the intake chart: a day, a week (from its Monday) or a month (from its first day). */
export interface IntakeBucket {
  /** The bucket's first day. */
  start: LocalDate;
  registered: number;
  resolved: number;
}

export type BucketSize = 'day' | 'week' | 'month';

/** Days up to a quarter, weeks up to half a year, months beyond. */
export function bucketSizeOf(days: number): BucketSize {
  return days <= 92 ? 'day' : days <= 186 ? 'week' : 'month';
}

function bucketStart(day: LocalDate, size: BucketSize): LocalDate {
  if (size === 'day') return day;
  if (size === 'month') return `${day.slice(0, 8)}01`;
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return reportAddDays(day, -weekday);
}

/**
 * The summary's days (`byDay`, which leaves out days with nothing) as bars from `from` to
 * `to` or the report's moment, whichever is earlier, empty days as zeros. Pure.
 */
export function intakeBuckets(
  byDay: readonly ReportDayRow[],
  range: { from: LocalDate; to: LocalDate; asOf: string },
): { size: BucketSize; buckets: IntakeBucket[] } {
  const asOfDay = reportDayOf(Date.parse(range.asOf));
  const last = asOfDay < range.to ? asOfDay : range.to;
  const size = bucketSizeOf(reportDayCount(range.from, range.to));
  const found = new Map(byDay.map((d) => [d.day, d]));
  const buckets: IntakeBucket[] = [];
  for (let day = range.from; day <= last; day = reportAddDays(day, 1)) {
    const start = bucketStart(day, size);
    let bucket = buckets[buckets.length - 1];
    if (bucket === undefined || bucket.start !== start) {
      bucket = { start, registered: 0, resolved: 0 };
      buckets.push(bucket);
    }
    bucket.registered += found.get(day)?.registered ?? 0;
    bucket.resolved += found.get(day)?.resolved ?? 0;
  }
  return { size, buckets };
}
