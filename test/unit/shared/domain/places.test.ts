import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { REGION_CODES, REGIONS, regionCentre, SETTLEMENTS, shapeCodeOf } from '@shared';
import { loadBuiltinLayer } from '../../../../server/src/regions/loadRegionLayer';

describe('the gazetteer (shared/src/domain/places.ts)', () => {
  const layer = loadBuiltinLayer();
  const shapeOf = (code: string) => {
    const feature = layer.geojson.features.find((f) => f.properties.code === code);
    if (!feature) throw new Error(`no shape ${code}`);
    return feature;
  };
  const points = REGION_CODES.flatMap((region) =>
    SETTLEMENTS[region].flatMap((settlement) => [
      { region, label: settlement.name.en, lat: settlement.lat, lng: settlement.lng },
      ...(settlement.districts ?? []).map((d) => ({ region, label: d.name.en, lat: d.lat, lng: d.lng })),
    ]),
  );

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

  it("puts every settlement and district inside its region's shape on the built-in layer (2022 oblasts in their parent)", () => {
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
