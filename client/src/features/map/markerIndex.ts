import { isOpenStatus, type Appeal, type Incident } from '@shared';
import {
  appealItemOf,
  incidentItemOf,
  isAlarm,
  isSameAppeal,
  isSameIncident,
  isUrgent,
  itemKey,
  levelOf,
  type MarkerItem,
  type MarkerLevel,
} from './markerItems';

export interface ClusterMarker {
  kind: 'cluster';
  /** Stable while the zoom stays and the cluster keeps its largest part: the zoom and that grid cell. */
  key: string;
  /** The whole zoom it was formed at. */
  zoom: number;
  /** The grid cells (at `zoom`) it stands for. */
  cells: readonly number[];
  lat: number;
  lng: number;
  /** Items inside: always `appeals + incidents`. */
  count: number;
  appeals: number;
  incidents: number;
  /** Items needing attention now (isUrgent): overdue appeals and alarms. */
  urgent: number;
  /** Emergency appeals and critical incidents inside. */
  alarms: number;
  /** Newest `at` of an alarm inside; -Infinity when there is none. */
  alarmAt: number;
}

export interface PointMarker {
  kind: 'point';
  /** itemKey of the item. */
  key: string;
  item: MarkerItem;
  lat: number;
  lng: number;
  level: MarkerLevel;
  /** The item's `at` when it is an alarm, else -Infinity. */
  alarmAt: number;
}

export type MapMarker = ClusterMarker | PointMarker;

/** What one grid cell adds up from the items in it. */
interface Cell {
  count: number;
  appeals: number;
  incidents: number;
  urgent: number;
  /** Sums of the items' world coordinates (0–1), for the cluster's centre of mass. */
  sumX: number;
  sumY: number;
  /** Alarm items inside, with their `at` (few: emergencies are rare). */
  alarms: Map<Stored, number> | null;
  /** LEAF_ZOOM only: the items inside. */
  members: Set<Stored> | null;
}

interface Stored {
  item: MarkerItem;
  key: string;
  /** World coordinates, 0–1 (Web Mercator). */
  x: number;
  y: number;
  /** The item's cell at the leaf zoom; the cells of lower zooms are these shifted right. */
  leafX: number;
  leafY: number;
  /** The sync pass that last saw it (syncMarkerIndex). */
  stamp: number;
}

/**
 * A grid of counts per whole zoom over Web Mercator (a quadtree: each cell splits into
 * four at the next zoom), updated item by item. A clustering rebuilt from scratch
 * (supercluster, before) cost 200+ ms of main thread a second for 20,000 points
 * (bench/mapBrowser.ts); here an event costs one cell per zoom, and a cluster keeps its
 * key between updates, so the view redraws only what changed.
 */
export interface MarkerIndex {
  /** By id, one map per kind (the replica's own id strings as keys: no key building per lookup). */
  appeals: Map<string, Stored>;
  incidents: Map<string, Stored>;
  /** Cells by key (`cy * cellsPerAxis + cx`), one map per zoom 0…LEAF_ZOOM. */
  grids: Map<number, Cell>[];
  openAppeals: number;
  openIncidents: number;
  stamp: number;
}

/** Clusters form up to this zoom; above it (the map's max is 13) every item stands alone. */
export const CLUSTER_MAX_ZOOM = 12;
const LEAF_ZOOM = CLUSTER_MAX_ZOOM;
/** Grid cell size in screen pixels (at 256-px tiles). */
const CELL_PX = 64;
const CELLS_AT_ZOOM_0 = 256 / CELL_PX;
const LEAF_CELLS = CELLS_AT_ZOOM_0 * 2 ** LEAF_ZOOM;
/** Clusters and points closer than this on screen are drawn as one cluster. */
export const MERGE_PX = 48;
const MAX_LAT = 85.05112878;

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

const cellsPerAxis = (zoom: number): number => CELLS_AT_ZOOM_0 * 2 ** zoom;
const lngX = (lng: number): number => Math.min(1, Math.max(0, lng / 360 + 0.5));
function latY(lat: number): number {
  const sin = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return Math.min(1, Math.max(0, 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI));
}
const xLng = (x: number): number => (x - 0.5) * 360;
const yLat = (y: number): number => (360 / Math.PI) * Math.atan(Math.exp((1 - 2 * y) * Math.PI)) - 90;
const cellOf = (v: number, n: number): number => Math.min(n - 1, Math.floor(v * n));

