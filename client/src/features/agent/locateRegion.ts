import { isRegionCode, type RegionCode, type RegionLayer } from '@shared';
import type { Position } from 'geojson';
import { KNOWN_PLACES } from './placeSearch';

/** A WGS 84 point. */
export interface Point {
  lat: number;
  lng: number;
}

/** Even-odd ray casting on one ring of [lng, lat] positions. */
function isInRing(ring: readonly Position[], lng: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi = 0, yi = 0] = ring[i] as Position;
    const [xj = 0, yj = 0] = ring[j] as Position;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
function isInPolygon(rings: readonly (readonly Position[])[], lng: number, lat: number): boolean {
  const [outer, ...holes] = rings;
  return outer !== undefined && isInRing(outer, lng, lat) && !holes.some((hole) => isInRing(hole, lng, lat));
}

/**
 * The code of the layer's shape that contains the point, or null (outside every shape).
 * A few lines of ray casting instead of turf, which the client bundle should not carry
 * (shared/src/geo/regionLayerSchema.ts); test/unit/client/features/agent checks it agrees
 * with turf on the built-in layer. Points on a shared border go to the first shape.
 */
export function shapeAt(layer: Pick<RegionLayer, 'geojson'>, point: Point): string | null {
  const { lat, lng } = point;
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  for (const feature of layer.geojson.features) {
    const { geometry } = feature;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    if (polygons.some((rings) => isInPolygon(rings, lng, lat))) return feature.properties.code;
  }
  return null;
}

/** Squared distance in degrees with longitude shrunk by latitude: enough to rank nearby towns. */
function nearness(a: Point, b: Point): number {
  const dLng = (a.lng - b.lng) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  const dLat = a.lat - b.lat;
  return dLat * dLat + dLng * dLng;
}

/**
 * The current region at a point clicked on the map, or null when the layer cannot tell.
 * A shape that shows one region answers with it. A shape that shows several (on the
 * built-in layer East Kazakhstan also shows Abai, Almaty Region shows Jetisu, Karaganda
 * shows Ulytau) answers with the region of the nearest known settlement among them: a
 * guess the agent sees in the region select and can correct. A shape of no region (a
 * city's district pack) or a point outside every shape answers null.
 */
export function regionAtPoint(layer: Pick<RegionLayer, 'geojson' | 'shapes'>, point: Point): RegionCode | null {
  const code = shapeAt(layer, point);
  if (code === null) return null;
  const shape = layer.shapes.find((s) => s.code === code);
  const includes = shape?.includes ?? (isRegionCode(code) ? [code] : []);
  if (includes.length <= 1) return includes[0] ?? null;
  let best: RegionCode | null = null;
  let bestNearness = Infinity;
  for (const place of KNOWN_PLACES) {
    if (!includes.includes(place.region)) continue;
    const d = nearness(point, place);
    if (d < bestNearness) {
      bestNearness = d;
      best = place.region;
    }
  }
  return best ?? includes[0] ?? null;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
