import 'leaflet/dist/leaflet.css';
import type { RegionLayer } from '@shared';
import { useEffect, useMemo, useState } from 'react';
import { MapContainer, TileLayer, useMap } from 'react-leaflet';
import { FIT_PADDING, fitOptions } from './countryView';
import { citiesFirst, labelPriority } from './labelPlacement';
import { layerBounds, type Bounds } from './layerBounds';
import { MarkersLayer } from './MarkersLayer';
import { RegionLabels } from './RegionLabels';
import { ShapesLayer } from './ShapesLayer';
import type { ShapeLook } from './shapeStyle';

export interface RegionMapProps {
  layer: RegionLayer;
  looks: ReadonlyMap<string, ShapeLook>;
  /** Full shape names in the UI language (accessible names of the outlines). */
  names: ReadonlyMap<string, string>;
  /** Shorter names for the labels on the map (mapLabels.ts). */
  labels: ReadonlyMap<string, string>;
  /** The count badge of each shape at the country view (open appeals, formatted); none without figures. */
  counts: ReadonlyMap<string, string>;
  tooltipOf: (code: string) => HTMLElement;
  onSelect: (code: string) => void;
  /**
   * A raster tile server under the outlines (`{z}/{x}/{y}` URL). None by default: the wall
   * works offline on a plain dark background. A tile host other than our own origin also
   * needs the server's CSP `img-src` to allow it.
   */
  tileUrl?: string;
  /** The tile server's required credit (plain text). */
  tileAttribution?: string;
  /**
   * A map for looking only (the wall screen): no pan, zoom, zoom buttons, clicks, focus or
   * tooltips, and it fits the whole layer again whenever its box changes size. Read once,
   * when the map is created. Default false.
   */
  isReadOnly?: boolean;
  /** The live markers (open appeals, incidents). Default true; a period report has none. */
  hasMarkers?: boolean;
}

/** Kazakhstan, for a layer without outlines (never drawn, but the map needs a view). */
const KAZAKHSTAN: Bounds = [
  [40.5, 46.5],
  [55.5, 87.4],
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The layer's licence line in Leaflet's own attribution control (`.leaflet-control-attribution`),
 * whose prefix is plain text: no link leaves an offline wall.
 */
function LayerAttribution({ text }: { text: string | null }) {
  const map = useMap();
  useEffect(() => {
    const control = map.attributionControl;
    if (!control) return;
    control.setPrefix('Leaflet');
    if (text === null) return;
    const html = escapeHtml(text);
    control.addAttribution(html);
    return () => {
      control.removeAttribution(html);
    };
  }, [map, text]);
  return null;
}

/**
 * Keeps the country view until the user moves the map: the layer is fitted again (padded
 * clear of the attribution) whenever the map's box changes size — on load, while the page
 * settles (the KPI tiles and the alert strip arrive after the map), on a window resize.
 * Once the user drags or zooms, their view is theirs: a resize only tells Leaflet the new
 * size and keeps their centre and zoom. A read-only map (the wall) is always fitted.
 */
function SizeWatcher({ bounds, isReadOnly }: { bounds: Bounds; isReadOnly: boolean }) {
  const map = useMap();
  useEffect(() => {
    let isFitting = false;
    let isMovedByUser = false;
    const fit = () => {
      isFitting = true;
      try {
        map.invalidateSize();
        if (isReadOnly || !isMovedByUser) map.fitBounds(bounds, fitOptions(map, isReadOnly));
      } finally {
        isFitting = false;
      }
    };
    const onMove = () => {
      if (!isFitting) isMovedByUser = true;
    };
    map.on('movestart zoomstart', onMove);
    const observer = new ResizeObserver(fit);
    observer.observe(map.getContainer());
    return () => {
      observer.disconnect();
      map.off('movestart zoomstart', onMove);
    };
  }, [map, bounds, isReadOnly]);
  return null;
}

/**
 * The Leaflet map of the region layer. A read-only map (the wall) fits at any zoom, not the
 * quarter steps the zoom buttons take: snapped, the fit could lose up to a fifth of the scale
 * (issue 18: Kazakhstan filled 60–70 % of the wall's map at 1080p and 4K). No one zooms it,
 * so no step is ever needed. Fits the layer when created and again whenever its box
 * changes size, until the user moves it (SizeWatcher). Nothing here is keyed on live data, so updates never remount it.
 * `preferCanvas` makes the canvas renderer the default; the live markers (MarkersLayer)
 * bring one canvas of their own above the outlines, which bring their own SVG renderer.
 */
export function RegionMap({
  layer,
  looks,
  names,
  labels,
  counts,
  tooltipOf,
  onSelect,
  tileUrl,
  tileAttribution,
  isReadOnly = false,
  hasMarkers = true,
}: RegionMapProps) {
  const [bounds] = useState(() => layerBounds(layer.geojson) ?? KAZAKHSTAN);
  const priority = useMemo(() => citiesFirst(labelPriority(layer.geojson.features)), [layer]);
  return (
    <MapContainer
      className="region-map__leaflet"
      bounds={bounds}
      boundsOptions={{ padding: FIT_PADDING }}
      preferCanvas
      zoomSnap={isReadOnly ? 0 : 0.25}
      zoomDelta={0.5}
      minZoom={2}
      maxZoom={13}
      attributionControl
      zoomControl={!isReadOnly}
      dragging={!isReadOnly}
      scrollWheelZoom={!isReadOnly}
      doubleClickZoom={!isReadOnly}
      touchZoom={!isReadOnly}
      boxZoom={!isReadOnly}
      keyboard={!isReadOnly}
    >
      {tileUrl !== undefined && <TileLayer url={tileUrl} attribution={escapeHtml(tileAttribution ?? '')} />}
      <LayerAttribution text={layer.attribution} />
      <SizeWatcher bounds={bounds} isReadOnly={isReadOnly} />
      <ShapesLayer
        layer={layer}
        looks={looks}
        names={names}
        tooltipOf={tooltipOf}
        onSelect={onSelect}
        isInteractive={!isReadOnly}
      />
      {/* Labels first: they listen for the markers' first redraw (the panes set what is on top). */}
      <RegionLabels
        shapes={layer.shapes}
        names={labels}
        priority={priority}
        counts={counts}
        countryBounds={bounds}
        isCountsFirst={isReadOnly}
      />
      {hasMarkers && <MarkersLayer isInteractive={!isReadOnly} countryBounds={bounds} />}
    </MapContainer>
  );
}
