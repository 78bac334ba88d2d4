import type { RegionCode, RegionShapeMeta, ReportSummary } from '@shared';
import { NO_DATA_COLOR, STEP_COLORS } from '../map/colorScale';

/**
 * The briefing map's colours: each shape by the period's on-time share (`cohort.onTimeShare`,
 * operational clock: finished on time / finished + open past the target at the report's
 * moment). Fixed steps, like the wall's map, so a colour means the same share in every
 * report: ≥ 95 %, 85–95 %, 70–85 %, under 70 %. The wall's ramp (calm → alarming, its
 * lightness rising at each step) is used the same way round, so the steps stay apart in
 * black and white. Pure.
 */
export const ON_TIME_STEPS = [0.95, 0.85, 0.7] as const;

/** The step of a share: 0 (≥ 95 %, calm) … 3 (under 70 %); null without a figure. */
export function onTimeStep(share: number | null): number | null {
  if (share === null) return null;
  const index = ON_TIME_STEPS.findIndex((threshold) => share >= threshold);
  return index === -1 ? ON_TIME_STEPS.length : index;
}

export function onTimeColor(share: number | null): string {
  const step = onTimeStep(share);
  return step === null ? NO_DATA_COLOR : (STEP_COLORS[step] ?? NO_DATA_COLOR);
}

/**
 * The on-time share of each map shape: summed over the regions it shows (Abai inside East
 * Kazakhstan on the built-in layer) from the regions' cohort counts, never an average of
 * shares; null for a shape with no finished or overdue appeal in the report's scope.
 */
export function shapeOnTime(
  shapes: readonly Pick<RegionShapeMeta, 'code' | 'includes'>[],
  summary: ReportSummary,
): Map<string, number | null> {
  const byRegion = new Map<RegionCode, ReportSummary['byRegion'][number]['figures']>(
    summary.byRegion.map((r) => [r.region, r.figures]),
  );
  const shares = new Map<string, number | null>();
  for (const shape of shapes) {
    let onTime = 0;
    let whole = 0;
    for (const region of shape.includes) {
      const cohort = byRegion.get(region)?.cohort;
      if (!cohort) continue;
      onTime += cohort.finishedOnTime;
      whole += cohort.finished + cohort.overdue;
    }
    shares.set(shape.code, whole === 0 ? null : onTime / whole);
  }
  return shares;
}
