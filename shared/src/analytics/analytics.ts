import { z } from 'zod';
import { CATEGORY_CODES, type CategoryCode } from '../domain/categories';
import { CHANNELS, type Channel } from '../domain/enums';
import { REGION_CODES, REGIONS, type RegionCode } from '../domain/regions';
import type { RegionScope } from '../domain/roles';
import { binEntries, createHistogram, mergeHistogram, quantile, type Histogram } from '../projection/histogram';
import { regionCategoryKey } from '../projection/metrics';
import { ALL_KEY, type ProjectionState } from '../projection/state';
import {
  minuteOf,
  slotsBetween,
  summarizeMinutes,
  WINDOW_NAMES,
  WINDOWS,
  windowMinutes,
  type MinuteRing,
  type WindowName,
} from '../projection/windows';
import type { Alert } from './alerts';
import type {
  Analytics,
  DistributionBucket,
  Headline,
  IntakePoint,
  IntakeSeries,
  RegionRow,
  ResponseTimeSeries,
} from './analyticsTypes';

export type * from './analyticsTypes';

/**
 * The series behind every chart (issue "Response-time analytics and the wall screen"),
 * computed from the projection's fixed minute rings, so their memory never grows and the
 * charts, the API and the wall can never disagree. Pure; `now` comes from the caller.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Share of responses within target a region must reach; below it the region is in breach. */
export const SLA_COMPLIANCE_GOAL = 0.9;

/** What the charts are drawn for. Region and category narrow everything; `window` picks the distribution's and the regions' span. */
export interface AnalyticsFilter {
  region?: RegionCode;
  category?: CategoryCode;
  window: WindowName;
}

/** Query string / socket form of the filter, validated on the server (strict: unknown keys refused). */
export const analyticsFilterSchema = z
  .object({
    region: z.enum(REGION_CODES).optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    window: z.enum(WINDOW_NAMES as [WindowName, ...WindowName[]]).default('1h'),
  })
  .strict();

/** Buckets of a response-time span: 1 minute up to an hour, 5 minutes beyond (≤ 300 points). */
export function bucketMsFor(window: WindowName): number {
  return WINDOWS[window] > HOUR ? 5 * MINUTE : MINUTE;
}

/** Start (epoch ms) of the `bucketMs` bucket containing `at`; buckets are aligned to the epoch (clock time). */
export function bucketStart(at: number, bucketMs: number): number {
  return Math.floor(at / bucketMs) * bucketMs;
}

/** Log-scale bucket edges of the distribution: 1-2-5 steps from 30 s to 2 days. */
export const DISTRIBUTION_EDGES_MS: readonly number[] = [
  0,
  30_000,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  20 * MINUTE,
  50 * MINUTE,
  100 * MINUTE,
  200 * MINUTE,
  500 * MINUTE,
  1000 * MINUTE,
  2000 * MINUTE,
];

/** The rings a filter reads within a scope: one per key, merged by the callers. */
interface RingSource {
  rings(keys: readonly string[]): MinuteRing[];
  /** Keys of the filter's whole population (before splitting by region or category). */
  overall: string[];
  /** Keys of one region within the filter. */
  region(code: RegionCode): string[];
  /** Keys of one category within the filter. */
  category(code: CategoryCode): string[];
}

function ringSource(state: ProjectionState, scope: RegionScope, filter: AnalyticsFilter): RingSource {
  const scopeCodes: RegionCode[] = scope === 'all' ? REGIONS.map((r) => r.code) : [...scope];
  const regions = filter.region ? [filter.region] : scopeCodes;
  const national = scope === 'all' && !filter.region;
  const keysOf = (c: CategoryCode): string[] => (national ? [c] : regions.map((r) => regionCategoryKey(r, c)));
  // A category filter leaves no other category in the population (else the intake stacks exceed its total).
  const category = (c: CategoryCode): string[] => (filter.category && c !== filter.category ? [] : keysOf(c));
  return {
    rings: (keys) => keys.map((key) => state.metrics[key]).filter((ring): ring is MinuteRing => ring !== undefined),
    overall: filter.category ? category(filter.category) : national ? [ALL_KEY] : regions,
    region: (code) => [filter.category ? regionCategoryKey(code, filter.category) : code],
    category,
  };
}

