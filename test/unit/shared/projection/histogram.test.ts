import { describe, expect, it } from 'vitest';
import { addSample, createHistogram, mergeHistogram, quantile, type Histogram } from '@shared';
import { lognormalSamples, nearestRank } from '../factories';

const QS = [0.5, 0.9, 0.99] as const;

function histogramOf(values: readonly number[]): Histogram {
  const h = createHistogram();
  for (const v of values) addSample(h, v);
  return h;
}

function expectWithin(actual: number | null, expected: number, tolerance: number): void {
  expect(actual).not.toBeNull();
  const error = Math.abs((actual as number) - expected) / expected;
  expect(error, `${String(actual)} vs exact ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('createHistogram / quantile on an empty histogram', () => {
  it('starts empty and JSON-safe', () => {
    const h = createHistogram();
    expect(h).toEqual({ count: 0, sum: 0, min: 0, max: 0, bins: {} });
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
  });

  it.each([0.01, 0.5, 0.9, 0.99, 1])('returns null for q = %s', (q) => {
    expect(quantile(createHistogram(), q)).toBeNull();
  });
});

describe('one value', () => {
  it.each([0, 1, 999, 1000, 1234, 60_000, 17 * 60_000 + 321, 86_400_000, 7 * 86_400_000])(
    'reports %s ms exactly for every percentile',
    (ms) => {
      const h = histogramOf([ms]);
      for (const q of [0.01, ...QS, 1]) expect(quantile(h, q)).toBe(ms);
      expect(h).toMatchObject({ count: 1, sum: ms, min: ms, max: ms });
    },
  );

  it('reports all-equal samples exactly', () => {
    const h = histogramOf(Array.from({ length: 50 }, () => 123_456));
    for (const q of QS) expect(quantile(h, q)).toBe(123_456);
  });

  it('counts negative durations (out-of-order `at`) as 0', () => {
    const h = histogramOf([-5000]);
    expect(quantile(h, 0.5)).toBe(0);
    expect(h).toMatchObject({ count: 1, sum: 0, min: 0, max: 0 });
  });
});

describe('accuracy', () => {
  it.each([
    [1000, 20 * 60_000, 1.0, 1],
    [5000, 2 * 3_600_000, 1.5, 2],
    [333, 45_000, 0.6, 3],
    [20_000, 90 * 60_000, 1.2, 4],
  ])(
    '%s log-normal samples (median %s ms, σ %s, seed %s): p50/p90/p99 within ±2 %% of nearest rank',
    (n, median, sigma, seed) => {
      const values = lognormalSamples(n, median, sigma, seed);
      const h = histogramOf(values);
      expect(h.count).toBe(n);
      expect(h.min).toBe(Math.min(...values));
      expect(h.max).toBe(Math.max(...values));
      expect(h.sum).toBe(values.reduce((a, b) => a + b, 0));
      for (const q of QS) expectWithin(quantile(h, q), nearestRank(values, q), 0.02);
    },
  );

  it('holds the ±1 % its doc comment promises (bins grow by 2 %, value = geometric middle)', () => {
    const values = lognormalSamples(5000, 30 * 60_000, 1.3, 99);
    const h = histogramOf(values);
    for (const q of [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999]) {
      expectWithin(quantile(h, q), nearestRank(values, q), 0.01);
    }
  });

  it('is within ±2 % on a uniform spread from 1 s to 1 day', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 + i * 86_399);
    const h = histogramOf(values);
    for (const q of QS) expectWithin(quantile(h, q), nearestRank(values, q), 0.02);
  });

  it('clamps percentiles to the exact min and max', () => {
    const h = histogramOf([60_000, 60_100, 60_200]);
    expect(quantile(h, 1)).toBeLessThanOrEqual(60_200);
    expect(quantile(h, 0.01)).toBeGreaterThanOrEqual(60_000);
  });

  it('returns monotonically non-decreasing percentiles', () => {
    const h = histogramOf(lognormalSamples(2000, 600_000, 1.4, 7));
    let previous = -1;
    for (let q = 0.01; q <= 1; q += 0.01) {
      const value = quantile(h, q) as number;
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });

  it('uses nearest rank: p50 of two samples is the lower one, p99 of 100 samples is the 99th', () => {
    expectWithin(quantile(histogramOf([60_000, 600_000]), 0.5), 60_000, 0.01);
    const hundred = Array.from({ length: 100 }, (_, i) => (i + 1) * 60_000);
    expectWithin(quantile(histogramOf(hundred), 0.99), 99 * 60_000, 0.01);
    expectWithin(quantile(histogramOf(hundred), 0.9), 90 * 60_000, 0.01);
  });
});

describe('mergeHistogram', () => {
  it('equals one histogram fed with all the samples', () => {
    const a = lognormalSamples(700, 300_000, 1, 11);
    const b = lognormalSamples(300, 3_000_000, 0.5, 12);
    const merged = histogramOf(a);
    mergeHistogram(merged, histogramOf(b));
    const direct = histogramOf([...a, ...b]);
    expect(merged.count).toBe(direct.count);
    expect(merged.min).toBe(direct.min);
    expect(merged.max).toBe(direct.max);
    expect(merged.sum).toBeCloseTo(direct.sum, 6);
    expect(merged.bins).toEqual(direct.bins);
    for (const q of QS) {
      expect(quantile(merged, q)).toBe(quantile(direct, q));
      expectWithin(quantile(merged, q), nearestRank([...a, ...b], q), 0.02);
    }
  });

  it('into an empty histogram copies min and max (not the initial 0)', () => {
    const into = createHistogram();
    mergeHistogram(into, histogramOf([120_000, 180_000]));
    expect(into).toMatchObject({ count: 2, min: 120_000, max: 180_000, sum: 300_000 });
  });

  it('from an empty histogram changes nothing', () => {
    const into = histogramOf([120_000]);
    const before = structuredClone(into);
    mergeHistogram(into, createHistogram());
    expect(into).toEqual(before);
  });

  it('does not modify the source', () => {
    const from = histogramOf([1000, 2000]);
    const before = structuredClone(from);
    mergeHistogram(histogramOf([5]), from);
    expect(from).toEqual(before);
  });
});

describe('JSON round-trip', () => {
  it('keeps every percentile and keeps accepting samples afterwards', () => {
    const values = lognormalSamples(500, 900_000, 1.1, 21);
    const original = histogramOf(values);
    const copy = JSON.parse(JSON.stringify(original)) as Histogram;
    for (const q of QS) expect(quantile(copy, q)).toBe(quantile(original, q));

    const more = lognormalSamples(500, 900_000, 1.1, 22);
    for (const v of more) {
      addSample(copy, v);
      addSample(original, v);
    }
    expect(copy).toEqual(JSON.parse(JSON.stringify(original)));
    for (const q of QS) {
      expect(quantile(copy, q)).toBe(quantile(original, q));
      expectWithin(quantile(copy, q), nearestRank([...values, ...more], q), 0.02);
    }
  });

  it('round-trips an empty histogram that then takes its first sample exactly', () => {
    const copy = JSON.parse(JSON.stringify(createHistogram())) as Histogram;
    expect(quantile(copy, 0.5)).toBeNull();
    addSample(copy, 42_000);
    expect(quantile(copy, 0.5)).toBe(42_000);
  });

  it('merges round-tripped histograms (string bin keys)', () => {
    const a = JSON.parse(JSON.stringify(histogramOf([10_000, 20_000]))) as Histogram;
    const b = JSON.parse(JSON.stringify(histogramOf([30_000]))) as Histogram;
    mergeHistogram(a, b);
    expect(a.count).toBe(3);
    expect(a.max).toBe(30_000);
    expectWithin(quantile(a, 1), 30_000, 0.01);
    expect(Object.values(a.bins).reduce((s, n) => s + n, 0)).toBe(3);
  });
});
