/**
 * A sparse logarithmic histogram of durations. Bins grow by 2 % so any percentile read
 * from it is within ±1 % of the true sample value; min and max are kept exactly so a
 * window with one sample (or all-equal samples) reports that value exactly.
 * Plain data (no class) so it serialises to JSON as is.
 */
export interface Histogram {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** bin index → samples in it */
  bins: Record<number, number>;
}

const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Durations under one second share bin 0. */
const FLOOR_MS = 1000;

export function createHistogram(): Histogram {
  return { count: 0, sum: 0, min: 0, max: 0, bins: {} };
}

function binOf(ms: number): number {
  return ms < FLOOR_MS ? 0 : 1 + Math.floor(Math.log(ms / FLOOR_MS) / LOG_GROWTH);
}

/** Representative value of a bin: the geometric middle of its bounds. */
function valueOf(bin: number): number {
  if (bin === 0) return FLOOR_MS / 2;
  return FLOOR_MS * Math.pow(GROWTH, bin - 0.5);
}

/** A copy that shares nothing with `h`. */
export function copyHistogram(h: Histogram): Histogram {
  return { count: h.count, sum: h.sum, min: h.min, max: h.max, bins: { ...h.bins } };
}

/** Adds one duration (ms, negative values count as 0). Mutates `h`. */
export function addSample(h: Histogram, ms: number): void {
  const value = Math.max(0, ms);
  const bin = binOf(value);
  h.bins[bin] = (h.bins[bin] ?? 0) + 1;
  // min/max are meaningless while count is 0 (kept finite so the histogram survives JSON)
  if (h.count === 0 || value < h.min) h.min = value;
  if (h.count === 0 || value > h.max) h.max = value;
  h.count += 1;
  h.sum += value;
}

/** Adds every sample of `from` into `into`. Mutates `into`. */
export function mergeHistogram(into: Histogram, from: Histogram): void {
  if (from.count === 0) return;
  for (const key in from.bins) {
    const bin = Number(key);
    into.bins[bin] = (into.bins[bin] ?? 0) + (from.bins[bin] as number);
  }
  if (into.count === 0 || from.min < into.min) into.min = from.min;
  if (into.count === 0 || from.max > into.max) into.max = from.max;
  into.count += from.count;
  into.sum += from.sum;
}

/**
 * The q-quantile (0 < q ≤ 1) by the nearest-rank method, or null for an empty histogram.
 * Clamped to the exact min and max.
 */
export function quantile(h: Histogram, q: number): number | null {
  if (h.count === 0) return null;
  const rank = Math.max(1, Math.ceil(q * h.count));
  const bins = Object.keys(h.bins)
    .map(Number)
    .sort((a, b) => a - b);
  let seen = 0;
  for (const bin of bins) {
    seen += h.bins[bin] as number;
    if (seen >= rank) return binQuantile(h, bin);
  }
  return h.max;
}

/**
 * What `quantile` answers when its rank falls in `bin` (the bin's value clamped to the exact
 * min and max, rounded): for a caller that found the bin itself (the reports, in SQL).
 */
export function binQuantile(h: Pick<Histogram, 'min' | 'max'>, bin: number): number {
  return Math.round(Math.min(h.max, Math.max(h.min, valueOf(bin))));
}

/** Each non-empty bin as [representative value (clamped to min and max), samples], in no particular order. */
export function binEntries(h: Histogram): [number, number][] {
  const entries: [number, number][] = [];
  for (const key in h.bins) {
    entries.push([Math.min(h.max, Math.max(h.min, valueOf(Number(key)))), h.bins[Number(key)] as number]);
  }
  return entries;
}