function change(index: MarkerIndex, stored: Stored, sign: 1 | -1): void {
  const { item, leafX, leafY } = stored;
  const isAppeal = item.kind === 'appeal';
  const urgent = isUrgent(item) ? sign : 0;
  const alarm = isAlarm(item);
  const x = sign * stored.x;
  const y = sign * stored.y;
  for (let z = 0; z <= LEAF_ZOOM; z += 1) {
    const shift = LEAF_ZOOM - z;
    const cellKey = (leafY >> shift) * (LEAF_CELLS >> shift) + (leafX >> shift);
    const grid = index.grids[z] as Map<number, Cell>;
    let cell = grid.get(cellKey);
    if (!cell) {
      if (sign < 0) continue;
      cell = { count: 0, appeals: 0, incidents: 0, urgent: 0, sumX: 0, sumY: 0, alarms: null, members: null };
      grid.set(cellKey, cell);
    }
    cell.count += sign;
    if (cell.count <= 0) {
      grid.delete(cellKey);
      continue;
    }
    if (isAppeal) cell.appeals += sign;
    else cell.incidents += sign;
    cell.urgent += urgent;
    cell.sumX += x;
    cell.sumY += y;
    if (alarm) {
      if (sign > 0) (cell.alarms ??= new Map()).set(stored, item.at);
      else cell.alarms?.delete(stored);
    }
    if (z === LEAF_ZOOM) {
      if (sign > 0) (cell.members ??= new Set()).add(stored);
      else cell.members?.delete(stored);
    }
  }
  if (isAppeal) index.openAppeals += sign;
  else index.openIncidents += sign;
}

const storeOf = (index: MarkerIndex, kind: MarkerItem['kind']): Map<string, Stored> =>
  kind === 'appeal' ? index.appeals : index.incidents;

/** Adds an item, or replaces the one with the same kind and id. */
export function upsertMarker(index: MarkerIndex, item: MarkerItem, stamp = index.stamp): void {
  const items = storeOf(index, item.kind);
  const old = items.get(item.id);
  if (old) change(index, old, -1);
  const x = lngX(item.lng);
  const y = latY(item.lat);
  const leafX = cellOf(x, LEAF_CELLS);
  const leafY = cellOf(y, LEAF_CELLS);
  const stored: Stored = { item, key: old?.key ?? itemKey(item), x, y, leafX, leafY, stamp };
  items.set(item.id, stored);
  change(index, stored, 1);
}

/** Removes the item of this kind and id, if there is one. */
export function removeMarker(index: MarkerIndex, kind: MarkerItem['kind'], id: string): void {
  const items = storeOf(index, kind);
  const old = items.get(id);
  if (!old) return;
  change(index, old, -1);
  items.delete(id);
}

export function createMarkerIndex(items: readonly MarkerItem[] = []): MarkerIndex {
  const index: MarkerIndex = {
    appeals: new Map(),
    incidents: new Map(),
    grids: Array.from({ length: LEAF_ZOOM + 1 }, () => new Map<number, Cell>()),
    openAppeals: 0,
    openIncidents: 0,
    stamp: 0,
  };
  for (const item of items) upsertMarker(index, item);
  return index;
}

/**
 * Brings the index in line with the projection at `now`: open appeals and incidents are
 * added or updated where they differ from their item (an appeal that became overdue
 * too), everything else is removed. O(items) comparisons, allocation only for changes.
 * Returns how many items changed.
 */
export function syncMarkerIndex(
  index: MarkerIndex,
  appeals: Iterable<Appeal>,
  incidents: Iterable<Incident>,
  now: number,
): number {
  const stamp = (index.stamp += 1);
  let changes = 0;
  for (const appeal of appeals) {
    if (!isOpenStatus(appeal.status)) continue;
    const stored = index.appeals.get(appeal.id);
    if (stored && isSameAppeal(stored.item, appeal, now)) stored.stamp = stamp;
    else {
      upsertMarker(index, appealItemOf(appeal, now), stamp);
      changes += 1;
    }
  }
  for (const incident of incidents) {
    if (incident.status !== 'open') continue;
    const stored = index.incidents.get(incident.id);
    if (stored && isSameIncident(stored.item, incident)) stored.stamp = stamp;
    else {
      upsertMarker(index, incidentItemOf(incident), stamp);
      changes += 1;
    }
  }
  for (const items of [index.appeals, index.incidents]) {
    for (const [id, stored] of items) {
      if (stored.stamp === stamp) continue;
      change(index, stored, -1);
      items.delete(id);
      changes += 1;
    }
  }
  return changes;
}

