import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGIONS, type RegionLayer } from '@shared';
import { AGREE_METERS, createLocator, type Locator } from '../../../server/src/regions/createLocator';
import { loadBuiltinLayer, loadRegionPack } from '../../../server/src/regions/loadRegionLayer';
import { pointOutside } from './pointOutside';

const TASHKENT = { lat: 41.31, lng: 69.28 };

/** City centres (WGS 84) of the three 2022 oblasts and of the regions they were split from. */
const CITIES = {
  Semey: { lat: 50.4111, lng: 80.2275, region: 'KZ-10', parent2018: 'KZ-63' },
  Taldykorgan: { lat: 45.0156, lng: 78.3739, region: 'KZ-33', parent2018: 'KZ-19' },
  Konaev: { lat: 43.8667, lng: 77.0667, region: 'KZ-19', parent2018: 'KZ-19' },
  Zhezkazgan: { lat: 47.7833, lng: 67.7667, region: 'KZ-62', parent2018: 'KZ-35' },
  'Ust-Kamenogorsk': { lat: 49.9481, lng: 82.6278, region: 'KZ-63', parent2018: 'KZ-63' },
} as const;

describe('createLocator on the default layer (today’s 20 units)', () => {
  const layer = loadBuiltinLayer();
  const locator = createLocator(layer);

  it.each(Object.entries(CITIES))('puts a point in %s into its own region', (_name, city) => {
    expect(locator.at(city.lat, city.lng)).toBe(city.region);
    expect(locator.regionOf({ lat: city.lat, lng: city.lng })).toBe(city.region);
    expect(locator.place({ lat: city.lat, lng: city.lng })).toEqual({ ok: true, region: city.region });
  });

  it('puts every region centroid in its own region', () => {
    for (const region of REGIONS) expect(locator.at(region.lat, region.lng), region.code).toBe(region.code);
  });

  it('finds no region in Uzbekistan, at sea or for a non-number', () => {
    expect(locator.at(TASHKENT.lat, TASHKENT.lng)).toBeNull();
    expect(locator.regionOf(TASHKENT)).toBeNull();
    expect(locator.at(44, 50.5)).toBeNull(); // Caspian Sea
    expect(locator.at(Number.NaN, 70)).toBeNull();
    expect(locator.regionsNear(Number.NaN, 70, AGREE_METERS)).toEqual([]);
  });

  it('accepts a point 1 km outside its region’s simplified border with that region, and only near ones', () => {
    const outside = pointOutside(layer, 'KZ-10', 1000);
    expect(locator.at(outside.lat, outside.lng)).toBeNull();
    expect(locator.regionsNear(outside.lat, outside.lng, AGREE_METERS)).toContain('KZ-10');
    expect(locator.regionsNear(outside.lat, outside.lng, 500)).not.toContain('KZ-10');
    expect(locator.place(outside, 'KZ-10')).toEqual({ ok: true, region: 'KZ-10' });
    // Without a region, the nearest shape within 2 km answers.
    expect(locator.place(outside)).toEqual({ ok: true, region: 'KZ-10' });
  });

  it('refuses a region that contradicts the point, naming where the point is', () => {
    const semey = CITIES.Semey;
    expect(locator.place(semey, 'KZ-63')).toEqual({
      ok: false,
      code: 'region_mismatch',
      given: 'KZ-63',
      near: ['KZ-10'],
    });
    expect(locator.place(TASHKENT, 'KZ-79')).toEqual({ ok: false, code: 'region_mismatch', given: 'KZ-79', near: [] });
    expect(locator.place(TASHKENT)).toEqual({ ok: false, code: 'outside_regions' });
  });

  it('lets a named place that agrees with the point win, and refuses one far from it', () => {
    const almaty = { lat: 43.25, lng: 76.93 };
    // "мкр Алтай" names the East Kazakhstan town of Altai too: the place that agrees with the point wins.
    expect(locator.place({ ...almaty, address: 'Алматы, мкр Алтай-1, д. 5' })).toEqual({ ok: true, region: 'KZ-75' });
    const far = locator.place({ ...almaty, address: 'г. Семей, ул. Абая 12' });
    expect(far).toMatchObject({ ok: false, code: 'region_mismatch', given: 'KZ-10', near: ['KZ-75'] });
    // A stream event cannot be refused: there, the measured point wins over the text.
    expect(locator.regionOf({ ...almaty, address: 'г. Семей, ул. Абая 12' })).toBe('KZ-75');
  });

  it('answers a write within a millisecond or so (it runs once per write)', () => {
    const started = performance.now();
    for (let i = 0; i < 500; i += 1) locator.place({ lat: 43 + i / 500, lng: 77 + i / 1000 }, 'KZ-75');
    expect((performance.now() - started) / 500).toBeLessThan(2);
  });
});

describe('createLocator on the 2018 layer (REGION_LAYER=2018): the gazetteer beats the polygon', () => {
  const locator = createLocator(loadBuiltinLayer('2018'));

  it.each(Object.entries(CITIES))(
    'puts a point in %s into its 2018 shape, and a named %s into its region',
    (name, city) => {
      expect(locator.at(city.lat, city.lng)).toBe(city.parent2018);
      expect(locator.regionOf({ lat: city.lat, lng: city.lng, address: `г. ${name}, ул. Абая 1` })).toBe(city.region);
    },
  );

  it('takes a 2022 oblast given with a point in its parent shape, and the parent too (the layer cannot tell)', () => {
    expect(locator.place(CITIES.Semey, 'KZ-10')).toEqual({ ok: true, region: 'KZ-10' });
    expect(locator.place(CITIES.Semey, 'KZ-63')).toEqual({ ok: true, region: 'KZ-63' });
    expect(locator.place(CITIES.Semey, 'KZ-75')).toMatchObject({ ok: false, near: ['KZ-63', 'KZ-10'] });
  });

  it('tells Shymkent from the Turkistan region around it', () => {
    expect(locator.at(42.32, 69.59)).toBe('KZ-79');
    expect(locator.at(43.3, 68.25)).toBe('KZ-61'); // the city of Turkistan
  });
});

describe('createLocator on the 20-unit reference pack in ../shared/geo', () => {
  let locator: Locator;
  beforeAll(async () => {
    locator = createLocator(await loadRegionPack(path.resolve('../shared/geo/kz-regions-20.topo.json')));
  });

  it('agrees with the shipped layer it was built from', () => {
    for (const city of Object.values(CITIES)) expect(locator.at(city.lat, city.lng)).toBe(city.region);
    expect(locator.at(TASHKENT.lat, TASHKENT.lng)).toBeNull();
  });
});

describe('createLocator on a pack of non-ISO shapes', () => {
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

  it('answers null inside a district, and takes a given region it cannot check', () => {
    const locator = createLocator(layer);
    expect(locator.at(43.2, 76.9)).toBeNull();
    expect(locator.place({ lat: 43.2, lng: 76.9 }, 'KZ-75')).toEqual({ ok: true, region: 'KZ-75' });
  });
});
