import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { Position } from 'geojson';
import { isRegionCode, placesNamedIn, type NamedPlace, type RegionCode, type RegionLayer } from '@shared';

/**
 * How far a point may lie from a region's shape and still belong to it: the shipped
 * outlines are simplified (borders move by up to a few hundred metres, a town on a border
 * river may fall on the other bank), so "in the shape" alone would refuse honest points.
 */
export const AGREE_METERS = 2000;

/** An event's location as the stream contract and the write API carry it. */
export interface PlaceOfEvent {
  lat: number;
  lng: number;
  address?: string | undefined;
  district?: string | undefined;
}

/** Where a new event goes, or why it cannot be placed. */
export type Placement =
  | { ok: true; region: RegionCode }
  | { ok: false; code: 'outside_regions' }
  | {
      ok: false;
      code: 'region_mismatch';
      /** The region the request gave, or the one its address names. */
      given: RegionCode;
      /** The place of the gazetteer the address names, when that is where `given` came from. */
      place?: NamedPlace;
      /** The regions the point is in or within AGREE_METERS of, nearest first (empty: in none). */
      near: RegionCode[];
    };

export interface Locator {
  /** The region of the shape containing the point; null outside every shape (or in a non-region shape). */
  at(lat: number, lng: number): RegionCode | null;
  /** The regions whose shapes contain the point or lie within `meters` of it, nearest first. */
  regionsNear(lat: number, lng: number, meters: number): RegionCode[];
  /**
   * A new event's region. Given one, it must agree with the point (a shape containing the
   * point or within AGREE_METERS of it includes it), else `region_mismatch`. Without one,
   * the first place its address/district names that agrees with the point wins over the
   * polygons; a named place that agrees with none is a `region_mismatch` too; with no named
   * place, the shape containing the point (or the nearest within AGREE_METERS) answers.
   * A region the layer has no shape for (a district pack) cannot be checked and is taken.
   */
  place(location: PlaceOfEvent, given?: RegionCode): Placement;
  /**
   * The region of a stream event sent without one: `place`, except that when the address
   * names a place far from the point, the point wins. A producer's point is measured, while
   * reading a name out of free text is a guess ("мкр Алтай" in Almaty names the town of
   * Altai, too); a write is refused instead, so that a person can say which is right.
   */
  regionOf(location: PlaceOfEvent): RegionCode | null;
}

/** Metres per degree of latitude (mean Earth radius 6,371,008.8 m). */
const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;

interface Shape {
  rings: Position[][];
  polygon: Parameters<typeof booleanPointInPolygon>[1];
  regions: RegionCode[];
  west: number;
  south: number;
  east: number;
  north: number;
}

/**
 * Region from location (design.md "Regions"): the gazetteer first, then point-in-polygon
 * against the loaded layer, then distance to the nearby shapes. Runs once per stream entry
 * without a region and once per write, so each shape's bounding box is computed once and
 * tested before the polygon; distances are measured on a local flat projection around the
 * point (exact to well under 1 % within a few km).
 *
 * A shape answers with the regions in its `includes`: on the 2018 layer East Kazakhstan
 * shows Abai too, so a point in Semey is near both KZ-10 and KZ-63; the polygon alone says
 * KZ-63, and "Семей" in its address says KZ-10. Points on a shared border go to the first
 * shape in layer order.
 */
