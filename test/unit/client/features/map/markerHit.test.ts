import { describe, expect, it } from 'vitest';
import { HIT_SLOP_PX, hitMarker } from '../../../../../client/src/features/map/markerHit';

describe('hitMarker', () => {
  const targets = [
    { x: 100, y: 100, radius: 6, value: 'a' },
    { x: 108, y: 100, radius: 6, value: 'b' },
    { x: 300, y: 300, radius: 10, value: 'c' },
  ];

  it('finds the nearest marker under the pointer, slop included', () => {
    expect(hitMarker(targets, 101, 100)).toBe('a');
    expect(hitMarker(targets, 107, 100)).toBe('b');
    expect(hitMarker(targets, 300 + 10 + HIT_SLOP_PX, 300)).toBe('c');
    expect(hitMarker(targets, 300 + 11 + HIT_SLOP_PX, 300)).toBeNull();
    expect(hitMarker(targets, 200, 200)).toBeNull();
  });

  it('prefers the marker drawn on top on a tie', () => {
    expect(hitMarker(targets, 104, 100)).toBe('b');
  });
});
