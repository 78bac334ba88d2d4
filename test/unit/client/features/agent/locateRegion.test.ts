import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { regionAtPoint, shapeAt } from '../../../../../client/src/features/agent/locateRegion';
import { KNOWN_PLACES } from '../../../../../client/src/features/agent/placeSearch';
import { loadBuiltinLayer } from '../../../../../server/src/regions/loadRegionLayer';
import { fixtureLayer } from '../map/layerFixture';

describe('shapeAt (ray casting)', () => {
  const layer = loadBuiltinLayer();

  it('agrees with turf on the built-in layer, on a grid over Kazakhstan', () => {
    const disagreements: string[] = [];
    for (let lat = 40.75; lat < 55.5; lat += 0.5) {
      for (let lng = 46.75; lng < 87.5; lng += 0.5) {
        const turf = layer.geojson.features.find((f) => booleanPointInPolygon([lng, lat], f))?.properties.code ?? null;
        const ours = shapeAt(layer, { lat, lng });
        if (ours !== turf) disagreements.push(`${lat},${lng}: ${String(ours)} vs ${String(turf)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('handles multipolygons and points outside every shape', () => {
    const fixture = fixtureLayer();
    expect(shapeAt(fixture, { lat: 46.8, lng: 74.5 })).toBe('KZ-19');
    expect(shapeAt(fixture, { lat: 0, lng: 0 })).toBeNull();
    expect(shapeAt(fixture, { lat: Number.NaN, lng: 71 })).toBeNull();
  });
});

describe('regionAtPoint', () => {
  const layer = loadBuiltinLayer();

  it('finds the region of every known settlement and district, 2022 oblasts included', () => {
    const wrong = KNOWN_PLACES.filter((p) => regionAtPoint(layer, p) !== p.region).map((p) => p.name.en);
    expect(wrong).toEqual([]);
  });

  it('tells Abai from East Kazakhstan on both layers (on the 2018 one, by the nearest settlement in their shape)', () => {
    for (const each of [layer, loadBuiltinLayer('2018')]) {
      expect(regionAtPoint(each, { lat: 50.3, lng: 80.4 }), each.id).toBe('KZ-10');
      expect(regionAtPoint(each, { lat: 50.0, lng: 83.0 }), each.id).toBe('KZ-63');
    }
  });

  it('answers null outside the layer and for a shape of no region', () => {
    expect(regionAtPoint(layer, { lat: 10, lng: 10 })).toBeNull();
    const districts = fixtureLayer();
    districts.shapes = districts.shapes.map((s) => (s.code === 'KZ-71' ? { ...s, code: 'astana-1', includes: [] } : s));
    districts.geojson.features = districts.geojson.features.map((f) =>
      f.properties.code === 'KZ-71' ? { ...f, properties: { code: 'astana-1' } } : f,
    );
    expect(regionAtPoint(districts, { lat: 51.15, lng: 71.45 })).toBeNull();
    expect(regionAtPoint(districts, { lat: 42.3, lng: 69.6 })).toBe('KZ-79');
  });
});
