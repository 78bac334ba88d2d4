import { quantile, type Histogram } from '../projection/histogram';
import type { Percentiles } from '../projection/windows';
import type { CohortCounts, FlowCounts } from './reportMetrics';

/**
 * A report's figures, named like `/api/stats` where the live KPIs have the same figure
 * (`registered`, `response`, `resolution`, `responseSlaCompliance`, `resolutionSlaCompliance`,
 * `firstCallResolution`, `open`, `overdue`, `legalOverdue`, `finished`, `solvedPositively`,
 * `awaitingConfirmation`, `ratingSum`, `ratingCount`). `flow`: events in the period;
 * `cohort`: the appeals registered in the period, as they stood at `asOf`.
 */
export interface ReportFigures {
  flow: Omit<FlowCounts, 'response' | 'resolution'> & {
    response: Percentiles;
    resolution: Percentiles;
    /** respondedOnTime / responded (operational clock), null when none. */
    responseSlaCompliance: number | null;
    /** resolvedOnTime / resolved (operational clock), null when none. */
    resolutionSlaCompliance: number | null;
    /** resolvedLegalOnTime / resolved (legal clock), null when none. */
    resolutionLegalCompliance: number | null;
    /** firstCall / finished, null when none. */
    firstCallResolution: number | null;
  };
  cohort: CohortCounts & {
    /** finishedOnTime / (finished + overdue): open past the target counts late (operational clock). */
    onTimeShare: number | null;
    /** finishedLegalOnTime / (finished + legalOverdue) (legal clock). */
    legalOnTimeShare: number | null;
    /** solvedPositively / finished: the centre's headline figure. */
    solvedPositivelyShare: number | null;
    /** ratingSum / ratingCount. */
    averageRating: number | null;
  };
}

export function percentilesOf(h: Histogram): Percentiles {
  return { count: h.count, p50: quantile(h, 0.5), p90: quantile(h, 0.9), p99: quantile(h, 0.99) };
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function reportFigures(flow: FlowCounts, cohort: CohortCounts): ReportFigures {
  const { response, resolution, ...counts } = flow;
  return {
    flow: {
      ...counts,
      response: percentilesOf(response),
      resolution: percentilesOf(resolution),
      responseSlaCompliance: share(flow.respondedOnTime, flow.responded),
      resolutionSlaCompliance: share(flow.resolvedOnTime, flow.resolved),
      resolutionLegalCompliance: share(flow.resolvedLegalOnTime, flow.resolved),
      firstCallResolution: share(flow.firstCall, flow.finished),
    },
    cohort: {
      ...cohort,
      onTimeShare: share(cohort.finishedOnTime, cohort.finished + cohort.overdue),
      legalOnTimeShare: share(cohort.finishedLegalOnTime, cohort.finished + cohort.legalOverdue),
      solvedPositivelyShare: share(cohort.solvedPositively, cohort.finished),
      averageRating: share(cohort.ratingSum, cohort.ratingCount),
    },
  };
}

export type MetricBasis = 'flow' | 'cohort';
export type MetricClock = 'operational' | 'legal' | 'none';

/** Every figure with its basis and clock: docs/reports.md prints this table, the report prints it too. */
export const REPORT_METRICS: ReadonlyArray<{ name: string; basis: MetricBasis; clock: MetricClock }> = [
  { name: 'flow.registered', basis: 'flow', clock: 'none' },
  { name: 'flow.responded', basis: 'flow', clock: 'none' },
  { name: 'flow.response', basis: 'flow', clock: 'none' },
  { name: 'flow.responseSlaCompliance', basis: 'flow', clock: 'operational' },
  { name: 'flow.resolved', basis: 'flow', clock: 'none' },
  { name: 'flow.resolution', basis: 'flow', clock: 'none' },
  { name: 'flow.resolutionSlaCompliance', basis: 'flow', clock: 'operational' },
  { name: 'flow.resolutionLegalCompliance', basis: 'flow', clock: 'legal' },
  { name: 'flow.finished', basis: 'flow', clock: 'none' },
  { name: 'flow.firstCallResolution', basis: 'flow', clock: 'none' },
  { name: 'flow.closed', basis: 'flow', clock: 'none' },
  { name: 'flow.rejected', basis: 'flow', clock: 'none' },
  { name: 'flow.reopened', basis: 'flow', clock: 'none' },
  { name: 'cohort.registered', basis: 'cohort', clock: 'none' },
  { name: 'cohort.open', basis: 'cohort', clock: 'none' },
  { name: 'cohort.overdue', basis: 'cohort', clock: 'operational' },
  { name: 'cohort.legalOverdue', basis: 'cohort', clock: 'legal' },
  { name: 'cohort.finished', basis: 'cohort', clock: 'none' },
  { name: 'cohort.onTimeShare', basis: 'cohort', clock: 'operational' },
  { name: 'cohort.legalOnTimeShare', basis: 'cohort', clock: 'legal' },
  { name: 'cohort.solvedPositively', basis: 'cohort', clock: 'none' },
  { name: 'cohort.solvedPositivelyShare', basis: 'cohort', clock: 'none' },
  { name: 'cohort.awaitingConfirmation', basis: 'cohort', clock: 'none' },
  { name: 'cohort.averageRating', basis: 'cohort', clock: 'none' },
];
