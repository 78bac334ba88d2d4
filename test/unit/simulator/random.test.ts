import { describe, expect, it } from 'vitest';
import { createRng, hashSeed } from '../../../server/src/simulator/random';

describe('createRng', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = createRng(123);
    const b = createRng(123);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(124).next()).not.toBe(xs[0]);
  });

  it('draws ints inclusively and weighted picks by weight', () => {
    const rng = createRng(1);
    const ints = new Set(Array.from({ length: 2000 }, () => rng.int(1, 3)));
    expect([...ints].sort()).toEqual([1, 2, 3]);
    const picks = Array.from({ length: 10_000 }, () => rng.weighted(['a', 'b', 'c'], [1, 0, 3]));
    expect(picks.includes('b')).toBe(false);
    const share = picks.filter((p) => p === 'c').length / picks.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });

  it('has a log-normal with the requested median', () => {
    const rng = createRng(2);
    const xs = Array.from({ length: 20_001 }, () => rng.lognormal(30, 0.6)).sort((a, b) => a - b);
    expect(xs[10_000]).toBeGreaterThan(28);
    expect(xs[10_000]).toBeLessThan(32);
  });

  it('mixes seeds into different 32-bit values', () => {
    expect(hashSeed(1, 2)).not.toBe(hashSeed(2, 1));
    expect(hashSeed(1, 2)).toBe(hashSeed(1, 2));
    expect(hashSeed('x')).toBeLessThan(2 ** 32);
  });
});
