import {
  createCohortCounts,
  createFlowCounts,
  reportFigures,
  type RegionCode,
  type ReportFigures,
  type ReportSummary,
} from '@shared';
import type { FigureKind } from './reportHeadlines';

/** A column of the per-region table: its metric (basis and clock) and how it reads. */
export interface RegionColumn {
  key: 'registered' | 'resolved' | 'onTime' | 'legalOnTime' | 'solvedPositively' | 'medianResponse' | 'overdue';
  metric: string;
  kind: FigureKind;
  value(figures: ReportFigures): number | null;
}

export const REGION_COLUMNS: readonly RegionColumn[] = [
  { key: 'registered', metric: 'flow.registered', kind: 'count', value: (f) => f.flow.registered },
  { key: 'resolved', metric: 'flow.resolved', kind: 'count', value: (f) => f.flow.resolved },
  { key: 'onTime', metric: 'cohort.onTimeShare', kind: 'share', value: (f) => f.cohort.onTimeShare },
  { key: 'legalOnTime', metric: 'cohort.legalOnTimeShare', kind: 'share', value: (f) => f.cohort.legalOnTimeShare },
  {
    key: 'solvedPositively',
    metric: 'cohort.solvedPositivelyShare',
    kind: 'share',
    value: (f) => f.cohort.solvedPositivelyShare,
  },
  { key: 'medianResponse', metric: 'flow.response', kind: 'duration', value: (f) => f.flow.response.p50 },
  { key: 'overdue', metric: 'cohort.overdue', kind: 'count', value: (f) => f.cohort.overdue },
];

let empty: ReportFigures | null = null;
/** The figures of a region without a single appeal in the period: zeros and "—". */
export function emptyFigures(): ReportFigures {
  empty ??= reportFigures(createFlowCounts(), createCohortCounts());
  return empty;
}

/**
 * Every region the report covers (the caller's scope, or the one asked for: 20 since the
 * 2022 split for a national user), those without appeals included, in the order of `nameOf`.
 */
export function regionRows(
  summary: ReportSummary,
  nameOf: (code: RegionCode) => string,
): Array<{ region: RegionCode; name: string; figures: ReportFigures }> {
  const found = new Map(summary.byRegion.map((r) => [r.region, r.figures]));
  return summary.regions
    .map((region) => ({ region, name: nameOf(region), figures: found.get(region) ?? emptyFigures() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
