import type { Map as LeafletMap } from 'leaflet';
import type { Bounds } from './layerBounds';

/**
 * How much larger than the map's box the layer may be drawn and still count as the
 * country view. Fitted, it is at most the box; one click of the zoom button (0.5, ×1.41)
 * leaves the country view.
 */
export const COUNTRY_VIEW_LIMIT = 1.1;

/**
 * The map shows the whole country (or nearly): one count badge per region at its label
 * point, no marker clusters (RegionLabels, MarkersLayer). Closer in, the clusters and lone
 * markers show and the badges go. Judged by the layer's drawn size against the map's box
 * now, so a resize (which keeps the user's zoom) moves the line with it.
 */
export function isCountryView(map: LeafletMap, bounds: Bounds): boolean {
  const zoom = map.getZoom();
  const a = map.project(bounds[0], zoom);
  const b = map.project(bounds[1], zoom);
  const size = map.getSize();
  return Math.abs(b.x - a.x) <= size.x * COUNTRY_VIEW_LIMIT && Math.abs(b.y - a.y) <= size.y * COUNTRY_VIEW_LIMIT;
}
