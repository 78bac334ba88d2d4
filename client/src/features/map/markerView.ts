import {
  canvas,
  circleMarker,
  divIcon,
  latLngBounds,
  layerGroup,
  marker,
  point,
  tooltip as createTooltip,
  type CircleMarker,
  type LatLngTuple,
  type Map as LeafletMap,
  type Marker,
} from 'leaflet';
import { hitMarker, type HitTarget } from './markerHit';
import {
  leavesOf,
  markersIn,
  type ClusterMarker,
  type MapMarker,
  type MarkerIndex,
  type PointMarker,
} from './markerIndex';
import type { IncidentItem } from './markerItems';
import { clusterTone, markerLook, nextPulseEnd, pulsingMarkers, type MarkerLook } from './markerStyle';

/** What the last redraw showed (the test/diagnostic `<output>` in MarkersLayer). */
export interface MarkerSummary {
  openAppeals: number;
  openIncidents: number;
  visibleClusters: number;
  visiblePoints: number;
  pulsing: number;
}

/** A drawn cluster in container pixels, for what must not sit on it (region labels). */
export interface DrawnCircle {
  x: number;
  y: number;
  radius: number;
}

/** Fired on the map after each redraw, with the clusters drawn (`map.on(MARKERS_DRAWN, …)`). */
export const MARKERS_DRAWN = 'ortalyq:markersdrawn';

export interface MarkerViewOptions {
  now: () => number;
  /** Accessible name of a cluster's count label. */
  clusterTitle: (cluster: ClusterMarker) => string;
  incidentTooltip: (item: IncidentItem) => HTMLElement;
  onAppeal: (appealId: string) => void;
  onDrawn: (summary: MarkerSummary) => void;
  /**
   * False on a read-only map (the wall screen): cluster counts are plain labels (no focus,
   * no zoom on click) and the markers take no clicks or hovers. Default true.
   */
  isInteractive?: boolean;
  /**
   * Marker size against the desk's (1): the wall screen grows its markers with its type
   * (issue 18: readable from 5 m, "markers included"). Read on every redraw, so a resize counts.
   */
  markerScale?: () => number;
}

/** A look with its radius scaled (integer px: a canvas circle of a fractional radius blurs). */
function scaledLook(look: MarkerLook, scale: number): MarkerLook {
  return scale === 1 ? look : { ...look, radius: Math.round(look.radius * scale) };
}

/**
 * The marker scale a map's container asks for: `data-marker-scale="type"` on an ancestor
 * follows the root type size (20 px is the desk's 1), anything else is 1.
 */
export function markerScaleOf(container: HTMLElement): number {
  if (container.closest('[data-marker-scale="type"]') === null) return 1;
  const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(root) && root > 20 ? root / 20 : 1;
}

