import { booleanPointInPolygon, booleanValid, kinks } from '@turf/turf';
import type { RegionLayer } from '@shared';

/**
 * What zod cannot see in a layer: each shape a valid area (no self-intersection, spike or
 * hole outside its shell) and each label inside its own shape. Returns one line per
 * problem, naming the shape; empty when the layer is sound. Overlaps between shapes are
 * not checked (pairwise clipping is too slow for start-up); the locator takes the first.
 */
export function checkRegionShapes(layer: RegionLayer): string[] {
  const problems: string[] = [];
  for (const feature of layer.geojson.features) {
    const code = feature.properties.code;
    const crossing = kinks(feature).features[0]?.geometry.coordinates;
    if (crossing) {
      problems.push(`shape ${code} has an invalid geometry (self-intersection near ${at(crossing[1], crossing[0])})`);
    } else if (!booleanValid(feature)) {
      problems.push(`shape ${code} has an invalid geometry (spike, hole outside its shell or overlapping parts)`);
    }
    const meta = layer.shapes.find((s) => s.code === code);
    if (meta && !booleanPointInPolygon([meta.lng, meta.lat], feature)) {
      problems.push(`centroid of ${code} (${at(meta.lat, meta.lng)}) is not inside its shape`);
    }
  }
  return problems;
}

function at(lat = NaN, lng = NaN): string {
  return `${lat.toFixed(4)} N ${lng.toFixed(4)} E`;
}
