import type { FitBoundsOptions, Map as LeafletMap } from 'leaflet';
import type { Bounds } from './layerBounds';

/**
 * How much larger than the map's padded box (the box less `fitOptions`' padding) the layer
 * may be drawn and still count as the country view. Fitted, it is at most the padded box
 * (0.84–1 of it, the zoom snapped to quarter steps); one click of the zoom button (0.5,
 * ×1.41) makes it at least 1.19 of it, so the line falls between the two whatever the box's
 * size. Against the unpadded box a small map's click could stay under the line (1.09 of the
 * box at the 1920×1080 dashboard with its two-line header: the markers never showed).
 */
export const COUNTRY_VIEW_LIMIT = 1.1;

/**
 * The map shows the whole country (or nearly): one count badge per region at its label
 * point, no marker clusters (RegionLabels, MarkersLayer). Closer in, the clusters and lone
 * markers show and the badges go. Judged by the layer's drawn size against the map's box
 * now, so a resize (which keeps the user's zoom) moves the line with it.
 */
export function isCountryView(map: LeafletMap, bounds: Bounds, isReadOnly = false): boolean {
  const zoom = map.getZoom();
  const a = map.project(bounds[0], zoom);
  const b = map.project(bounds[1], zoom);
  const size = map.getSize();
  const { paddingTopLeft, paddingBottomRight } = fitOptions(map, isReadOnly);
  const [left, top] = paddingTopLeft as [number, number];
  const [right, bottom] = paddingBottomRight as [number, number];
  const width = Math.max(1, size.x - left - right);
  const height = Math.max(1, size.y - top - bottom);
  return Math.abs(b.x - a.x) <= width * COUNTRY_VIEW_LIMIT && Math.abs(b.y - a.y) <= height * COUNTRY_VIEW_LIMIT;
}

export const FIT_PADDING: [number, number] = [12, 12];

/**
 * The fit's padding, px: 12 all round plus room for the labels of the regions at the edge
 * (a name and its badge reach about a line past their point, which lies inside the outline:
 * North Kazakhstan's badge was cut by the map's top edge) — one root em on each side — and,
 * at the bottom, the height of the attribution line, so no region (Shymkent and Turkistan at
 * the southern edge) and no label or badge is drawn under the credit.
 *
 * The wall's read-only map places the counts first, each badge centred on its point (names
 * take the free places after), so half a root em and 4 px are its room: with a whole em and
 * its 40–80 px type, the padding took a quarter of the map's height and Kazakhstan filled
 * 75 % of it (issue 18).
 */
export function fitOptions(map: LeafletMap, isReadOnly = false): FitBoundsOptions {
  const container = map.getContainer();
  const credit = container.querySelector<HTMLElement>('.leaflet-control-attribution');
  const em = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const [base, reach] = isReadOnly ? [4, em / 2] : [FIT_PADDING[0], em];
  const side = base + reach;
  const top = base + reach;
  const bottom = base + Math.max(reach, credit ? credit.offsetHeight : 0);
  return { paddingTopLeft: [side, top], paddingBottomRight: [side, bottom], animate: false };
}
