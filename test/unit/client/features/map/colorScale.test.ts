import { DEFAULT_ALERT_RULES } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  colorOf,
  FIXED_STEPS,
  legendBuckets,
  NO_DATA_COLOR,
  quantileThresholds,
  RESPONSE_TARGET_MS,
  roundestBetween,
  roundSignificant,
  scaleFor,
  STEP_COLORS,
  stepOf,
} from '../../../../../client/src/features/map/colorScale';
import { MAP_KPIS } from '../../../../../client/src/features/map/mapKpis';

describe('stepOf', () => {
  it('puts a threshold value in the step above it', () => {
    const thresholds = [1, 2, 3, 4];
    expect([0, 0.99, 1, 2.5, 4, 100].map((v) => stepOf(thresholds, v))).toEqual([0, 0, 1, 2, 4, 4]);
  });
});

/**
 * Backlog per 100k of the 17 built-in shapes after 8 simulated hours of demo traffic
 * (server/src/simulator at 5 appeals/s): oblasts within ±6 % of each other, the three cities higher.
 */
const DEMO_LOADS = [372, 366, 359, 369, 373, 381, 367, 367, 367, 379, 377, 357, 397, 384, 534, 514, 545];

/** Relative luminance (WCAG) of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * A colour as a deuteranope (Machado et al. 2009, severity 1) or protanope sees it, in
 * linear RGB, then its luminance: the steps must stay apart for them too.
 */
function simulatedLuminance(hex: string, matrix: readonly number[]): number {
  const lin = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const out = [0, 1, 2].map((row) =>
    Math.min(
      1,
      Math.max(
        0,
        lin.reduce((sum, v, col) => sum + v * (matrix[row * 3 + col] as number), 0),
      ),
    ),
  ) as [number, number, number];
  return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2];
}
const DEUTERANOPIA = [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881];
const PROTANOPIA = [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998];

describe('scaleFor (fixed, the default)', () => {
  it('cuts load at 25, 50 and 100 % of the backlog alert threshold', () => {
    const alert = DEFAULT_ALERT_RULES.backlogPer100k;
    expect(scaleFor('load')).toMatchObject({ basis: 'fixed', thresholds: [alert / 4, alert / 2, alert] });
    expect(colorOf(scaleFor('load'), alert - 0.1)).toBe(STEP_COLORS[2]);
    expect(colorOf(scaleFor('load'), alert)).toBe(STEP_COLORS[3]);
  });

  it('cuts overdue at none / some / 5 % / 15 % (operational) and none / some / 1 % / 5 % (legal)', () => {
    const operational = scaleFor('overdueShare');
    expect([0, 1 / 2161, 0.049, 0.05, 0.149, 0.15, 1].map((v) => stepOf(operational.thresholds, v))).toEqual([
      0, 1, 1, 2, 2, 3, 3,
    ]);
    const legal = scaleFor('overdueShareByLaw');
    expect([0, 0.005, 0.01, 0.05].map((v) => stepOf(legal.thresholds, v))).toEqual([0, 1, 2, 3]);
  });

  it('cuts the median response at half the target, the target and twice it', () => {
    expect(RESPONSE_TARGET_MS).toBe(3_600_000);
    expect(scaleFor('medianResponse').thresholds).toEqual([30, 60, 120].map((m) => m * 60_000));
  });

  it('gives the same value the same colour whatever the other regions show (no ranking by default)', () => {
    for (const kpi of MAP_KPIS) {
      const quiet = scaleFor(kpi, 'fixed', [0, 0, 0, 0, 0]);
      const busy = scaleFor(kpi, 'fixed', DEMO_LOADS);
      const otherDay = scaleFor(
        kpi,
        undefined,
        DEMO_LOADS.map((v) => v * 3),
      );
      expect(busy).toEqual(quiet);
      expect(otherDay).toEqual(quiet);
      expect(quiet.basis).toBe('fixed');
      expect(quiet.thresholds).toBe(FIXED_STEPS[kpi]);
    }
    // 5 of 2,161 overdue is one step above none, never the top colour.
    expect(colorOf(scaleFor('overdueShare'), 5 / 2161)).toBe(STEP_COLORS[1]);
  });
});

describe('scaleFor (ranked, an option)', () => {
  it('spreads the regions over the colours at their quartiles', () => {
    const scale = scaleFor('load', 'ranked', DEMO_LOADS);
    expect(scale.basis).toBe('quantiles');
    const perStep = STEP_COLORS.map((color) => DEMO_LOADS.filter((v) => colorOf(scale, v) === color).length);
    expect(perStep.every((n) => n >= 3 && n <= 6)).toBe(true);
    for (const city of [514, 534, 545]) expect(colorOf(scale, city)).toBe(STEP_COLORS[3]);
  });

  it('keeps the fixed steps when there are too few regions to rank', () => {
    expect(scaleFor('load', 'ranked', [120, 150])).toEqual(scaleFor('load'));
  });
});

