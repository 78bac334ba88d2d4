import { DEFAULT_ALERT_RULES } from '@shared';
import type { MapKpi } from './mapKpis';

/**
 * Fill colours from calm to alarming, one sequential ramp (plasma-like: slate blue,
 * magenta, orange, pale yellow) whose lightness rises at every step, so the order reads
 * without hue: under deuteranopia, protanopia or in greyscale the steps stay apart, and no
 * step leans on red against green. The legend names every step's numbers, so colour is
 * never the only cue. The dashboard, the region page and the wall all draw with this one
 * scale (MapPanel).
 */
export const STEP_COLORS = ['#25406f', '#8e4aa0', '#ec7a3e', '#fbe46a'] as const;
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
 * The backlog per 100k at which a region raises a backlog alert (`ALERT_BACKLOG_PER_100K`,
 * default 60). The browser gets the default from shared/: the server's configured value
 * is not sent to it, so a deployment that changes the variable shifts its alerts, not the
 * map's steps.
 */
export const LOAD_ALERT_PER_100K = DEFAULT_ALERT_RULES.backlogPer100k;

/**
 * A threshold just above zero: a share of exactly 0 stays in the first step, any overdue
 * appeal moves the region up (legendLabel prints it as "> 0").
 */
export const ABOVE_ZERO = Number.MIN_VALUE;

/**
 * Fixed steps, the same every day whatever the traffic:
 * - load: 25 %, 50 % and 100 % of the backlog alert threshold (15, 30, 60 per 100k);
 * - overdue share (operational target): none, some, 5 %, 15 %;
 * - overdue share (legal deadline): none, some, 1 %, 5 % (a legal deadline missed is a
 *   breach of the law, not a slow day: tighter steps);
 * - median response against the target: under half, half to the target, up to twice it,
 *   twice or more.
 */
export const FIXED_STEPS: Record<MapKpi, readonly number[]> = {
  load: [0.25, 0.5, 1].map((s) => s * LOAD_ALERT_PER_100K),
  overdueShare: [ABOVE_ZERO, 0.05, 0.15],
  overdueShareByLaw: [ABOVE_ZERO, 0.01, 0.05],
  medianResponse: [0.5, 1, 2].map((s) => s * RESPONSE_TARGET_MS),
};

/** How the steps are chosen: fixed (the default), or ranked (the regions' quartiles, an option). */
export const SCALE_MODES = ['fixed', 'ranked'] as const;
export type ScaleMode = (typeof SCALE_MODES)[number];
export const DEFAULT_SCALE_MODE: ScaleMode = 'fixed';

export function isScaleMode(value: unknown): value is ScaleMode {
  return typeof value === 'string' && (SCALE_MODES as readonly string[]).includes(value);
}

/** What the steps were made from: the fixed thresholds, or the regions' quartiles. */
export type ScaleBasis = 'fixed' | 'quantiles';

/** A colour scale: `thresholds` (ascending) cut values into `thresholds.length + 1` steps. */
export interface ColorScale {
  kpi: MapKpi;
  basis: ScaleBasis;
  thresholds: readonly number[];
  colors: readonly string[];
}

/** `value` rounded to two significant digits (legend numbers that do not flicker). */
export function roundSignificant(value: number, digits = 2): number {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)) : value;
}

/**
 * The roundest number in (lower, upper] that is a multiple of `minUnit`: the multiple of
 * the largest power of ten that has one there, nearest the middle; null when the gap holds
 * no multiple of `minUnit` (the legend could not tell the two values apart).
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

/** The legend's precision of a KPI value (kpiFormat): what two breaks must differ by at least. */
function resolutionOf(kpi: MapKpi): (value: number) => number {
  switch (kpi) {
    case 'load':
      return (value) => (value < 10 ? 0.1 : 1);
    case 'overdueShare':
    case 'overdueShareByLaw':
      return () => 0.01;
    case 'medianResponse':
      return () => 60_000;
  }
}

/**
 * Quantile breaks of the values (quartiles for four colours), each at the roundest number
 * (at the legend's precision) between the two values it separates; null when too few
 * distinct values can be told apart.
 */
export function quantileThresholds(
  values: readonly number[],
  resolution: (value: number) => number = resolutionOf('load'),
  steps: number = STEP_COLORS.length,
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
 * The scale for a KPI. By default the fixed steps (FIXED_STEPS): a colour means the same
 * number every day, so a colour changes only when the region's figure crosses a step.
 * `ranked` (an option of the dashboard's select) cuts at the quartiles of `values` (one
 * per shape with figures) instead, so the colours rank the regions; with too few distinct
 * values to rank it keeps the fixed steps.
 */
export function scaleFor(
  kpi: MapKpi,
  mode: ScaleMode = DEFAULT_SCALE_MODE,
  values: readonly number[] = [],
): ColorScale {
  if (mode === 'ranked') {
    const quantiles = quantileThresholds(values, resolutionOf(kpi));
    if (quantiles) return { kpi, basis: 'quantiles', thresholds: quantiles, colors: STEP_COLORS };
  }
  return { kpi, basis: 'fixed', thresholds: FIXED_STEPS[kpi], colors: STEP_COLORS };
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
