import { statSync } from 'node:fs';
import { area, booleanPointInPolygon, booleanValid, kinks } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { REGION_CODES, shapeCodeOf } from '@shared';
import { loadBuiltinLayer } from '../../../server/src/regions/loadRegionLayer';

const SEVENTEEN = [
  'KZ-11',
  'KZ-15',
  'KZ-19',
  'KZ-23',
  'KZ-27',
  'KZ-31',
  'KZ-35',
  'KZ-39',
  'KZ-43',
  'KZ-47',
  'KZ-55',
  'KZ-59',
  'KZ-61',
  'KZ-63',
  'KZ-71',
  'KZ-75',
  'KZ-79',
];

describe('built-in 2018 region layer (shared/data/kz-regions-17.geo.json, REGION_LAYER=2018)', () => {
  const layer = loadBuiltinLayer('2018');
  const shapeOf = (code: string) => {
    const feature = layer.geojson.features.find((f) => f.properties.code === code);
    if (!feature) throw new Error(`no shape ${code}`);
    return feature;
  };

  it('has exactly the 17 codes, public domain, in a small file', () => {
    expect(layer.id).toBe('builtin-17');
    expect(layer.attribution).toBeNull();
    expect(layer.shapes.map((s) => s.code).sort()).toEqual(SEVENTEEN);
    expect(layer.geojson.features.map((f) => f.properties.code).sort()).toEqual(SEVENTEEN);
    expect(statSync('shared/data/kz-regions-17.geo.json').size).toBeLessThan(400 * 1024);
  });

  it('has only valid shapes: no self-intersection, spike or stray hole', () => {
    for (const feature of layer.geojson.features) {
      expect(booleanValid(feature), feature.properties.code).toBe(true);
      expect(kinks(feature).features, feature.properties.code).toEqual([]);
    }
  });

  it("puts every region's label centroid inside its own shape", () => {
    for (const shape of layer.shapes) {
      expect(booleanPointInPolygon([shape.lng, shape.lat], shapeOf(shape.code)), shape.code).toBe(true);
    }
  });

  it('aggregates the three 2022 oblasts into the shapes they were split from', () => {
    expect(shapeCodeOf(layer, 'KZ-10')).toBe('KZ-63');
    expect(shapeCodeOf(layer, 'KZ-33')).toBe('KZ-19');
    expect(shapeCodeOf(layer, 'KZ-62')).toBe('KZ-35');
    for (const code of REGION_CODES) expect(layer.shapes.filter((s) => s.includes.includes(code))).toHaveLength(1);
    const parent = layer.shapes.find((s) => s.code === 'KZ-63');
    expect(parent).toMatchObject({ includes: ['KZ-10', 'KZ-63'], population: 600_000 + 710_000 });
  });

  it('draws Shymkent approximately, with its real area, and only Shymkent', () => {
    const km2 = area(shapeOf('KZ-79')) / 1e6;
    expect(km2).toBeGreaterThan(1170 * 0.9);
    expect(km2).toBeLessThan(1170 * 1.1);
    expect(layer.shapes.filter((s) => s.isApproximate).map((s) => s.code)).toEqual(['KZ-79']);
    expect(booleanPointInPolygon([69.59, 42.32], shapeOf('KZ-61'))).toBe(false);
  });
});
