import { bbox, booleanPointInPolygon } from '@turf/turf';
import { isRegionCode, type RegionCode, type RegionLayer } from '@shared';

/** Current-scheme region at a WGS 84 point, or null when the point is in no region. */
export type Locator = (lat: number, lng: number) => RegionCode | null;

/**
 * Region from location (design.md "Regions"): point-in-polygon against the loaded layer,
 * for events that carry `data.location` but no `region`. It runs once per such stream
 * entry, so each shape's bounding box is computed once and tested before the polygon.
 *
 * The answer is the code of the shape that contains the point, when that code is one of
 * the 20 current ISO codes. On the built-in layer a parent shape answers with its own
 * code: it cannot tell Abai (KZ-10) from East Kazakhstan (KZ-63), Jetisu (KZ-33) from
 * Almaty Region (KZ-19) or Ulytau (KZ-62) from Karaganda (KZ-35); load the 20-unit pack
 * (REGION_PACK) for that. A shape whose code is not an ISO region code (a city's
 * district pack) answers null, as does a point outside every shape. Points on a shared
 * border go to the first shape in layer order.
 */
export function createLocator(layer: RegionLayer): Locator {
  const shapes = layer.geojson.features.map((feature) => {
    const [west, south, east, north] = bbox(feature);
    return { feature, code: feature.properties.code, west, south, east, north };
  });
  return (lat, lng) => {
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) return null;
    for (const s of shapes) {
      if (lng < s.west || lng > s.east || lat < s.south || lat > s.north) continue;
      if (booleanPointInPolygon([lng, lat], s.feature)) return isRegionCode(s.code) ? s.code : null;
    }
    return null;
  };
}
