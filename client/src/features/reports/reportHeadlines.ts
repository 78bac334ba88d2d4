import { REPORT_METRICS, type MetricBasis, type MetricClock, type ReportFigures } from '@shared';

/**
 * The briefing's headline figures: which figure, how it reads, and which way is better.
 * Each names its metric in shared/src/reports/reportFigures.ts (`REPORT_METRICS`), whose
 * basis (flow / cohort) and clock the page prints beside it. Pure.
 */
export type FigureKind = 'count' | 'share' | 'duration';

export interface Headline {
  key:
    | 'registered'
    | 'resolved'
    | 'solvedPositively'
    | 'onTime'
    | 'legalOnTime'
    | 'medianResponse'
    | 'firstCall'
    | 'overdue';
  metric: string;
  kind: FigureKind;
  /** Which way is good news; null: neither (more appeals is not better or worse work). */
  better: 'up' | 'down' | null;
  value(figures: ReportFigures): number | null;
}

export const HEADLINES: readonly Headline[] = [
  { key: 'registered', metric: 'flow.registered', kind: 'count', better: null, value: (f) => f.flow.registered },
  { key: 'resolved', metric: 'flow.resolved', kind: 'count', better: 'up', value: (f) => f.flow.resolved },
  {
    key: 'solvedPositively',
    metric: 'cohort.solvedPositivelyShare',
    kind: 'share',
    better: 'up',
    value: (f) => f.cohort.solvedPositivelyShare,
  },
  { key: 'onTime', metric: 'cohort.onTimeShare', kind: 'share', better: 'up', value: (f) => f.cohort.onTimeShare },
  {
    key: 'legalOnTime',
    metric: 'cohort.legalOnTimeShare',
    kind: 'share',
    better: 'up',
    value: (f) => f.cohort.legalOnTimeShare,
  },
  {
    key: 'medianResponse',
    metric: 'flow.response',
    kind: 'duration',
    better: 'down',
    value: (f) => f.flow.response.p50,
  },
  {
    key: 'firstCall',
    metric: 'flow.firstCallResolution',
    kind: 'share',
    better: 'up',
    value: (f) => f.flow.firstCallResolution,
  },
  { key: 'overdue', metric: 'cohort.overdue', kind: 'count', better: 'down', value: (f) => f.cohort.overdue },
];

/** The basis and clock of a metric name (`flow.response` and its percentiles alike). */
export function metricOf(name: string): { basis: MetricBasis; clock: MetricClock } {
  const found = REPORT_METRICS.find((m) => m.name === name || name.startsWith(`${m.name}.`));
  return found ?? { basis: name.startsWith('cohort.') ? 'cohort' : 'flow', clock: 'none' };
}

export interface Change {
  /** Relative change (counts, durations) or the difference in points (shares, 0–1); null when not comparable. */
  delta: number | null;
  direction: 'up' | 'down' | 'same';
  /** Whether the change is good news, bad news, or neither. */
  tone: 'good' | 'bad' | 'neutral';
}

/** A figure against its comparison: shares by points, counts and durations by a relative change. */
export function changeOf(
  kind: FigureKind,
  better: Headline['better'],
  now: number | null,
  then: number | null,
): Change {
  if (now === null || then === null) return { delta: null, direction: 'same', tone: 'neutral' };
  // From nothing, a relative change has no size: none to none is no change, else not comparable.
  if (kind !== 'share' && then === 0) {
    return now === 0
      ? { delta: 0, direction: 'same', tone: 'neutral' }
      : { delta: null, direction: 'same', tone: 'neutral' };
  }
  const delta = kind === 'share' ? now - then : (now - then) / then;
  // Under half a point or half a percent reads as no change (the page rounds to whole ones).
  const direction = Math.abs(delta) < 0.005 ? 'same' : delta > 0 ? 'up' : 'down';
  const tone = better === null || direction === 'same' ? 'neutral' : direction === better ? 'good' : 'bad';
  return { delta, direction, tone };
}
