import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGIONS, type RegionLayer } from '@shared';
import { createLocator, type Locator } from '../../../server/src/regions/createLocator';
import { loadBuiltinLayer, loadRegionPack } from '../../../server/src/regions/loadRegionLayer';

const TASHKENT = { lat: 41.31, lng: 69.28 };

describe('createLocator on the built-in layer', () => {
  const layer = loadBuiltinLayer();
  const locate = createLocator(layer);

  it("puts every shape's centroid in that shape", () => {
    for (const shape of layer.shapes) expect(locate(shape.lat, shape.lng), shape.code).toBe(shape.code);
  });

  it('puts the 2022 oblasts into their parent shapes', () => {
    for (const region of REGIONS) {
      expect(locate(region.lat, region.lng), region.code).toBe(region.parent2018 ?? region.code);
    }
  });

  it('finds no region in Uzbekistan, at sea or for a non-number', () => {
    expect(locate(TASHKENT.lat, TASHKENT.lng)).toBeNull();
    expect(locate(44, 50.5)).toBeNull(); // Caspian Sea
    expect(locate(Number.NaN, 70)).toBeNull();
  });

  it('tells Shymkent from the Turkistan region around it', () => {
    expect(locate(42.32, 69.59)).toBe('KZ-79');
    expect(locate(43.3, 68.25)).toBe('KZ-61'); // the city of Turkistan
  });
});

describe('createLocator on the 20-unit reference pack', () => {
  let locate: Locator;
  beforeAll(async () => {
    locate = createLocator(await loadRegionPack(path.resolve('../shared/geo/kz-regions-20.topo.json')));
  });

  it('puts every region centroid in its own region, 2022 oblasts included', () => {
    for (const region of REGIONS) expect(locate(region.lat, region.lng), region.code).toBe(region.code);
  });

  it('finds no region in Uzbekistan', () => {
    expect(locate(TASHKENT.lat, TASHKENT.lng)).toBeNull();
  });
});

describe('createLocator on a pack of non-ISO shapes', () => {
  it('answers null inside a district', () => {
    const layer: RegionLayer = {
      id: 'districts',
      attribution: null,
      shapes: [],
      geojson: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: 'ALM-MEDEU' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [76, 43],
                  [77, 43],
                  [77, 44],
                  [76, 43],
                ],
              ],
            },
          },
        ],
      },
    };
    expect(createLocator(layer)(43.2, 76.9)).toBeNull();
  });
});