/** Response-time series over `window` ending at `now`, bucketed by `bucketMsFor(window)`. */
export function responseTimeSeries(rings: readonly MinuteRing[], now: number, window: WindowName): ResponseTimeSeries {
  const bucketMs = bucketMsFor(window);
  const lastBucket = bucketStart(now, bucketMs);
  const count = Math.ceil(WINDOWS[window] / bucketMs);
  const firstBucket = lastBucket - (count - 1) * bucketMs;
  const histograms: Histogram[] = Array.from({ length: count }, () => createHistogram());
  let targetSum = 0;
  let responses = 0;
  for (const ring of rings) {
    for (const slot of slotsBetween(ring, minuteOf(firstBucket), minuteOf(now))) {
      const index = Math.floor((slot.minute * MINUTE - firstBucket) / bucketMs);
      mergeHistogram(histograms[index] as Histogram, slot.response);
      targetSum += slot.responseTargetMs;
      responses += slot.response.count;
    }
  }
  return {
    window,
    bucketMs,
    targetMs: responses === 0 ? null : Math.round(targetSum / responses),
    points: histograms.map((h, i) => ({
      t: firstBucket + i * bucketMs,
      count: h.count,
      p50: quantile(h, 0.5),
      p90: quantile(h, 0.9),
    })),
  };
}

/** Response times over the window, counted into `DISTRIBUTION_EDGES_MS` buckets. */
export function responseDistribution(
  rings: readonly MinuteRing[],
  now: number,
  window: WindowName,
): DistributionBucket[] {
  const { first, last } = windowMinutes(now, WINDOWS[window]);
  const buckets: DistributionBucket[] = DISTRIBUTION_EDGES_MS.map((fromMs, i) => ({
    fromMs,
    toMs: DISTRIBUTION_EDGES_MS[i + 1] ?? null,
    count: 0,
  }));
  const merged = createHistogram();
  for (const ring of rings) for (const slot of slotsBetween(ring, first, last)) mergeHistogram(merged, slot.response);
  for (const [value, count] of binEntries(merged)) (buckets[bucketIndex(value)] as DistributionBucket).count += count;
  return buckets;
}

function bucketIndex(ms: number): number {
  let index = 0;
  while (index + 1 < DISTRIBUTION_EDGES_MS.length && ms >= (DISTRIBUTION_EDGES_MS[index + 1] as number)) index += 1;
  return index;
}

function emptyChannels(): Record<Channel, number> {
  return Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
}

/** Appeals registered per hour over the last 24 h, split by channel and by category. */
export function intakeSeries(source: RingSource, now: number): IntakeSeries {
  const bucketMs = HOUR;
  const lastBucket = bucketStart(now, bucketMs);
  const firstBucket = lastBucket - 23 * bucketMs;
  const points: IntakePoint[] = Array.from({ length: 24 }, (_, i) => ({
    t: firstBucket + i * bucketMs,
    total: 0,
    byChannel: emptyChannels(),
    byCategory: {},
  }));
  const first = minuteOf(firstBucket);
  const last = minuteOf(now);
  for (const ring of source.rings(source.overall)) {
    for (const slot of slotsBetween(ring, first, last)) {
      const point = points[Math.floor((slot.minute * MINUTE - firstBucket) / bucketMs)] as IntakePoint;
      point.total += slot.registered;
      for (const channel of CHANNELS) point.byChannel[channel] += slot.channels[channel] ?? 0;
    }
  }
  const totals = new Map<CategoryCode, number>();
  for (const category of CATEGORY_CODES) {
    for (const ring of source.rings(source.category(category))) {
      for (const slot of slotsBetween(ring, first, last)) {
        if (slot.registered === 0) continue;
        const point = points[Math.floor((slot.minute * MINUTE - firstBucket) / bucketMs)] as IntakePoint;
        point.byCategory[category] = (point.byCategory[category] ?? 0) + slot.registered;
        totals.set(category, (totals.get(category) ?? 0) + slot.registered);
      }
    }
  }
  const categories = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  return { bucketMs, categories, points };
}

