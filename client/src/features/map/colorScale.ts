import type { Stats } from '@shared';
import type { MapKpi } from './mapKpis';

/**
 * Fill colours from calm to alarming: dim teal and green, then amber, orange and red, so
 * the eye goes to trouble on the dark wall. Lightness rises with the steps up to amber and
 * the hue carries the rest; the legend names every step, so colour is never the only cue.
 */
export const STEP_COLORS = ['#1f5566', '#2e8b62', '#d8b035', '#ee7a2f', '#e8283f'] as const;
/** Shapes without figures: outside the user's regions, or before the first stats. */
export const NO_DATA_COLOR = '#2a323c';

/**
 * The response target the median is measured against: 60 min is the `normal` response
 * target of the utility categories (heating, water, electricity, lifts, snow, flooding)
 * that carry most appeals (shared/domain/categories.ts). Per-region targets would need
 * the category mix, which the stats do not carry.
 */
export const RESPONSE_TARGET_MS = 60 * 60_000;

/** Overdue share steps: 5 %, 10 %, 20 %, 35 %. */
const OVERDUE_STEPS = [0.05, 0.1, 0.2, 0.35] as const;
/** Median response as a share of the target: a quarter, half, three quarters, at or past it. */
const RESPONSE_STEPS = [0.25, 0.5, 0.75, 1] as const;
/** Load relative to the scope's average: the middle step is "about average" (±25 %). */
const LOAD_STEPS = [0.5, 0.8, 1.25, 2] as const;
/** Used for load while the scope's average is unknown or below 1 per 100k (a quiet start). */
const MIN_LOAD_AVERAGE = 1;

/** A colour scale: `thresholds` (ascending) cut values into `thresholds.length + 1` steps. */
export interface ColorScale {
  kpi: MapKpi;
  thresholds: readonly number[];
  colors: readonly string[];
  /**
   * Load only: the scope's average backlog per 100k the steps are built around (two
   * significant digits); null while it is unknown or below MIN_LOAD_AVERAGE, when the
   * steps are built around that minimum instead.
   */
  reference: number | null;
}

/** `value` rounded to two significant digits (legend numbers that do not flicker). */
export function roundSignificant(value: number, digits = 2): number {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)) : value;
}

/**
 * The scale for a KPI. Overdue share and response time have fixed steps: they mean the
 * same against any traffic. Backlog per 100k depends on the deployment's volume (a demo
 * at 5 appeals/s, a city centre, the whole country), so its steps are built around the
 * scope's own average load and rounded to two significant digits: the colours show where
 * load is unusually high or low, and the legend changes only when the average moves a lot.
 */
export function scaleFor(kpi: MapKpi, stats: Stats | null): ColorScale {
  switch (kpi) {
    case 'overdueShare':
      return { kpi, thresholds: OVERDUE_STEPS, colors: STEP_COLORS, reference: null };
    case 'medianResponse':
      return {
        kpi,
        thresholds: RESPONSE_STEPS.map((s) => s * RESPONSE_TARGET_MS),
        colors: STEP_COLORS,
        reference: null,
      };
    case 'load': {
      const actual = stats?.overall.loadPer100k ?? 0;
      const average = Math.max(MIN_LOAD_AVERAGE, actual);
      const reference = actual >= MIN_LOAD_AVERAGE ? roundSignificant(actual) : null;
      const thresholds = LOAD_STEPS.map((s) => roundSignificant(s * average));
      return { kpi, thresholds, colors: STEP_COLORS, reference };
    }
  }
}

/** The step a value falls in: 0 below the first threshold, n at or above the last. */
export function stepOf(thresholds: readonly number[], value: number): number {
  let step = 0;
  while (step < thresholds.length && value >= (thresholds[step] as number)) step += 1;
  return step;
}

/** The fill colour of a value (NO_DATA_COLOR for null). */
export function colorOf(scale: ColorScale, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA_COLOR;
  return scale.colors[Math.min(stepOf(scale.thresholds, value), scale.colors.length - 1)] ?? NO_DATA_COLOR;
}

/** One legend line: values from `from` (inclusive) to `to` (exclusive); null = open-ended. */
export interface LegendBucket {
  color: string;
  from: number | null;
  to: number | null;
}

/** The legend of a scale, lowest step first. */
export function legendBuckets(scale: ColorScale): LegendBucket[] {
  return scale.colors.map((color, i) => ({
    color,
    from: i === 0 ? null : (scale.thresholds[i - 1] ?? null),
    to: i < scale.thresholds.length ? (scale.thresholds[i] ?? null) : null,
  }));
}
