import 'leaflet/dist/leaflet.css';
import type { RegionLayer } from '@shared';
import type { PathOptions } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { CircleMarker, GeoJSON, MapContainer, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import { coordinateBounds, type Bounds } from '../map/layerBounds';
import type { PointSource } from './appealDraft';
import type { Point } from './locateRegion';

export interface LocationMapProps {
  layer: RegionLayer;
  /** Shapes to fit at first (the user's regions), or null for the whole layer. */
  focusCodes: ReadonlySet<string> | null;
  point: Point | null;
  pointSource: PointSource | null;
  onPick(point: Point): void;
  tileUrl?: string;
  tileAttribution?: string;
}

const KAZAKHSTAN: Bounds = [
  [40.5, 46.5],
  [55.5, 87.4],
];

const OUTLINE: PathOptions = { color: '#9fb2c6', weight: 1, opacity: 1, fillColor: '#1b2a3a', fillOpacity: 0.35 };
const POINT: PathOptions = { color: '#ffe16b', weight: 3, fillColor: '#ffe16b', fillOpacity: 0.6 };
const APPROXIMATE_POINT: PathOptions = { ...POINT, dashArray: '4 4', fillOpacity: 0.25 };

/** Leaflet's attribution is HTML; ours is plain text (a licence line must show as written). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Zoom to show a picked settlement or district around its point. */
const PLACE_ZOOM = 11;

function ClickToPick({ onPick }: { onPick(point: Point): void }) {
  useMapEvents({ click: (event) => onPick({ lat: event.latlng.lat, lng: event.latlng.lng }) });
  return null;
}

/** Moves the view to a point that came from the typeahead or the region select (not to a click). */
function FollowPoint({ point, pointSource }: { point: Point | null; pointSource: PointSource | null }) {
  const map = useMap();
  useEffect(() => {
    if (point === null || pointSource === 'map') return;
    map.setView([point.lat, point.lng], Math.max(map.getZoom(), pointSource === 'region' ? 9 : PLACE_ZOOM));
  }, [map, point, pointSource]);
  return null;
}

/**
 * The console's small map: region outlines (not clickable themselves, so a click anywhere
 * lands on the map) and the appeal's point, dashed while it is only approximate. A click
 * sets the point; the form finds the region under it. Loaded lazily, like the wall map.
 */
export function LocationMap({
  layer,
  focusCodes,
  point,
  pointSource,
  onPick,
  tileUrl,
  tileAttribution,
}: LocationMapProps) {
  const [bounds] = useState<Bounds>(() => {
    const features = layer.geojson.features.filter((f) => focusCodes === null || focusCodes.has(f.properties.code));
    return coordinateBounds(features.map((f) => f.geometry.coordinates)) ?? KAZAKHSTAN;
  });
  const outlines = useMemo(() => layer.geojson, [layer]);
  return (
    <MapContainer
      className="agent-map__leaflet"
      bounds={bounds}
      boundsOptions={{ padding: [8, 8] }}
      zoomSnap={0.5}
      minZoom={3}
      maxZoom={17}
      attributionControl
      // The map is a mouse aid beside the address field: no Tab stop of its own (issue 18).
      keyboard={false}
    >
      <NoTabStops />
      {tileUrl !== undefined && <TileLayer url={tileUrl} attribution={escapeHtml(tileAttribution ?? '')} />}
      <GeoJSON
        data={outlines}
        style={() => OUTLINE}
        interactive={false}
        attribution={layer.attribution === null ? undefined : escapeHtml(layer.attribution)}
      />
      {point && (
        <CircleMarker
          center={[point.lat, point.lng]}
          radius={8}
          pathOptions={pointSource === 'map' ? POINT : APPROXIMATE_POINT}
          interactive={false}
        />
      )}
      <ClickToPick onPick={onPick} />
      <FollowPoint point={point} pointSource={pointSource} />
    </MapContainer>
  );
}

/**
 * Keeps the map out of the form's Tab order (issue 18: it added 5–6 stops, one of them the
 * "Leaflet" credit that left the page): no "Leaflet" link in the credits (the licence lines
 * stay, as plain text), and the zoom buttons stay for the mouse but are skipped by Tab.
 */
function NoTabStops() {
  const map = useMap();
  useEffect(() => {
    map.attributionControl?.setPrefix(false);
    const container = map.getContainer();
    const skip = () => {
      for (const element of container.querySelectorAll<HTMLElement>('.leaflet-control a, .leaflet-control button')) {
        element.tabIndex = -1;
      }
    };
    skip();
    // Controls re-render their links (the zoom buttons on every zoom): keep them skipped.
    const observer = new MutationObserver(skip);
    observer.observe(container.querySelector('.leaflet-control-container') ?? container, {
      childList: true,
      subtree: true,
    });
    return () => observer.disconnect();
  }, [map]);
  return null;
}