/** Which appeals and incidents to look at again (by id). */
export interface MarkerChanges {
  appeals: Iterable<string>;
  incidents: Iterable<string>;
}

/**
 * Like syncMarkerIndex, but only for the listed appeals and incidents (those a frame's
 * events touched): O(changes). Returns how many items changed.
 */
export function updateMarkers(
  index: MarkerIndex,
  state: { appeals: ReadonlyMap<string, Appeal>; incidents: ReadonlyMap<string, Incident> },
  changed: MarkerChanges,
  now: number,
): number {
  let changes = 0;
  for (const id of changed.appeals) {
    const appeal = state.appeals.get(id);
    const stored = index.appeals.get(id);
    if (appeal && isOpenStatus(appeal.status)) {
      if (stored && isSameAppeal(stored.item, appeal, now)) continue;
      upsertMarker(index, appealItemOf(appeal, now));
    } else if (stored) removeMarker(index, 'appeal', id);
    else continue;
    changes += 1;
  }
  for (const id of changed.incidents) {
    const incident = state.incidents.get(id);
    const stored = index.incidents.get(id);
    if (incident?.status === 'open') {
      if (stored && isSameIncident(stored.item, incident)) continue;
      upsertMarker(index, incidentItemOf(incident));
    } else if (stored) removeMarker(index, 'incident', id);
    else continue;
    changes += 1;
  }
  return changes;
}

/** The items of a cell and its descendants down to the leaf zoom. */
function collect(index: MarkerIndex, zoom: number, cellKey: number, out: MarkerItem[]): void {
  const cell = index.grids[zoom]?.get(cellKey);
  if (!cell) return;
  if (zoom === LEAF_ZOOM) {
    for (const stored of cell.members ?? []) out.push(stored.item);
    return;
  }
  const n = cellsPerAxis(zoom);
  const cx = cellKey % n;
  const cy = (cellKey - cx) / n;
  for (let dy = 0; dy < 2; dy += 1) {
    for (let dx = 0; dx < 2; dx += 1) collect(index, zoom + 1, (2 * cy + dy) * 2 * n + 2 * cx + dx, out);
  }
}

/** Every item a cluster stands for. */
export function leavesOf(index: MarkerIndex, cluster: Pick<ClusterMarker, 'zoom' | 'cells'>): MarkerItem[] {
  const out: MarkerItem[] = [];
  for (const cellKey of cluster.cells) collect(index, cluster.zoom, cellKey, out);
  return out;
}

function pointOf(item: MarkerItem): PointMarker {
  return {
    kind: 'point',
    key: itemKey(item),
    item,
    lat: item.lat,
    lng: item.lng,
    level: levelOf(item),
    alarmAt: isAlarm(item) ? item.at : Number.NEGATIVE_INFINITY,
  };
}

function isInside(bbox: Bbox, lat: number, lng: number): boolean {
  return lng >= bbox[0] && lng <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
}

/** The cells of one zoom whose centre of mass lies in the box (or, `isAnyPart`, that overlap it). */
function cellsIn(index: MarkerIndex, bbox: Bbox, zoom: number, isAnyPart = false): [number, Cell][] {
  const grid = index.grids[zoom] as Map<number, Cell>;
  const n = cellsPerAxis(zoom);
  const [x0, x1] = [cellOf(lngX(bbox[0]), n), cellOf(lngX(bbox[2]), n)];
  const [y0, y1] = [cellOf(latY(bbox[3]), n), cellOf(latY(bbox[1]), n)];
  const found: [number, Cell][] = [];
  const keep = (key: number, cell: Cell): void => {
    if (isAnyPart) {
      const cx = key % n;
      const cy = (key - cx) / n;
      if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) found.push([key, cell]);
    } else if (isInside(bbox, yLat(cell.sumY / cell.count), xLng(cell.sumX / cell.count))) found.push([key, cell]);
  };
  // Walk the box's cells when it holds fewer than the grid has (zoomed in), else the grid.
  if ((x1 - x0 + 1) * (y1 - y0 + 1) < grid.size) {
    for (let cy = y0; cy <= y1; cy += 1) {
      for (let cx = x0; cx <= x1; cx += 1) {
        const cell = grid.get(cy * n + cx);
        if (cell) keep(cy * n + cx, cell);
      }
    }
  } else for (const [key, cell] of grid) keep(key, cell);
  return found;
}