export function createLocator(layer: RegionLayer): Locator {
  const includesOf = new Map(layer.shapes.map((s) => [s.code, s.includes]));
  const shapes: Shape[] = layer.geojson.features.map((feature) => {
    const [west, south, east, north] = bbox(feature);
    const code = feature.properties.code;
    const geometry = feature.geometry;
    const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
    const regions = includesOf.get(code) ?? (isRegionCode(code) ? [code] : []);
    // The shape's own code first: the polygon alone answers with it.
    const ordered =
      isRegionCode(code) && regions.includes(code) ? [code, ...regions.filter((r) => r !== code)] : regions;
    return { rings, polygon: feature, regions: ordered, west, south, east, north };
  });
  const covered = new Set(shapes.flatMap((s) => s.regions));

  function containing(lat: number, lng: number): Shape | null {
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) return null;
    for (const s of shapes) {
      if (lng < s.west || lng > s.east || lat < s.south || lat > s.north) continue;
      if (booleanPointInPolygon([lng, lat], s.polygon)) return s;
    }
    return null;
  }

  function shapesNear(lat: number, lng: number, meters: number): Shape[] {
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) return [];
    const inside = containing(lat, lng);
    const dLat = meters / M_PER_DEG;
    const dLng = dLat / Math.max(Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180), 1e-6);
    const near: { shape: Shape; distance: number }[] = [];
    for (const s of shapes) {
      if (s === inside) continue;
      if (lng < s.west - dLng || lng > s.east + dLng || lat < s.south - dLat || lat > s.north + dLat) continue;
      const distance = distanceToRings(s.rings, lat, lng);
      if (distance <= meters) near.push({ shape: s, distance });
    }
    near.sort((a, b) => a.distance - b.distance);
    return [...(inside ? [inside] : []), ...near.map((n) => n.shape)];
  }

  function regionsNear(lat: number, lng: number, meters: number): RegionCode[] {
    return [...new Set(shapesNear(lat, lng, meters).flatMap((s) => s.regions))];
  }

  /** The region the point alone gives: its shape's, or the nearest shape's within AGREE_METERS. */
  function byPoint(lat: number, lng: number): RegionCode | null {
    const inside = containing(lat, lng)?.regions[0];
    if (inside !== undefined) return inside;
    const [nearest] = shapesNear(lat, lng, AGREE_METERS).filter((s) => s.regions.length > 0);
    return nearest?.regions[0] ?? null;
  }

  function place(location: PlaceOfEvent, given?: RegionCode): Placement {
    const { lat, lng } = location;
    // The common case (the shape containing the point agrees) needs no distances: measured only when it does not.
    const inside = containing(lat, lng);
    let near: RegionCode[] | undefined;
    const nearby = () => (near ??= regionsNear(lat, lng, AGREE_METERS));
    const agrees = (region: RegionCode) =>
      !covered.has(region) || inside?.regions.includes(region) === true || nearby().includes(region);
    if (given !== undefined) {
      return agrees(given)
        ? { ok: true, region: given }
        : { ok: false, code: 'region_mismatch', given, near: nearby() };
    }
    const text = [location.district, location.address].filter((t) => t !== undefined && t !== '').join(', ');
    const named = text === '' ? [] : placesNamedIn(text);
    const agreeing = named.find((p) => agrees(p.region));
    if (agreeing) return { ok: true, region: agreeing.region };
    const [first] = named;
    if (first) return { ok: false, code: 'region_mismatch', given: first.region, place: first, near: nearby() };
    const region = inside?.regions[0] ?? byPoint(lat, lng);
    return region ? { ok: true, region } : { ok: false, code: 'outside_regions' };
  }

  return {
    at(lat, lng) {
      return containing(lat, lng)?.regions[0] ?? null;
    },
    regionsNear,
    place,
    // An arrow: passed around alone as the stream's LocateRegion.
    regionOf: (location) => {
      const placed = place(location);
      if (placed.ok) return placed.region;
      return placed.code === 'region_mismatch' ? byPoint(location.lat, location.lng) : null;
    },
  };
}

/** Shortest distance in metres from a point outside the rings to any of their edges. */
function distanceToRings(rings: Position[][], lat: number, lng: number): number {
  const ky = M_PER_DEG;
  const kx = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (const ring of rings) {
    let [px = 0, py = 0] = ring[0] ?? [];
    let ax = (px - lng) * kx;
    let ay = (py - lat) * ky;
    for (let i = 1; i < ring.length; i += 1) {
      [px = 0, py = 0] = ring[i] ?? [];
      const bx = (px - lng) * kx;
      const by = (py - lat) * ky;
      // Distance from the origin (the point) to segment a–b.
      const dx = bx - ax;
      const dy = by - ay;
      const length2 = dx * dx + dy * dy;
      const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
      const cx = ax + t * dx;
      const cy = ay + t * dy;
      best = Math.min(best, cx * cx + cy * cy);
      ax = bx;
      ay = by;
    }
  }
  return Math.sqrt(best);
}
