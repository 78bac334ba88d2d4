import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LocalizedName, RegionCode } from '../domain/regions';

/**
 * A map layer of region shapes (design.md "Regions"): the built-in 17-shape layer
 * (Natural Earth, 2018–2022 extents) or a region pack loaded with REGION_PACK (e.g. the
 * 20-unit OpenStreetMap layer). Sent to clients by GET /api/regions.
 */
export interface RegionShapeProperties {
  /** Shape code: an ISO 3166-2:KZ code of the current scheme (or a pack's own code, e.g. a district). */
  code: string;
}

export interface RegionShapeMeta {
  code: string;
  name: LocalizedName;
  /** Label / marker position, inside the shape. */
  lat: number;
  lng: number;
  population: number;
  /** Current-scheme regions whose events are shown in this shape (itself included). */
  includes: RegionCode[];
  /** True when the outline is drawn approximately (Shymkent on the built-in layer). */
  isApproximate: boolean;
}

export interface RegionLayer {
  /** 'builtin-17', or the pack's id. */
  id: string;
  /** Text the map must show for the boundaries' licence, or null (public domain). */
  attribution: string | null;
  shapes: RegionShapeMeta[];
  geojson: FeatureCollection<Polygon | MultiPolygon, RegionShapeProperties>;
}

/** The shape that shows a region's events: the shape whose `includes` has it. */
export function shapeCodeOf(layer: Pick<RegionLayer, 'shapes'>, region: RegionCode): string | null {
  return layer.shapes.find((s) => s.includes.includes(region))?.code ?? null;
}
