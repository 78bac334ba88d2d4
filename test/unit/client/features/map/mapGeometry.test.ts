import { describe, expect, it } from 'vitest';
import { labelPriority, placeLabels } from '../../../../../client/src/features/map/labelPlacement';
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
