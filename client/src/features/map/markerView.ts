import {
  canvas,
  circleMarker,
  divIcon,
  layerGroup,
  marker,
  tooltip as createTooltip,
  type LatLngTuple,
  type Map as LeafletMap,
  type Marker,
} from 'leaflet';
import { hitMarker, type HitTarget } from './markerHit';
import { expansionZoomOf, markersIn, type IncidentItem, type MapMarker, type MarkerIndex } from './markerIndex';
import { isPulsing, markerLook, nextPulseEnd } from './markerStyle';

/** What the last redraw showed (the test/diagnostic `<output>` in MarkersLayer). */
export interface MarkerSummary {
  openAppeals: number;
  openIncidents: number;
  visibleClusters: number;
  visiblePoints: number;
  pulsing: number;
}

export interface MarkerViewOptions {
  now: () => number;
  /** Accessible name of a cluster's count label. */
  clusterTitle: (count: number) => string;
  incidentTooltip: (item: IncidentItem) => HTMLElement;
  onAppeal: (appealId: string) => void;
  onDrawn: (summary: MarkerSummary) => void;
}

export interface MarkerView {
  setIndex(index: MarkerIndex): void;
  redraw(): void;
  dispose(): void;
}

/** Above the outlines (overlay pane, 400), below the region names (450). */
const DOTS_PANE = 'mapMarkers';
const PULSE_PANE = 'mapMarkerPulses';
const COUNTS_PANE = 'mapMarkerCounts';
/** Markers just outside the view are drawn too, so a short pan shows no gap before moveend. */
const VIEW_PADDING = 0.25;
/** A pointer that moved further than this between press and release dragged the map. */
const DRAG_SLOP_PX = 4;

function paneOf(map: LeafletMap, name: string, className: string): HTMLElement {
  const pane = map.getPane(name) ?? map.createPane(name);
  pane.classList.add(className);
  return pane;
}

function pulseKey(m: MapMarker): string {
  return m.kind === 'point' ? `${m.item.kind}:${m.item.id}` : `cluster:${m.lat.toFixed(5)},${m.lng.toFixed(5)}`;
}

function pulseClass(m: MapMarker): string {
  return m.kind === 'point' && m.item.kind === 'incident' ? 'map-pulse map-pulse--incident' : 'map-pulse';
}

/**
 * The live markers, drawn imperatively on one canvas renderer: a circle per lone item or
 * cluster, an HTML count label per visible cluster, and a CSS-animated ring per fresh
 * alarm. Redrawing never moves the map; only a click on a cluster zooms (a user action).
 * The canvas takes no pointer events (so clicks between markers still reach the region
 * outlines); clicks and hovers on lone items are hit-tested here instead.
 */