/**
 * Clusters and lone items inside the box at a zoom (fractional zooms round down). Grid
 * cells closer than MERGE_PX on screen are merged, largest first, so clusters do not
 * overlap across a cell border; a cluster's count is always every item it stands for.
 * Lone items are listed after the clusters, the most alarming last (drawn on top).
 */
export function markersIn(index: MarkerIndex, bbox: Bbox, zoom: number): MapMarker[] {
  const z = Math.max(0, Math.floor(zoom));
  if (z > LEAF_ZOOM) {
    const points: PointMarker[] = [];
    for (const [, cell] of cellsIn(index, bbox, LEAF_ZOOM, true)) {
      for (const { item } of cell.members ?? []) if (isInside(bbox, item.lat, item.lng)) points.push(pointOf(item));
    }
    return points.sort((a, b) => a.level - b.level);
  }
  const worldPx = 256 * 2 ** z;
  const found = cellsIn(index, bbox, z)
    .map(([key, cell]) => ({
      key,
      cell,
      px: (cell.sumX / cell.count) * worldPx,
      py: (cell.sumY / cell.count) * worldPx,
    }))
    .sort((a, b) => b.cell.count - a.cell.count || a.key - b.key);
  // Neighbours within MERGE_PX, found through a hash of MERGE_PX squares.
  const buckets = new Map<string, number[]>();
  const bucketOf = (px: number, py: number): [number, number] => [Math.floor(px / MERGE_PX), Math.floor(py / MERGE_PX)];
  found.forEach((f, i) => {
    const [bx, by] = bucketOf(f.px, f.py);
    const list = buckets.get(`${bx},${by}`);
    if (list) list.push(i);
    else buckets.set(`${bx},${by}`, [i]);
  });
  const isTaken = new Uint8Array(found.length);
  const clusters: ClusterMarker[] = [];
  const points: PointMarker[] = [];
  found.forEach((head, i) => {
    if (isTaken[i]) return;
    isTaken[i] = 1;
    const group = [head];
    const [bx, by] = bucketOf(head.px, head.py);
    for (let dy = -1; dy <= 1; dy += 1) {
      for (let dx = -1; dx <= 1; dx += 1) {
        for (const j of buckets.get(`${bx + dx},${by + dy}`) ?? []) {
          const other = found[j];
          if (isTaken[j] || !other || Math.hypot(other.px - head.px, other.py - head.py) >= MERGE_PX) continue;
          isTaken[j] = 1;
          group.push(other);
        }
      }
    }
    const sums = { count: 0, appeals: 0, incidents: 0, urgent: 0, alarms: 0, alarmAt: -Infinity, sumX: 0, sumY: 0 };
    for (const { cell } of group) {
      sums.count += cell.count;
      sums.appeals += cell.appeals;
      sums.incidents += cell.incidents;
      sums.urgent += cell.urgent;
      sums.sumX += cell.sumX;
      sums.sumY += cell.sumY;
      for (const at of cell.alarms?.values() ?? []) {
        sums.alarms += 1;
        sums.alarmAt = Math.max(sums.alarmAt, at);
      }
    }
    if (sums.count === 1) {
      const [item] = leavesOf(index, { zoom: z, cells: [head.key] });
      if (item) points.push(pointOf(item));
      return;
    }
    const { sumX, sumY, ...counts } = sums;
    clusters.push({
      kind: 'cluster',
      key: `${z}:${head.key}`,
      zoom: z,
      cells: group.map((g) => g.key),
      lat: yLat(sumY / sums.count),
      lng: xLng(sumX / sums.count),
      ...counts,
    });
  });
  return [...clusters, ...points.sort((a, b) => a.level - b.level)];
}
