import { point, type Map as LeafletMap } from 'leaflet';
import type { Bounds } from './layerBounds';

/**
 * How far past the zoom that fits the whole layer the map still counts as the country
 * view. One click of the zoom button (0.5) leaves it.
 */
export const COUNTRY_ZOOM_SLACK = 0.5;

/**
 * The map shows the whole country (or less than half a zoom step closer): one count badge
 * per region at its label point, no marker clusters (RegionLabels, MarkersLayer). Closer
 * in, the clusters and lone markers show and the badges go. Measured against the zoom
 * that fits `bounds` in the map's box now, so a resize moves the line with it.
 */
export function isCountryView(map: LeafletMap, bounds: Bounds): boolean {
  const fit = map.getBoundsZoom(bounds, false, point(24, 24));
  return map.getZoom() < fit + COUNTRY_ZOOM_SLACK;
}
