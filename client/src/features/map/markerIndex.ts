import { isOpenStatus, type Appeal, type AppealStatus, type Incident, type Priority, type Severity } from '@shared';
import Supercluster from 'supercluster';

/** An open appeal as a map point. `at` is when it was registered (epoch ms). */
export interface AppealItem {
  kind: 'appeal';
  id: string;
  lat: number;
  lng: number;
  priority: Priority;
  status: AppealStatus;
  at: number;
}

/** An open incident as a map point. `at` is when it was opened (epoch ms). */
export interface IncidentItem {
  kind: 'incident';
  id: string;
  lat: number;
  lng: number;
  severity: Severity;
  title: string;
  appealCount: number;
  at: number;
}

export type MarkerItem = AppealItem | IncidentItem;

/**
 * How alarming an item is, 0–3: an appeal's priority (low … emergency) or an incident's
 * severity (minor = normal … critical = emergency). A cluster shows its worst item's level.
 */
export type MarkerLevel = 0 | 1 | 2 | 3;

const PRIORITY_LEVEL = { low: 0, normal: 1, high: 2, emergency: 3 } as const satisfies Record<Priority, MarkerLevel>;
const SEVERITY_LEVEL = { minor: 1, major: 2, critical: 3 } as const satisfies Record<Severity, MarkerLevel>;

export function levelOf(item: MarkerItem): MarkerLevel {
  return item.kind === 'appeal' ? PRIORITY_LEVEL[item.priority] : SEVERITY_LEVEL[item.severity];
}

/** An emergency appeal or a critical incident: these pulse when they arrive. */
export function isAlarm(item: MarkerItem): boolean {
  return levelOf(item) === 3;
}

/** What a cluster adds up from its items (supercluster map/reduce). */
interface ClusterSums {
  appeals: number;
  incidents: number;
  level: MarkerLevel;
  /** Newest `at` of an alarm inside; -Infinity when there is none. */
  alarmAt: number;
}

export interface ClusterMarker {
  kind: 'cluster';
  /** Valid only for the index it came from (supercluster numbers clusters per build). */
  clusterId: number;
  lat: number;
  lng: number;
  /** Items inside: always `appeals + incidents`. */
  count: number;
  appeals: number;
  incidents: number;
  level: MarkerLevel;
  alarmAt: number;
}

export interface PointMarker {
  kind: 'point';
  item: MarkerItem;
  lat: number;
  lng: number;
  level: MarkerLevel;
  /** The item's `at` when it is an alarm, else -Infinity. */
  alarmAt: number;
}

export type MapMarker = ClusterMarker | PointMarker;

export interface MarkerIndex {
  clusters: Supercluster<MarkerItem, ClusterSums>;
  openAppeals: number;
  openIncidents: number;
}

/** Clusters form up to this zoom; above it (the map's max is 13) every item stands alone. */
export const CLUSTER_MAX_ZOOM = 12;
/** Cluster radius in screen pixels (at 256-px tiles). */
const CLUSTER_RADIUS_PX = 48;

/** Open appeals (isOpenStatus) and open incidents of the projection, as map points. */
export function openMarkerItems(appeals: Iterable<Appeal>, incidents: Iterable<Incident>): MarkerItem[] {
  const items: MarkerItem[] = [];
  for (const a of appeals) {
    if (!isOpenStatus(a.status)) continue;
    const { lat, lng } = a.location;
    items.push({ kind: 'appeal', id: a.id, lat, lng, priority: a.priority, status: a.status, at: a.registeredAt });
  }
  for (const i of incidents) {
    if (i.status !== 'open') continue;
    const { lat, lng } = i.location;
    items.push({
      kind: 'incident',
      id: i.id,
      lat,
      lng,
      severity: i.severity,
      title: i.title,
      appealCount: i.appealIds.length,
      at: i.openedAt,
    });
  }
  return items;
}

function sumsOf(item: MarkerItem): ClusterSums {
  return {
    appeals: item.kind === 'appeal' ? 1 : 0,
    incidents: item.kind === 'incident' ? 1 : 0,
    level: levelOf(item),
    alarmAt: isAlarm(item) ? item.at : Number.NEGATIVE_INFINITY,
  };
}

/**
 * A supercluster index over the items. Appeals and incidents share one index so that the
 * clusters never overlap and a cluster's count is every item it stands for.
 */
export function createMarkerIndex(items: readonly MarkerItem[]): MarkerIndex {
  const clusters = new Supercluster<MarkerItem, ClusterSums>({
    maxZoom: CLUSTER_MAX_ZOOM,
    radius: CLUSTER_RADIUS_PX,
    map: sumsOf,
    reduce: (into, add) => {
      into.appeals += add.appeals;
      into.incidents += add.incidents;
      into.level = Math.max(into.level, add.level) as MarkerLevel;
      into.alarmAt = Math.max(into.alarmAt, add.alarmAt);
    },
  });
  clusters.load(
    items.map((item) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [item.lng, item.lat] },
      properties: item,
    })),
  );
  let openAppeals = 0;
  for (const item of items) if (item.kind === 'appeal') openAppeals += 1;
  return { clusters, openAppeals, openIncidents: items.length - openAppeals };
}

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/**
 * Clusters and lone items inside the box at a zoom (fractional zooms round down, as the
 * clusters are built per whole zoom).
 */
export function markersIn(index: MarkerIndex, bbox: Bbox, zoom: number): MapMarker[] {
  return index.clusters.getClusters(bbox, zoom).map((feature): MapMarker => {
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    const props = feature.properties;
    if ('cluster' in props && props.cluster) {
      return {
        kind: 'cluster',
        clusterId: props.cluster_id,
        lat,
        lng,
        count: props.point_count,
        appeals: props.appeals,
        incidents: props.incidents,
        level: props.level,
        alarmAt: props.alarmAt,
      };
    }
    const item = props as MarkerItem;
    return { kind: 'point', item, lat, lng, level: levelOf(item), alarmAt: isAlarm(item) ? item.at : -Infinity };
  });
}

/** The zoom at which a cluster splits (for a click on it); null when the index no longer has it. */
export function expansionZoomOf(index: MarkerIndex, clusterId: number): number | null {
  try {
    return index.clusters.getClusterExpansionZoom(clusterId);
  } catch {
    return null;
  }
}