export function createMarkerView(map: LeafletMap, options: MarkerViewOptions): MarkerView {
  paneOf(map, DOTS_PANE, 'map-markers');
  paneOf(map, PULSE_PANE, 'map-marker-pulses');
  paneOf(map, COUNTS_PANE, 'map-marker-counts');
  const renderer = canvas({ pane: DOTS_PANE, padding: VIEW_PADDING });
  const dots = layerGroup().addTo(map);
  const counts = layerGroup().addTo(map);
  const rings = new Map<string, Marker>();
  const tip = createTooltip({
    direction: 'top',
    offset: [0, -10],
    opacity: 1,
    className: 'region-tooltip map-tooltip',
  });
  const container = map.getContainer();

  let index: MarkerIndex | null = null;
  let targets: HitTarget<MapMarker & { kind: 'point' }>[] = [];
  let tipIncidentId: string | null = null;
  let pulseTimer: ReturnType<typeof setTimeout> | null = null;

  const closeTip = (): void => {
    if (tipIncidentId === null) return;
    tipIncidentId = null;
    map.closeTooltip(tip);
  };

  const openTip = (item: IncidentItem): void => {
    tip.setLatLng([item.lat, item.lng]).setContent(options.incidentTooltip(item));
    if (tipIncidentId === null) map.openTooltip(tip);
    tipIncidentId = item.id;
  };

  const zoomInto = (from: MarkerIndex, cluster: MapMarker & { kind: 'cluster' }): void => {
    const zoom = expansionZoomOf(from, cluster.clusterId) ?? map.getZoom() + 2;
    map.setView([cluster.lat, cluster.lng], Math.min(zoom, map.getMaxZoom()));
  };

  const syncRings = (wanted: ReadonlyMap<string, MapMarker>): void => {
    for (const [key, ring] of rings) {
      if (wanted.has(key)) continue;
      ring.remove();
      rings.delete(key);
    }
    for (const [key, m] of wanted) {
      const size = markerLook(m).radius * 2 + 8;
      const latLng: LatLngTuple = [m.lat, m.lng];
      const existing = rings.get(key);
      if (existing) {
        existing.setLatLng(latLng);
        continue;
      }
      const icon = divIcon({
        className: pulseClass(m),
        iconSize: [size, size],
        html: '<span class="map-pulse__ring"></span>',
      });
      rings.set(key, marker(latLng, { icon, interactive: false, keyboard: false, pane: PULSE_PANE }).addTo(map));
    }
  };

  const schedulePulseEnd = (markers: readonly MapMarker[], now: number): void => {
    if (pulseTimer !== null) clearTimeout(pulseTimer);
    pulseTimer = null;
    const end = nextPulseEnd(markers, now);
    if (end !== null) pulseTimer = setTimeout(redraw, Math.max(0, end - now) + 50);
  };

  function redraw(): void {
    dots.clearLayers();
    counts.clearLayers();
    targets = [];
    const now = options.now();
    const bounds = map.getBounds().pad(VIEW_PADDING);
    const drawn = index
      ? markersIn(index, [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], map.getZoom())
      : [];
    const wantedRings = new Map<string, MapMarker>();
    const from = index;
    let visibleClusters = 0;
    let visibleTip = false;
    for (const m of drawn) {
      const look = markerLook(m);
      const latLng: LatLngTuple = [m.lat, m.lng];
      circleMarker(latLng, { ...look, renderer, interactive: false }).addTo(dots);
      if (isPulsing(m.alarmAt, now)) wantedRings.set(pulseKey(m), m);
      if (m.kind === 'point') {
        const point = map.latLngToContainerPoint(latLng);
        targets.push({ x: point.x, y: point.y, radius: look.radius, value: m });
        if (m.item.kind === 'incident' && m.item.id === tipIncidentId) {
          openTip(m.item);
          visibleTip = true;
        }
        continue;
      }
      visibleClusters += 1;
      const label = document.createElement('span');
      label.className = 'map-cluster__count';
      label.textContent = String(m.count);
      const size = look.radius * 2;
      const icon = divIcon({ className: 'map-cluster', html: label, iconSize: [size, size] });
      const count = marker(latLng, { icon, pane: COUNTS_PANE, keyboard: true, title: options.clusterTitle(m.count) });
      count.on('click', () => {
        if (from) zoomInto(from, m);
      });
      count.addTo(counts);
      count.getElement()?.setAttribute('data-count', String(m.count));
    }
    if (!visibleTip) closeTip();
    syncRings(wantedRings);
    schedulePulseEnd(drawn, now);
    options.onDrawn({
      openAppeals: index?.openAppeals ?? 0,
      openIncidents: index?.openIncidents ?? 0,
      visibleClusters,
      visiblePoints: drawn.length - visibleClusters,
      pulsing: wantedRings.size,
    });
  }

  // Hit-testing of lone items. Capture phase, so a click on a marker stops before the
  // outline under it (Leaflet handles those on the container) would select a region.
  const isOverOther = (event: Event): boolean =>
    event.target instanceof Element &&
    event.target.closest('.leaflet-control, .leaflet-marker-icon, .leaflet-tooltip, .leaflet-popup') !== null;
  const hitAt = (event: MouseEvent): (MapMarker & { kind: 'point' }) | null => {
    if (isOverOther(event)) return null;
    const point = map.mouseEventToContainerPoint(event);
    return hitMarker(targets, point.x, point.y);
  };
  // A click that ends a drag is no click on a marker.
  let downAt: { x: number; y: number } | null = null;
  const onDown = (event: MouseEvent): void => {
    downAt = { x: event.clientX, y: event.clientY };
  };
  const onClick = (event: MouseEvent): void => {
    if (downAt && Math.hypot(event.clientX - downAt.x, event.clientY - downAt.y) > DRAG_SLOP_PX) return;
    const hit = hitAt(event);
    if (!hit) return;
    event.stopPropagation();
    event.preventDefault();
    if (hit.item.kind === 'appeal') options.onAppeal(hit.item.id);
    else openTip(hit.item);
  };
  const onMove = (event: MouseEvent): void => {
    const hit = hitAt(event);
    container.classList.toggle('map-markers--pointer', hit !== null);
    if (hit?.item.kind === 'incident') openTip(hit.item);
    else closeTip();
  };
  const onLeave = (): void => {
    container.classList.remove('map-markers--pointer');
    closeTip();
  };
  container.addEventListener('mousedown', onDown, true);
  container.addEventListener('click', onClick, true);
  container.addEventListener('mousemove', onMove, true);
  container.addEventListener('mouseleave', onLeave);
  map.on('moveend', redraw);

  return {
    setIndex(next) {
      index = next;
      redraw();
    },
    redraw,
    dispose() {
      if (pulseTimer !== null) clearTimeout(pulseTimer);
      map.off('moveend', redraw);
      container.removeEventListener('mousedown', onDown, true);
      container.removeEventListener('click', onClick, true);
      container.removeEventListener('mousemove', onMove, true);
      container.removeEventListener('mouseleave', onLeave);
      container.classList.remove('map-markers--pointer');
      closeTip();
      for (const ring of rings.values()) ring.remove();
      rings.clear();
      dots.remove();
      counts.remove();
      renderer.remove();
    },
  };
}
