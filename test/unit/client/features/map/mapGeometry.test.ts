import { describe, expect, it } from 'vitest';
import {
  arrangeLabels,
  labelPriority,
  MAX_LABEL_SHIFT,
  placeLabels,
} from '../../../../../client/src/features/map/labelPlacement';
import { coordinateBounds, layerBounds } from '../../../../../client/src/features/map/layerBounds';
import { fixtureLayer } from './layerFixture';

describe('layerBounds', () => {
  it('boxes every outline, MultiPolygons included, as [[south, west], [north, east]]', () => {
    expect(layerBounds(fixtureLayer().geojson)).toEqual([
      [42.2, 69.4],
      [51.5, 87],
    ]);
  });

  it('is null without coordinates', () => {
    expect(layerBounds({ type: 'FeatureCollection', features: [] })).toBeNull();
    expect(coordinateBounds([[]])).toBeNull();
  });
});

describe('labelPriority', () => {
  it('orders shapes by outline size, largest first', () => {
    expect(labelPriority(fixtureLayer().geojson.features)).toEqual(['KZ-63', 'KZ-19', 'KZ-71', 'KZ-79', 'KZ-75']);
  });
});

describe('placeLabels', () => {
  const box = (code: string, x: number, y: number) => ({ code, x, y, width: 100, height: 20 });

  it('hides a label that would overlap a more important one', () => {
    const boxes = [box('city', 50, 10), box('oblast', 0, 0), box('far', 500, 0)];
    expect(placeLabels(boxes, ['oblast', 'city', 'far'])).toEqual(new Set(['oblast', 'far']));
  });

  it('shows both once the zoom moves them apart', () => {
    const boxes = [box('city', 0, 60), box('oblast', 0, 0)];
    expect(placeLabels(boxes, ['oblast', 'city'])).toEqual(new Set(['oblast', 'city']));
  });

  it('keeps labels a few pixels apart', () => {
    expect(placeLabels([box('a', 0, 0), box('b', 102, 0)], ['a', 'b'])).toEqual(new Set(['a']));
  });
});

describe('arrangeLabels', () => {
  const box = (code: string, x: number, y: number) => ({ code, x, y, width: 100, height: 20 });

  it('leaves labels on their points when no cluster is under them', () => {
    const shifts = arrangeLabels([box('a', 0, 0), box('b', 300, 0)], ['a', 'b'], [{ x: 200, y: 10, radius: 20 }]);
    expect(shifts).toEqual(
      new Map([
        ['a', [0, 0]],
        ['b', [0, 0]],
      ]),
    );
  });

  it('moves a label just clear of a cluster it would cover, the shortest way', () => {
    // A cluster of radius 20 a little below the label's middle: moving up is shortest.
    const [[dx, dy] = [NaN, NaN]] = arrangeLabels([box('a', 0, 100)], ['a'], [{ x: 50, y: 115, radius: 20 }]).values();
    expect(dx).toBe(0);
    expect(dy).toBeLessThan(0);
    expect(dy).toBeGreaterThanOrEqual(-MAX_LABEL_SHIFT);
    // The moved box clears the circle (its bottom edge above the circle's top).
    expect(100 + dy + 20).toBeLessThanOrEqual(115 - 20);
    // A cluster at the label's right end: stepping left is shortest.
    const [[left = NaN, down = NaN] = []] = arrangeLabels(
      [box('a', 0, 100)],
      ['a'],
      [{ x: 98, y: 110, radius: 12 }],
    ).values();
    expect(down).toBe(0);
    expect(left).toBeLessThan(0);
  });

  it('does not move a label into another one, nor further than MAX_LABEL_SHIFT', () => {
    const boxes = [box('big', 0, 70), box('small', 0, 100)];
    // Above is taken by "big"; below is free.
    const shifts = arrangeLabels(boxes, ['big', 'small'], [{ x: 50, y: 112, radius: 14 }]);
    expect(shifts.get('big')).toEqual([0, 0]);
    expect(shifts.get('small')?.[1]).toBeGreaterThan(0);
    // A cluster too large to step around: the label stays on its point (drawn on its plate).
    const stuck = arrangeLabels([box('a', 0, 100)], ['a'], [{ x: 50, y: 110, radius: 80 }]);
    expect(stuck.get('a')).toEqual([0, 0]);
  });

  it('keeps the previous offset while it is still free, so labels do not hop', () => {
    const cluster = { x: 50, y: 110, radius: 14 };
    const first = arrangeLabels([box('a', 0, 100)], ['a'], [cluster]);
    const [dx = 0, dy = 0] = first.get('a') ?? [];
    const flipped = new Map([['a', [-dx, -dy] as const]]);
    // Both ways are free here; the one taken before wins.
    expect(arrangeLabels([box('a', 0, 100)], ['a'], [cluster], flipped)).toEqual(flipped);
  });

  it('still hides a label whose own place overlaps a more important one', () => {
    const boxes = [box('city', 50, 10), box('oblast', 0, 0)];
    expect([...arrangeLabels(boxes, ['oblast', 'city'], [{ x: 0, y: 0, radius: 5 }]).keys()]).toEqual(['oblast']);
  });
});
