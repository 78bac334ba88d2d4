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

/**
 * Overdue share steps: 1 %, 2 %, 5 %, 10 % (whole percentages, as the legend prints them).
 * A service keeping 99 % of appeals in time is calm; a few percent past the target is
 * worth a look, a tenth is red. (Steps of 5–35 % left every region of a normal day, at
 * 0.5–1.5 % overdue, in the lowest colour.)
 */
const OVERDUE_STEPS = [0.01, 0.02, 0.05, 0.1] as const;
/**
 * Median response as a share of the target: a sixth (10 min), a third, half, at or past
 * it (red). Medians of a normal day run 10–45 min; quarter steps put most regions in one
 * colour.
 */
const RESPONSE_STEPS = [1 / 6, 1 / 3, 1 / 2, 1] as const;
/** Load relative to the scope's average, for too few regions to rank: the middle step is "about average". */
const LOAD_STEPS = [0.5, 0.8, 1.25, 2] as const;
/** Used for load while the scope's average is unknown or below 1 per 100k (a quiet start). */
const MIN_LOAD_AVERAGE = 1;

/**
 * How the steps were made: fixed for the KPI; around the scope's average; or at the
 * regions' quintiles (each colour about a fifth of the regions).
 */
export type ScaleBasis = 'fixed' | 'average' | 'quantiles';

/** A colour scale: `thresholds` (ascending) cut values into `thresholds.length + 1` steps. */
export interface ColorScale {
  kpi: MapKpi;
  basis: ScaleBasis;
  thresholds: readonly number[];
  colors: readonly string[];
  /**
   * Load only: the scope's average backlog per 100k (two significant digits); null while it
   * is unknown or below MIN_LOAD_AVERAGE, when the steps are built around that minimum.
   */
  reference: number | null;
}

/** `value` rounded to two significant digits (legend numbers that do not flicker). */
export function roundSignificant(value: number, digits = 2): number {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)) : value;
}

/**
 * The roundest number in (lower, upper] that is a multiple of `minUnit`: the multiple of
 * the largest power of ten that has one there, nearest the middle; null when the gap holds
 * no multiple of `minUnit` (the legend could not tell the two values apart). A break
 * anywhere in the gap sorts the values the same; a round one reads well in the legend
 * and stays put while the figures move within the gap.
 */
export function roundestBetween(lower: number, upper: number, minUnit = 1e-9): number | null {
  if (!(upper > lower)) return null;
  const middle = (lower + upper) / 2;
  const top = Math.ceil(Math.log10(Math.max(Math.abs(lower), Math.abs(upper), minUnit)));
  for (let exponent = top; 10 ** exponent >= minUnit * 0.999; exponent -= 1) {
    const unit = 10 ** exponent;
    const first = Math.floor(lower / unit + 1e-9) + 1;
    if (first * unit > upper + unit * 1e-9) continue;
    const last = Math.floor(upper / unit + 1e-9);
    const best = Math.min(last, Math.max(first, Math.round(middle / unit)));
    return Number((best * unit).toPrecision(12));
  }
  return null;
}

/** Legend precision of a load (kpiFormat.formatLoad): tenths below 10, whole numbers above. */
const loadResolution = (value: number): number => (value < 10 ? 0.1 : 1);

/**
 * Quintile breaks of the values, each at the roundest number (at the legend's precision)
 * between the two values it separates; null when fewer than five distinct values can be
 * told apart.
 */
export function quantileThresholds(
  values: readonly number[],
  resolution: (value: number) => number = loadResolution,
  steps = STEP_COLORS.length,
): number[] | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  // Usable gaps: a break between sorted[g - 1] and sorted[g] puts g values below it.
  const gaps: { below: number; at: number }[] = [];
  for (let g = 1; g < sorted.length; g += 1) {
    const lower = sorted[g - 1] as number;
    const upper = sorted[g] as number;
    const at = roundestBetween(lower, upper, resolution(upper));
    if (at !== null) gaps.push({ below: g, at });
  }
  if (gaps.length < steps - 1) return null;
  const chosen: number[] = [];
  let from = 0;
  for (let k = 1; k < steps; k += 1) {
    const target = (k * sorted.length) / steps;
    // The gap nearest the target, leaving one for each break still to place.
    const last = gaps.length - (steps - 1 - k) - 1;
    let best = from;
    for (let i = from; i <= last; i += 1) {
      const distance = Math.abs((gaps[i] as { below: number }).below - target);
      if (distance < Math.abs((gaps[best] as { below: number }).below - target)) best = i;
    }
    chosen.push((gaps[best] as { at: number }).at);
    from = best + 1;
  }
  return chosen;
}

/**
 * The scale for a KPI. Overdue share and response time have fixed steps: they mean the
 * same against any traffic. Backlog per 100k depends on the deployment's volume (a demo
 * at 5 appeals/s, a city centre, the whole country) and is much the same in most regions
 * (populations-weighted traffic), so steps around the average left nearly every region in
 * the middle colour: its steps are the quintiles of the regions' own loads (`loads`, one
 * per shape with figures), so the colours rank the regions and the legend gives the
 * numbers. With fewer than five distinct loads (a supervisor's two regions) the steps
 * are built around the scope's average instead.
 */
export function scaleFor(kpi: MapKpi, stats: Stats | null, loads: readonly number[] = []): ColorScale {
  switch (kpi) {
    case 'overdueShare':
      return { kpi, basis: 'fixed', thresholds: OVERDUE_STEPS, colors: STEP_COLORS, reference: null };
    case 'medianResponse':
      return {
        kpi,
        basis: 'fixed',
        thresholds: RESPONSE_STEPS.map((s) => Math.round(s * RESPONSE_TARGET_MS)),
        colors: STEP_COLORS,
        reference: null,
      };
    case 'load': {
      const actual = stats?.overall.loadPer100k ?? 0;
      const reference = actual >= MIN_LOAD_AVERAGE ? roundSignificant(actual) : null;
      const quantiles = quantileThresholds(loads);
      if (quantiles) return { kpi, basis: 'quantiles', thresholds: quantiles, colors: STEP_COLORS, reference };
      const average = Math.max(MIN_LOAD_AVERAGE, actual);
      const thresholds = LOAD_STEPS.map((s) => roundSignificant(s * average));
      return { kpi, basis: 'average', thresholds, colors: STEP_COLORS, reference };
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