describe('the palette', () => {
  it('gets lighter at every step, for normal vision and under deuteranopia and protanopia', () => {
    for (const see of [
      luminance,
      (c: string) => simulatedLuminance(c, DEUTERANOPIA),
      (c: string) => simulatedLuminance(c, PROTANOPIA),
    ]) {
      const values = STEP_COLORS.map(see);
      // Luminance contrast between neighbours at least 1.5: told apart without hue.
      const ratios = values.slice(1).map((value, i) => (value + 0.05) / ((values[i] ?? 0) + 0.05));
      for (const ratio of ratios) expect(ratio).toBeGreaterThan(1.5);
    }
  });
});

describe('quantileThresholds', () => {
  it('cuts between distinct values only, and gives up below enough of them', () => {
    expect(quantileThresholds([1, 2, 3, 4, 5], undefined, 5)).toEqual([2, 3, 4, 5]);
    expect(quantileThresholds([11, 11, 11, 12, 13, 14, 15, 15], undefined, 5)).toEqual([12, 13, 14, 15]);
    expect(quantileThresholds([1, 1, 2, 3, 4], undefined, 5)).toBeNull();
    expect(quantileThresholds([])).toBeNull();
  });

  it('puts every value on the side of each break the ranking says', () => {
    const values = [0.4, 12.5, 13, 13.1, 13.2, 40, 41, 90, 91, 200];
    const thresholds = quantileThresholds(values, undefined, 5) ?? [];
    expect(thresholds).toHaveLength(4);
    expect([...thresholds].sort((a, b) => a - b)).toEqual(thresholds);
    expect(new Set(values.map((v) => stepOf(thresholds, v))).size).toBe(5);
  });

  it('only breaks where the legend can tell the two sides apart (whole numbers from 10 up)', () => {
    // Loads all within 2 % of 100: fractional breaks would print as "102 – 102".
    const flat = [99.6, 99.9, 100.2, 100.4, 100.7, 101.1, 101.3, 101.6, 101.8, 102.2, 102.4, 103.1, 103.6, 104.2];
    const thresholds = quantileThresholds(flat, undefined, 5) ?? [];
    expect(thresholds.every(Number.isInteger)).toBe(true);
    expect(new Set(thresholds).size).toBe(4);
    expect(quantileThresholds([100.1, 100.2, 100.3, 100.4, 100.5, 100.6], undefined, 5)).toBeNull();
  });
});

describe('roundestBetween', () => {
  it('finds the roundest number above the lower value and up to the upper one', () => {
    expect(roundestBetween(397, 514)).toBe(500);
    expect(roundestBetween(367, 369)).toBe(368);
    expect(roundestBetween(0.012, 0.05)).toBe(0.03);
    expect(roundestBetween(5, 5.04)).toBe(5.02);
    expect(roundestBetween(99, 100)).toBe(100);
    expect(roundestBetween(0, 0.4)).toBe(0.2);
  });

  it('keeps to a smallest unit, or finds nothing', () => {
    expect(roundestBetween(101.3, 101.9, 1)).toBeNull();
    expect(roundestBetween(101.3, 102.2, 1)).toBe(102);
    expect(roundestBetween(4.31, 4.38, 0.1)).toBeNull();
    expect(roundestBetween(4, 4, 0.1)).toBeNull();
  });
});

describe('colorOf', () => {
  it('colours by step and leaves unknown values grey', () => {
    const scale = scaleFor('overdueShare');
    expect(colorOf(scale, 0)).toBe(STEP_COLORS[0]);
    expect(colorOf(scale, 0.07)).toBe(STEP_COLORS[2]);
    expect(colorOf(scale, 0.9)).toBe(STEP_COLORS[3]);
    expect(colorOf(scale, null)).toBe(NO_DATA_COLOR);
    expect(colorOf(scale, Number.NaN)).toBe(NO_DATA_COLOR);
  });
});

describe('legendBuckets', () => {
  it('lists every step with its range, open-ended at both ends', () => {
    expect(legendBuckets(scaleFor('load'))).toEqual([
      { color: STEP_COLORS[0], from: null, to: 15 },
      { color: STEP_COLORS[1], from: 15, to: 30 },
      { color: STEP_COLORS[2], from: 30, to: 60 },
      { color: STEP_COLORS[3], from: 60, to: null },
    ]);
  });
});

describe('roundSignificant', () => {
  it('rounds to two significant digits', () => {
    expect([1234, 0.0567, 99.6, 5, 0].map((v) => roundSignificant(v))).toEqual([1200, 0.057, 100, 5, 0]);
  });
});
