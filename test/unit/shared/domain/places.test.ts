import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { placesNamedIn, REGION_CODES, REGIONS, regionCentre, SETTLEMENTS, shapeCodeOf } from '@shared';
import { loadBuiltinLayer } from '../../../../server/src/regions/loadRegionLayer';

const points = REGION_CODES.flatMap((region) =>
  SETTLEMENTS[region].flatMap((settlement) => [
    { region, label: settlement.name.en, lat: settlement.lat, lng: settlement.lng },
    ...(settlement.districts ?? []).map((d) => ({ region, label: d.name.en, lat: d.lat, lng: d.lng })),
  ]),
);

describe('the gazetteer (shared/src/domain/places.ts)', () => {
  it('has settlements for every region, centre first, named in ru, kk and en', () => {
    for (const region of REGION_CODES) {
      expect(SETTLEMENTS[region].length, region).toBeGreaterThan(0);
      expect(regionCentre(region)).toBe(SETTLEMENTS[region][0]);
      for (const settlement of SETTLEMENTS[region]) {
        expect(settlement.region).toBe(region);
        for (const name of Object.values(settlement.name)) expect(name.trim(), region).not.toBe('');
      }
    }
  });

  it('gives the three cities of republican significance their districts, and only them', () => {
    const withDistricts = REGIONS.filter((r) => SETTLEMENTS[r.code].some((s) => s.districts)).map((r) => r.code);
    expect(withDistricts.sort()).toEqual(['KZ-71', 'KZ-75', 'KZ-79']);
    expect(SETTLEMENTS['KZ-75'][0]?.districts).toHaveLength(8);
  });
});

// An agent who picks a place sends its centre as the point: on either layer it must agree with its region.
describe.each(['current', '2018'] as const)('the gazetteer on the %s built-in layer', (name) => {
  const layer = loadBuiltinLayer(name);
  const shapeOf = (code: string) => {
    const feature = layer.geojson.features.find((f) => f.properties.code === code);
    if (!feature) throw new Error(`no shape ${code}`);
    return feature;
  };

  it("puts every settlement and district inside its region's shape (2022 oblasts in their parent on the 2018 layer)", () => {
    const outside = points.filter((p) => {
      const code = shapeCodeOf(layer, p.region);
      return code === null || !booleanPointInPolygon([p.lng, p.lat], shapeOf(code));
    });
    expect(outside.map((p) => `${p.region} ${p.label} ${p.lat},${p.lng}`)).toEqual([]);
  });

  it('keeps each point out of every other shape (no settlement on a border)', () => {
    const ambiguous = points.filter((p) => {
      const own = shapeCodeOf(layer, p.region);
      return layer.geojson.features.some((f) => f.properties.code !== own && booleanPointInPolygon([p.lng, p.lat], f));
    });
    expect(ambiguous.map((p) => `${p.region} ${p.label}`)).toEqual([]);
  });
});

describe('placesNamedIn', () => {
  it('finds the places an address names, district before city, each once', () => {
    const found = placesNamedIn('Алматы, Бостандыкский район, ул. Тимирязева 42');
    expect(found.map((p) => [p.region, p.name.en])).toEqual([
      ['KZ-75', 'Bostandyk district'],
      ['KZ-75', 'Almaty'],
    ]);
    expect(found[0]?.district).toBe('Бостандыкский район');
    expect(placesNamedIn('Almaty, Almaty').map((p) => p.name.en)).toEqual(['Almaty']);
  });

  it.each([
    ['г. Семей, ул. Абая 1', 'KZ-10'],
    ['Талдыкорган, мкр Жастар', 'KZ-33'],
    ['Қонаев қаласы', 'KZ-19'],
    ['Капшагай, ул. Шаменова', 'KZ-19'],
    ['Жезказган', 'KZ-62'],
    ['Oskemen, Ushanov st.', 'KZ-63'],
    ['Усть-Каменогорск, пр. Независимости', 'KZ-63'],
  ])('places %s in %s', (address, region) => {
    expect(placesNamedIn(address)[0]?.region).toBe(region);
  });

  it('matches whole words only, and nothing in an address with no known name', () => {
    expect(placesNamedIn('село Шуқыр')).toEqual([]);
    expect(placesNamedIn('ул. Ленина 5')).toEqual([]);
  });
});
