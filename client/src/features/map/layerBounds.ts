import type { RegionLayer } from '@shared';

/** `[[south, west], [north, east]]`, as Leaflet's fitBounds takes it. */
export type Bounds = [[number, number], [number, number]];

/** The box around GeoJSON coordinates of any nesting ([lng, lat] positions); null when there are none. */
export function coordinateBounds(coordinates: unknown): Bounds | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  const visit = (coords: unknown): void => {
    if (!Array.isArray(coords)) return;
    if (typeof coords[0] === 'number' && typeof coords[1] === 'number') {
      const [lng, lat] = coords as [number, number];
      south = Math.min(south, lat);
      north = Math.max(north, lat);
      west = Math.min(west, lng);
      east = Math.max(east, lng);
      return;
    }
    for (const child of coords) visit(child);
  };
  visit(coordinates);
  return Number.isFinite(south)
    ? [
        [south, west],
        [north, east],
      ]
    : null;
}

/**
 * The box around every outline of the layer (null for an empty one). Computed here rather
 * than by Leaflet so the first view is known before the map exists: MapContainer fits it
 * once, at creation, and never again.
 */
export function layerBounds(geojson: RegionLayer['geojson']): Bounds | null {
  return coordinateBounds(geojson.features.map((f) => f.geometry.coordinates));
}
