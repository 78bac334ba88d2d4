import {
  CHANNELS,
  KZ_UTC_OFFSET_MS,
  type CategoryCode,
  type Channel,
  type IntakeSeries,
  type RegionRow,
  type ResponsePoint,
  type ResponseTimeSeries,
} from '@shared';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Milliseconds as minutes (the charts' unit for durations); null stays null. */
export function toMinutes(ms: number | null): number | null {
  return ms === null ? null : ms / MINUTE;
}

/** One bucket of the response-time chart, in minutes. */
export interface ResponseRow {
  t: number;
  count: number;
  p50: number | null;
  p90: number | null;
}

export function responseRows(series: ResponseTimeSeries): ResponseRow[] {
  return series.points.map((p) => ({ t: p.t, count: p.count, p50: toMinutes(p.p50), p90: toMinutes(p.p90) }));
}

/** The newest bucket with responses, or null. */
export function latestWithData(points: readonly ResponsePoint[]): ResponsePoint | null {
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const point = points[i] as ResponsePoint;
    if (point.count > 0) return point;
  }
  return null;
}

/** Instants from `from` to `to` (inclusive) on whole Kazakhstan hours divisible by `everyHours`. */
export function hourTicks(from: number, to: number, everyHours: number): number[] {
  const step = everyHours * HOUR;
  // Kazakhstan has one fixed offset (UTC+5, no DST), so its hours are UTC hours shifted.
  const ticks: number[] = [];
  for (let t = Math.ceil((from + KZ_UTC_OFFSET_MS) / step) * step - KZ_UTC_OFFSET_MS; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** The stacks of the intake chart beyond this many categories are summed as "other". */
export const MAX_STACKED_CATEGORIES = 6;

/** Key of the summed-up stack. */
export const OTHER_KEY = 'other';

export type IntakeKey = Channel | CategoryCode | typeof OTHER_KEY;

export interface IntakeStacks {
  /** Stack order, bottom first: channels in contract order, or the busiest categories then "other". */
  keys: IntakeKey[];
  /** One row per hour: `t`, `total` and a count per key. */
  rows: ({ t: number; total: number } & Partial<Record<IntakeKey, number>>)[];
  total: number;
}

/**
 * The intake series as stacked rows. Channels with no appeal in 24 h are left out; the
 * category split keeps the top six (so colours stay distinguishable) and sums the rest.
 */
export function intakeStacks(intake: IntakeSeries, split: 'channel' | 'category'): IntakeStacks {
  const total = intake.points.reduce((sum, p) => sum + p.total, 0);
  if (split === 'channel') {
    const keys = CHANNELS.filter((c) => intake.points.some((p) => p.byChannel[c] > 0));
    const rows = intake.points.map((p) => {
      const row: IntakeStacks['rows'][number] = { t: p.t, total: p.total };
      for (const c of keys) row[c] = p.byChannel[c];
      return row;
    });
    return { keys, rows, total };
  }
  const top = intake.categories.slice(0, MAX_STACKED_CATEGORIES);
  const rest = intake.categories.slice(MAX_STACKED_CATEGORIES);
  let otherTotal = 0;
  const rows = intake.points.map((p) => {
    const row: IntakeStacks['rows'][number] = { t: p.t, total: p.total };
    for (const c of top) row[c] = p.byCategory[c] ?? 0;
    const other = rest.reduce((sum, c) => sum + (p.byCategory[c] ?? 0), 0);
    row[OTHER_KEY] = other;
    otherTotal += other;
    return row;
  });
  return { keys: otherTotal > 0 ? [...top, OTHER_KEY] : top, rows, total };
}

/** The busiest hour of the intake (first of equals), or null when nothing came in. */
export function busiestHour(rows: IntakeStacks['rows']): { t: number; total: number } | null {
  let best: { t: number; total: number } | null = null;
  for (const row of rows) if (row.total > 0 && (best === null || row.total > best.total)) best = row;
  return best;
}

/** One bar of the region board, in minutes. */
export interface RegionBar extends RegionRow {
  /** Median response in minutes; null without responses. */
  minutes: number | null;
}

/** The first `limit` rows (in the order given: worst first) with their medians in minutes. */
export function regionBars(rows: readonly RegionRow[], limit?: number): RegionBar[] {
  const shown = limit === undefined ? rows : rows.slice(0, Math.max(0, limit));
  return shown.map((row) => ({ ...row, minutes: toMinutes(row.p50) }));
}
