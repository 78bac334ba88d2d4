import { booleanPointInPolygon, destination, pointToPolygonDistance, rhumbBearing } from '@turf/turf';
import type { Position } from 'geojson';
import type { RegionLayer } from '@shared';

/**
 * A point `meters` outside a region's shape on `layer`, in no other shape and no nearer to
 * any: found from the shipped geometry itself (a long border segment's midpoint, moved out
 * along its normal) and checked with turf's own distance, independent of the locator's.
 */
export function pointOutside(layer: RegionLayer, code: string, meters: number): { lat: number; lng: number } {
  const feature = layer.geojson.features.find((f) => f.properties.code === code);
  if (!feature) throw new Error(`no shape ${code}`);
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  for (const [outer = []] of polygons) {
    for (let i = 1; i < outer.length; i += 1) {
      const a = outer[i - 1] as Position;
      const b = outer[i] as Position;
      const middle: Position = [((a[0] ?? 0) + (b[0] ?? 0)) / 2, ((a[1] ?? 0) + (b[1] ?? 0)) / 2];
      const bearing = rhumbBearing(a, b);
      for (const side of [90, -90]) {
        const candidate = destination(middle, meters / 1000, bearing + side, { units: 'kilometers' });
        if (layer.geojson.features.some((f) => booleanPointInPolygon(candidate, f))) continue;
        const own = pointToPolygonDistance(candidate, feature, { units: 'meters' });
        const others = layer.geojson.features
          .filter((f) => f !== feature)
          .map((f) => pointToPolygonDistance(candidate, f, { units: 'meters' }));
        if (Math.abs(own - meters) < meters * 0.05 && others.every((d) => d > 3 * meters)) {
          const [lng = NaN, lat = NaN] = candidate.geometry.coordinates;
          return { lat, lng };
        }
      }
    }
  }
  throw new Error(`no point ${meters} m outside ${code} found`);
}
