import type { CategoryCode } from '../domain/categories';
import type { Channel } from '../domain/enums';
import type { RegionCode } from '../domain/regions';
import type { WindowName } from '../projection/windows';
import type { Alert } from './alerts';
import type { AnalyticsFilter } from './analytics';

/** The shapes of the charts' series (computed in analytics.ts), as the socket and the API carry them. */

/** One time bucket of the response-time chart. `t` is its start (epoch ms). */
export interface ResponsePoint {
  t: number;
  /** Responses in the bucket. */
  count: number;
  p50: number | null;
  p90: number | null;
}

export interface ResponseTimeSeries {
  window: WindowName;
  bucketMs: number;
  /** Mean response target (ms) of the responses in the span: the chart's SLA line; null without responses. */
  targetMs: number | null;
  points: ResponsePoint[];
}

export interface RegionRow {
  region: RegionCode;
  responses: number;
  p50: number | null;
  /** Share (0–1) of responses within target; null without responses. */
  compliance: number | null;
  /** Compliance below `SLA_COMPLIANCE_GOAL`. */
  breach: boolean;
}

/**
 * One bucket of the response-time distribution. Durations are counted from the histogram's
 * 2 % bins, so a duration within 1 % of an edge may land in the bucket beside it.
 */
export interface DistributionBucket {
  /** Lower bound, inclusive (ms). */
  fromMs: number;
  /** Upper bound, exclusive (ms); null for the last, open bucket. */
  toMs: number | null;
  count: number;
}

export interface IntakePoint {
  t: number;
  total: number;
  byChannel: Record<Channel, number>;
  byCategory: Partial<Record<CategoryCode, number>>;
}

export interface IntakeSeries {
  bucketMs: number;
  /** Categories that had any appeal in the span, busiest first (the stack order). */
  categories: CategoryCode[];
  points: IntakePoint[];
}

/** A figure for the last hour beside the same hour yesterday, for the trend arrows. */
export interface Trend {
  value: number | null;
  /** The same 60 minutes 24 h earlier. */
  previous: number | null;
  /** How many cases the value is a share of (responses, resolutions, finished appeals). */
  count: number;
}

export interface Headline {
  responseSla: Trend;
  resolutionSla: Trend;
  firstCallResolution: Trend;
}

/** Everything the charts draw, for one filter within one scope. */
export interface Analytics {
  /** The clock reading it was computed at (epoch ms): the panels' "as of". */
  asOf: number;
  cursor: string;
  filter: AnalyticsFilter;
  /** The last 24 h in 5-minute buckets. */
  responseTimes: ResponseTimeSeries;
  /** Regions of the scope over `filter.window`, worst compliance first (no responses last). */
  regions: RegionRow[];
  /** Response times over `filter.window`. */
  distribution: DistributionBucket[];
  /** The last 24 h in 1-hour buckets. */
  intake: IntakeSeries;
  headline: Headline;
  /** Alerts in the scope (and the filter's region), most urgent first. */
  alerts: Alert[];
}
