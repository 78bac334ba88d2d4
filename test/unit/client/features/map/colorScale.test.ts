import type { Stats } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  colorOf,
  legendBuckets,
  NO_DATA_COLOR,
  RESPONSE_TARGET_MS,
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

describe('scaleFor', () => {
  it('has fixed steps for overdue share and for response time against the 60 min target', () => {
    expect(scaleFor('overdueShare', null).thresholds).toEqual([0.05, 0.1, 0.2, 0.35]);
    expect(RESPONSE_TARGET_MS).toBe(3_600_000);
    expect(scaleFor('medianResponse', null).thresholds).toEqual([15, 30, 45, 60].map((m) => m * 60_000));
  });

  it('builds the load steps around the scope average, in two significant digits', () => {
    const scale = scaleFor('load', statsWithLoad(137.4));
    expect(scale.reference).toBe(140);
    expect(scale.thresholds).toEqual([69, 110, 170, 270]);
    // An average region is in the middle step.
    expect(colorOf(scale, 137.4)).toBe(STEP_COLORS[2]);
  });

  it('keeps sensible load steps with no backlog yet', () => {
    for (const stats of [null, statsWithLoad(null), statsWithLoad(0), statsWithLoad(0.6)]) {
      expect(scaleFor('load', stats).thresholds).toEqual([0.5, 0.8, 1.3, 2]);
      // The legend does not claim an average the steps are not built around.
      expect(scaleFor('load', stats).reference).toBeNull();
    }
    expect(colorOf(scaleFor('load', statsWithLoad(0)), 0)).toBe(STEP_COLORS[0]);
  });
});

describe('colorOf', () => {
  it('colours by step and leaves unknown values grey', () => {
    const scale = scaleFor('overdueShare', null);
    expect(colorOf(scale, 0)).toBe(STEP_COLORS[0]);
    expect(colorOf(scale, 0.12)).toBe(STEP_COLORS[2]);
    expect(colorOf(scale, 0.9)).toBe(STEP_COLORS[4]);
    expect(colorOf(scale, null)).toBe(NO_DATA_COLOR);
    expect(colorOf(scale, Number.NaN)).toBe(NO_DATA_COLOR);
  });
});

describe('legendBuckets', () => {
  it('lists every step with its range, open-ended at both ends', () => {
    expect(legendBuckets(scaleFor('overdueShare', null))).toEqual([
      { color: STEP_COLORS[0], from: null, to: 0.05 },
      { color: STEP_COLORS[1], from: 0.05, to: 0.1 },
      { color: STEP_COLORS[2], from: 0.1, to: 0.2 },
      { color: STEP_COLORS[3], from: 0.2, to: 0.35 },
      { color: STEP_COLORS[4], from: 0.35, to: null },
    ]);
  });
});

describe('roundSignificant', () => {
  it('rounds to two significant digits', () => {
    expect([1234, 0.0567, 99.6, 5, 0].map((v) => roundSignificant(v))).toEqual([1200, 0.057, 100, 5, 0]);
  });
});