/** SLA compliance and first-call resolution over the last hour and the same hour yesterday. */
export function headline(rings: readonly MinuteRing[], now: number): Headline {
  const { first, last } = windowMinutes(now, HOUR);
  const day = 24 * 60;
  const current = summarizeMinutes(rings, first, last);
  const previous = summarizeMinutes(rings, first - day, last - day);
  return {
    responseSla: {
      value: current.responseSlaCompliance,
      previous: previous.responseSlaCompliance,
      count: current.response.count,
    },
    resolutionSla: {
      value: current.resolutionSlaCompliance,
      previous: previous.resolutionSlaCompliance,
      count: current.resolution.count,
    },
    firstCallResolution: {
      value: current.firstCallResolution,
      previous: previous.firstCallResolution,
      count: current.finished,
    },
  };
}

/** Per-region median response and compliance over the window, worst first. */
export function regionRows(
  source: RingSource,
  regions: readonly RegionCode[],
  now: number,
  window: WindowName,
): RegionRow[] {
  const { first, last } = windowMinutes(now, WINDOWS[window]);
  const rows = regions.map((region): RegionRow => {
    const summary = summarizeMinutes(source.rings(source.region(region)), first, last);
    const compliance = summary.responseSlaCompliance;
    return {
      region,
      responses: summary.response.count,
      p50: summary.response.p50,
      compliance,
      breach: compliance !== null && compliance < SLA_COMPLIANCE_GOAL,
    };
  });
  return rows.sort(
    (a, b) =>
      (a.compliance ?? 2) - (b.compliance ?? 2) || (b.p50 ?? -1) - (a.p50 ?? -1) || a.region.localeCompare(b.region),
  );
}

/** The response-time chart's series for a filter, over `filter.window` (the chart shows '24h'). */
export function responseTimesFor(
  state: ProjectionState,
  now: number,
  scope: RegionScope,
  filter: AnalyticsFilter,
): ResponseTimeSeries {
  const source = ringSource(state, scope, filter);
  return responseTimeSeries(source.rings(source.overall), now, filter.window);
}

/**
 * Every chart's series for `filter` within `scope` at `now`. `alerts` is the national
 * list (stamped by the server); the scope's and the filter region's are kept.
 */
export function computeAnalytics(
  state: ProjectionState,
  now: number,
  scope: RegionScope,
  filter: AnalyticsFilter,
  alerts: readonly Alert[],
): Analytics {
  const source = ringSource(state, scope, filter);
  const overall = source.rings(source.overall);
  const scopeCodes: RegionCode[] = scope === 'all' ? REGIONS.map((r) => r.code) : [...scope];
  const inScope = new Set<string>(filter.region ? [filter.region] : scopeCodes);
  return {
    asOf: now,
    cursor: state.cursor,
    filter,
    responseTimes: responseTimesFor(state, now, scope, { ...filter, window: '24h' }),
    regions: regionRows(source, filter.region ? [filter.region] : scopeCodes, now, filter.window),
    distribution: responseDistribution(overall, now, filter.window),
    intake: intakeSeries(source, now),
    headline: headline(overall, now),
    alerts: alerts.filter(
      (a) => inScope.has(a.region) && (!filter.category || a.category === filter.category || a.kind !== 'burst'),
    ),
  };
}

/** A region filter outside the scope is refused (the server answers 403). */
export function filterInScope(filter: AnalyticsFilter, scope: RegionScope): boolean {
  return scope === 'all' || filter.region === undefined || scope.includes(filter.region);
}

/** Cache key of a scope + filter: sockets and requests sharing it share one computation. */
export function analyticsKey(scope: RegionScope, filter: AnalyticsFilter): string {
  const regions = scope === 'all' ? 'all' : [...scope].sort().join(',');
  return `${regions}|${filter.region ?? ''}|${filter.category ?? ''}|${filter.window}`;
}
