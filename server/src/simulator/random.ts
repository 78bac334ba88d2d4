/**
 * A tiny seeded PRNG (mulberry32) and the few distributions the simulator needs. The
 * simulator must be reproducible from a seed, so nothing here touches Math.random.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen with the given non-negative weights (not all zero). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Log-normal with this median and log-space standard deviation. */
  lognormal(median: number, sigma: number): number;
  /** Exponential waiting time for events happening at `ratePerUnit`. */
  exponential(ratePerUnit: number): number;
}

/** mulberry32: 32-bit state, good enough for traffic simulation and very fast. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty array');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items, weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < items.length; i += 1) {
        r -= weights[i] ?? 0;
        if (r < 0) return items[i] as (typeof items)[number];
      }
      // Rounding can leave r at ~0 after the last positive weight.
      for (let i = items.length - 1; i >= 0; i -= 1)
        if ((weights[i] ?? 0) > 0) return items[i] as (typeof items)[number];
      throw new RangeError('weighted pick needs a positive weight');
    },
    normal: () => {
      const u = 1 - next(); // (0, 1]: log(0) never happens
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    lognormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    exponential: (ratePerUnit) => (ratePerUnit > 0 ? -Math.log(1 - next()) / ratePerUnit : Number.POSITIVE_INFINITY),
  };
  return rng;
}

/** Mixes numbers into one 32-bit seed (FNV-1a over their decimal form). */
export function hashSeed(...parts: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