export interface MarkerView {
  /** Shows another index, or the same one after it changed. */
  setIndex(index: MarkerIndex): void;
  redraw(): void;
  /** Rebuilds every cluster's accessible name (the language changed). */
  retitle(): void;
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

/** One marker on screen: its circle on the canvas and, for a cluster, its count label. */
interface Shown {
  marker: MapMarker;
  circle: CircleMarker;
  look: MarkerLook;
  label: Marker | null;
  /** What the label shows, to touch its DOM only when that changes. */
  labelState: string;
}

function paneOf(map: LeafletMap, name: string, className: string): HTMLElement {
  const pane = map.getPane(name) ?? map.createPane(name);
  pane.classList.add(className);
  return pane;
}

function pulseClass(m: MapMarker): string {
  return m.kind === 'point' && m.item.kind === 'incident' ? 'map-pulse map-pulse--incident' : 'map-pulse';
}

function isSameLook(a: MarkerLook, b: MarkerLook): boolean {
  return (
    a.radius === b.radius &&
    a.color === b.color &&
    a.weight === b.weight &&
    a.opacity === b.opacity &&
    a.fillColor === b.fillColor &&
    a.fillOpacity === b.fillOpacity
  );
}

function clusterIcon(cluster: ClusterMarker, radius: number) {
  const label = document.createElement('span');
  label.className = 'map-cluster__count';
  label.textContent = String(cluster.count);
  const size = radius * 2;
  const alarm = cluster.alarms > 0 ? ' map-cluster--alarm' : '';
  return divIcon({
    className: `map-cluster map-cluster--${clusterTone(cluster)}${alarm}`,
    html: label,
    iconSize: [size, size],
  });
}

/**
 * The live markers, drawn imperatively: a circle per lone item or cluster on one canvas
 * renderer, an HTML count label per visible cluster, and a CSS-animated ring per fresh
 * alarm. A redraw reconciles what is on screen by marker key (clusters keep their key
 * between updates at one zoom), so an update touches only the circles and labels that
 * changed, and Leaflet's canvas repaints only around them. Redrawing never moves the map;
 * only a click on a cluster zooms (a user action). The canvas takes no pointer events (so
 * clicks between markers still reach the region outlines); lone items are hit-tested here.
 */
export function createMarkerView(map: LeafletMap, options: MarkerViewOptions): MarkerView {
  const isInteractive = options.isInteractive ?? true;
  paneOf(map, DOTS_PANE, 'map-markers');
  paneOf(map, PULSE_PANE, 'map-marker-pulses');
  paneOf(map, COUNTS_PANE, 'map-marker-counts');
  const renderer = canvas({ pane: DOTS_PANE, padding: VIEW_PADDING });
  const dots = layerGroup().addTo(map);
  const counts = layerGroup().addTo(map);
  const shown = new Map<string, Shown>();
  const rings = new Map<string, Marker>();
  const tip = createTooltip({
    direction: 'top',
    offset: [0, -10],
    opacity: 1,
    className: 'region-tooltip map-tooltip',
  });
  const container = map.getContainer();

  let index: MarkerIndex | null = null;
  let targets: HitTarget<PointMarker>[] = [];
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

  /** Zooms to what the cluster holds (at least one step), never past the map's maximum. */
  const zoomInto = (key: string): void => {
    const cluster = shown.get(key)?.marker;
    if (!index || cluster?.kind !== 'cluster') return;
    const leaves = leavesOf(index, cluster);
    const bounds = latLngBounds(leaves.map((item): LatLngTuple => [item.lat, item.lng]));
    if (!bounds.isValid()) return;
    const fit = map.getBoundsZoom(bounds, false, point(48, 48));
    const zoom = Math.min(map.getMaxZoom(), Math.max(Math.floor(map.getZoom()) + 1, fit));
    map.setView(bounds.getCenter(), zoom);
  };

  const labelOf = (m: ClusterMarker, look: MarkerLook): Marker => {
    const label = marker([m.lat, m.lng], {
      icon: clusterIcon(m, look.radius),
      pane: COUNTS_PANE,
      interactive: isInteractive,
      keyboard: isInteractive,
      title: options.clusterTitle(m),
    });
    if (isInteractive) label.on('click', () => zoomInto(m.key));
    return label;
  };

  /** Brings a cluster's label in line with the cluster: new icon on a size/tone change, else text and title. */
  const updateLabel = (entry: Shown, m: ClusterMarker, look: MarkerLook): void => {
    const state = `${m.count}|${m.urgent}|${m.alarms}|${look.radius}`;
    if (!entry.label) {
      entry.label = labelOf(m, look).addTo(counts);
    } else {
      entry.label.setLatLng([m.lat, m.lng]);
      if (state === entry.labelState) return;
      const previous = entry.marker;
      const isSameIcon =
        previous.kind === 'cluster' &&
        clusterTone(previous) === clusterTone(m) &&
        previous.alarms > 0 === m.alarms > 0 &&
        entry.look.radius === look.radius;
      if (isSameIcon) {
        const text = entry.label.getElement()?.querySelector('.map-cluster__count');
        if (text) text.textContent = String(m.count);
      } else entry.label.setIcon(clusterIcon(m, look.radius));
      const title = options.clusterTitle(m);
      entry.label.options.title = title;
      const element = entry.label.getElement();
      if (element) element.title = title;
    }
    entry.labelState = state;
    entry.label.getElement()?.setAttribute('data-count', String(m.count));
  };

  /** Adds, updates or removes circles and labels so the screen shows `drawn`. */
  const reconcile = (drawn: readonly MapMarker[]): void => {
    const wanted = new Set<string>();
    const scale = options.markerScale?.() ?? 1;
    for (const m of drawn) {
      wanted.add(m.key);
      const look = scaledLook(markerLook(m), scale);
      let entry = shown.get(m.key);
      if (!entry) {
        const circle = circleMarker([m.lat, m.lng], { ...look, renderer, interactive: false }).addTo(dots);
        entry = { marker: m, circle, look, label: null, labelState: '' };
        shown.set(m.key, entry);
      } else {
        const at = entry.circle.getLatLng();
        if (at.lat !== m.lat || at.lng !== m.lng) entry.circle.setLatLng([m.lat, m.lng]);
        if (!isSameLook(entry.look, look)) {
          entry.circle.setStyle(look);
          entry.circle.setRadius(look.radius);
        }
      }
      if (m.kind === 'cluster') updateLabel(entry, m, look);
      else if (entry.label) {
        entry.label.remove();
        entry.label = null;
      }
      entry.marker = m;
      entry.look = look;
    }
    for (const [key, entry] of shown) {
      if (wanted.has(key)) continue;
      entry.circle.remove();
      entry.label?.remove();
      shown.delete(key);
    }
  };

  const syncRings = (wanted: ReadonlyMap<string, MapMarker>): void => {
    for (const [key, ring] of rings) {
      if (wanted.has(key)) continue;
      ring.remove();
      rings.delete(key);
    }
    for (const [key, m] of wanted) {
      const latLng: LatLngTuple = [m.lat, m.lng];
      const existing = rings.get(key);
      if (existing) {
        existing.setLatLng(latLng);
        continue;
      }
      const size = scaledLook(markerLook(m), options.markerScale?.() ?? 1).radius * 2 + 8;
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
    const now = options.now();
    const bounds = map.getBounds().pad(VIEW_PADDING);
    const drawn = index
      ? markersIn(index, [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], map.getZoom())
      : [];
    reconcile(drawn);
    targets = [];
    const circles: DrawnCircle[] = [];
    const wantedRings = new Map(pulsingMarkers(drawn, now).map((m) => [m.key, m]));
    let visibleClusters = 0;
    let visibleTip = false;
    for (const m of drawn) {
      const point = map.latLngToContainerPoint([m.lat, m.lng]);
      const radius = shown.get(m.key)?.look.radius ?? 0;
      if (m.kind === 'cluster') {
        visibleClusters += 1;
        circles.push({ x: point.x, y: point.y, radius });
        continue;
      }
      targets.push({ x: point.x, y: point.y, radius, value: m });
      if (m.item.kind === 'incident' && m.item.id === tipIncidentId) {
        openTip(m.item);
        visibleTip = true;
      }
    }
    if (!visibleTip) closeTip();
    syncRings(wantedRings);
    schedulePulseEnd(drawn, now);
    map.fire(MARKERS_DRAWN, { circles });
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
  const hitAt = (event: MouseEvent): PointMarker | null => {
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
  if (isInteractive) {
    container.addEventListener('mousedown', onDown, true);
    container.addEventListener('click', onClick, true);
    container.addEventListener('mousemove', onMove, true);
    container.addEventListener('mouseleave', onLeave);
  }
  map.on('moveend', redraw);

  return {
    setIndex(next) {
      index = next;
      redraw();
    },
    redraw,
    retitle() {
      for (const entry of shown.values()) {
        const element = entry.label?.getElement();
        if (element && entry.marker.kind === 'cluster') element.title = options.clusterTitle(entry.marker);
      }
      // An open incident tooltip is rebuilt by a redraw.
      if (tipIncidentId !== null) redraw();
    },
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
      shown.clear();
      dots.remove();
      counts.remove();
      renderer.remove();
    },
  };
}
