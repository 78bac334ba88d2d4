import type { Stats } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  colorOf,
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

const statsWithLoad = (loadPer100k: number | null) => ({ overall: { loadPer100k } }) as unknown as Stats;

describe('stepOf', () => {
  it('puts a threshold value in the step above it', () => {
    const thresholds = [1, 2, 3, 4];
    expect([0, 0.99, 1, 2.5, 4, 100].map((v) => stepOf(thresholds, v))).toEqual([0, 0, 1, 2, 4, 4]);
  });
});

/**
 * Backlog per 100k of the 17 built-in shapes after 8 simulated hours of demo traffic
 * (server/src/simulator at 5 appeals/s): oblasts within ±6 % of each other, the three
 * cities higher. The old steps (0.5–2× the average of 411) put 14 shapes in the middle colour.
 */
const DEMO_LOADS = [372, 366, 359, 369, 373, 381, 367, 367, 367, 379, 377, 357, 397, 384, 534, 514, 545];

describe('scaleFor', () => {
  it('has fixed steps for overdue share and for response time against the 60 min target', () => {
    expect(scaleFor('overdueShare', null)).toMatchObject({ basis: 'fixed', thresholds: [0.01, 0.02, 0.05, 0.1] });
    expect(RESPONSE_TARGET_MS).toBe(3_600_000);
    expect(scaleFor('medianResponse', null).thresholds).toEqual([10, 20, 30, 60].map((m) => m * 60_000));
  });

  it('spreads the regions’ loads over every colour (quintiles at round numbers)', () => {
    const scale = scaleFor('load', statsWithLoad(411.2), DEMO_LOADS);
    expect(scale).toMatchObject({ basis: 'quantiles', reference: 410 });
    const perStep = STEP_COLORS.map((color) => DEMO_LOADS.filter((v) => colorOf(scale, v) === color).length);
    expect(perStep.every((n) => n >= 2 && n <= 5)).toBe(true);
    // The cities stand out in the top colour; the legend numbers are round.
    for (const city of [514, 534, 545]) expect(colorOf(scale, city)).toBe(STEP_COLORS[4]);
    expect(scale.thresholds).toEqual([367, 370, 378, 500]);
  });

  it('builds the load steps around the scope average when there are too few regions to rank', () => {
    const scale = scaleFor('load', statsWithLoad(137.4), [120, 150]);
    expect(scale).toMatchObject({ basis: 'average', reference: 140 });
    expect(scale.thresholds).toEqual([69, 110, 170, 270]);
    // An average region is in the middle step.
    expect(colorOf(scale, 137.4)).toBe(STEP_COLORS[2]);
  });

  it('keeps sensible load steps with no backlog yet', () => {
    for (const stats of [null, statsWithLoad(null), statsWithLoad(0), statsWithLoad(0.6)]) {
      expect(scaleFor('load', stats, [0, 0, 0, 0, 0]).thresholds).toEqual([0.5, 0.8, 1.3, 2]);
      // The legend does not claim an average the steps are not built around.
      expect(scaleFor('load', stats).reference).toBeNull();
    }
    expect(colorOf(scaleFor('load', statsWithLoad(0)), 0)).toBe(STEP_COLORS[0]);
  });
});

describe('quantileThresholds', () => {
  it('cuts between distinct values only, and gives up below five of them', () => {
    expect(quantileThresholds([1, 2, 3, 4, 5])).toEqual([2, 3, 4, 5]);
    expect(quantileThresholds([11, 11, 11, 12, 13, 14, 15, 15])).toEqual([12, 13, 14, 15]);
    expect(quantileThresholds([1, 1, 2, 3, 4])).toBeNull();
    expect(quantileThresholds([])).toBeNull();
  });

  it('puts every value on the side of each break the ranking says', () => {
    const values = [0.4, 12.5, 13, 13.1, 13.2, 40, 41, 90, 91, 200];
    const thresholds = quantileThresholds(values) ?? [];
    expect(thresholds).toHaveLength(4);
    expect([...thresholds].sort((a, b) => a - b)).toEqual(thresholds);
    expect(new Set(values.map((v) => stepOf(thresholds, v))).size).toBe(5);
  });

  it('only breaks where the legend can tell the two sides apart (whole numbers from 10 up)', () => {
    // Loads all within 2 % of 100: fractional breaks would print as "102 – 102".
    const flat = [99.6, 99.9, 100.2, 100.4, 100.7, 101.1, 101.3, 101.6, 101.8, 102.2, 102.4, 103.1, 103.6, 104.2];
    const thresholds = quantileThresholds(flat) ?? [];
    expect(thresholds.every(Number.isInteger)).toBe(true);
    expect(new Set(thresholds).size).toBe(4);
    expect(quantileThresholds([100.1, 100.2, 100.3, 100.4, 100.5, 100.6])).toBeNull();
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
    const scale = scaleFor('overdueShare', null);
    expect(colorOf(scale, 0)).toBe(STEP_COLORS[0]);
    expect(colorOf(scale, 0.03)).toBe(STEP_COLORS[2]);
    expect(colorOf(scale, 0.9)).toBe(STEP_COLORS[4]);
    expect(colorOf(scale, null)).toBe(NO_DATA_COLOR);
    expect(colorOf(scale, Number.NaN)).toBe(NO_DATA_COLOR);
  });
});

describe('legendBuckets', () => {
  it('lists every step with its range, open-ended at both ends', () => {
    expect(legendBuckets(scaleFor('overdueShare', null))).toEqual([
      { color: STEP_COLORS[0], from: null, to: 0.01 },
      { color: STEP_COLORS[1], from: 0.01, to: 0.02 },
      { color: STEP_COLORS[2], from: 0.02, to: 0.05 },
      { color: STEP_COLORS[3], from: 0.05, to: 0.1 },
      { color: STEP_COLORS[4], from: 0.1, to: null },
    ]);
  });
});

describe('roundSignificant', () => {
  it('rounds to two significant digits', () => {
    expect([1234, 0.0567, 99.6, 5, 0].map((v) => roundSignificant(v))).toEqual([1200, 0.057, 100, 5, 0]);
  });
});
