/** Order statistics for bench figures (nearest-rank percentiles on a sorted copy). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/**
 * The run whose `key` figure is the median of the runs (median of 3): its figures stay
 * together, so a p99 is not paired with another run's throughput.
 */
export function medianRun<T extends Record<string, unknown>>(runs: readonly T[], key: keyof T): T {
  const sorted = [...runs].sort((a, b) => Number(a[key]) - Number(b[key]));
  return sorted[Math.floor((sorted.length - 1) / 2)] as T;
}

/** A fixed-size sample of a long series (reservoir), so latency arrays stay bounded. */
export function createReservoir(size: number): { add(value: number): void; values(): number[]; count(): number } {
  const kept: number[] = [];
  let seen = 0;
  return {
    add(value) {
      seen += 1;
      if (kept.length < size) kept.push(value);
      else {
        const slot = Math.floor(Math.random() * seen);
        if (slot < size) kept[slot] = value;
      }
    },
    values: () => kept,
    count: () => seen,
  };
}
