import { isOpenStatus, type Appeal, type Incident } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  createMarkerIndex,
  leavesOf,
  markersIn,
  MERGE_PX,
  removeMarker,
  syncMarkerIndex,
  updateMarkers,
  upsertMarker,
  type Bbox,
  type MapMarker,
  type MarkerIndex,
} from '../../../../../client/src/features/map/markerIndex';
import { openMarkerItems } from '../../../../../client/src/features/map/markerItems';
import { T0 } from '../../../shared/factories';
import { appealAt, incidentAt, kazakhstanSpread } from './markerFixture';

/** Kazakhstan with a margin, and the whole world (a map zoomed far out). */
const COUNTRY: Bbox = [45, 39, 89, 57];
const WORLD: Bbox = [-180, -85, 180, 85];
const ZOOMS = [0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 7.75];

function total(markers: readonly MapMarker[]): number {
  return markers.reduce((sum, m) => sum + (m.kind === 'cluster' ? m.count : 1), 0);
}

/** What the markers of an index look like at a zoom, keys aside: two indexes with the same items agree. */
function picture(index: MarkerIndex, zoom: number) {
  return markersIn(index, COUNTRY, zoom)
    .map((m) =>
      m.kind === 'cluster'
        ? `${m.key} ${m.count}/${m.appeals}/${m.incidents}/${m.urgent}/${m.alarms} ${m.lat.toFixed(6)},${m.lng.toFixed(6)}`
        : `${m.key} ${m.lat},${m.lng}`,
    )
    .sort();
}

/** Web Mercator pixels at a whole zoom (256-px tiles). */
function pixels(m: MapMarker, zoom: number): [number, number] {
  const sin = Math.sin((m.lat * Math.PI) / 180);
  const size = 256 * 2 ** zoom;
  return [(m.lng / 360 + 0.5) * size, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size];
}

describe('markersIn', () => {
  const { appeals, incidents } = kazakhstanSpread(7, 2_000);
  const index = createMarkerIndex(openMarkerItems(appeals, incidents, T0));
  const openAppeals = appeals.filter((a) => isOpenStatus(a.status)).length;
  const openIncidents = incidents.filter((i) => i.status === 'open').length;

  it('indexes only the open appeals and incidents', () => {
    expect(openAppeals).toBeGreaterThan(0);
    expect(openAppeals).toBeLessThan(appeals.length);
    expect(index.openAppeals).toBe(openAppeals);
    expect(index.openIncidents).toBe(openIncidents);
  });

  it.each(ZOOMS)('at zoom %d, the counts over the country add up to every open item', (zoom) => {
    for (const bbox of [COUNTRY, WORLD]) {
      const markers = markersIn(index, bbox, zoom);
      expect(total(markers)).toBe(openAppeals + openIncidents);
      const clusters = markers.filter((m) => m.kind === 'cluster');
      expect(
        clusters.reduce((sum, c) => sum + c.appeals, 0) +
          markers.filter((m) => m.kind === 'point' && m.item.kind === 'appeal').length,
      ).toBe(openAppeals);
    }
  });

  it('gives each cluster the count of the items inside it', () => {
    for (const zoom of [3, 6, 9, 12]) {
      const seen = new Set<string>();
      for (const m of markersIn(index, COUNTRY, zoom)) {
        if (m.kind !== 'cluster') continue;
        const leaves = leavesOf(index, m);
        expect(leaves).toHaveLength(m.count);
        expect(m.appeals + m.incidents).toBe(m.count);
        expect(leaves.filter((l) => l.kind === 'incident')).toHaveLength(m.incidents);
        for (const leaf of leaves) {
          // No item is in two clusters.
          expect(seen.has(`${leaf.kind}:${leaf.id}`)).toBe(false);
          seen.add(`${leaf.kind}:${leaf.id}`);
        }
      }
    }
  });

  it('keeps clusters apart: nothing sits on a cluster on screen', () => {
    for (const zoom of [3, 5, 7]) {
      const markers = markersIn(index, COUNTRY, zoom);
      let nearest = Number.POSITIVE_INFINITY;
      for (const cluster of markers.filter((m) => m.kind === 'cluster')) {
        const [x1, y1] = pixels(cluster, zoom);
        for (const other of markers) {
          if (other === cluster) continue;
          const [x2, y2] = pixels(other, zoom);
          nearest = Math.min(nearest, Math.hypot(x1 - x2, y1 - y2));
        }
      }
      // Parts closer than MERGE_PX are merged; a merged cluster's centre may drift a little.
      expect(nearest).toBeGreaterThan(MERGE_PX / 4);
    }
  });

  it('splits a cluster when zooming in, and shows every item alone past the last cluster zoom', () => {
    const heap = markersIn(index, COUNTRY, 4).find((m) => m.kind === 'cluster');
    if (heap?.kind !== 'cluster') throw new Error('no cluster');
    const leaves = leavesOf(index, heap);
    const lats = leaves.map((l) => l.lat);
    const lngs = leaves.map((l) => l.lng);
    const around: Bbox = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
    const closer = markersIn(index, around, 7);
    expect(closer.length).toBeGreaterThan(1);
    expect(closer.every((m) => m.kind === 'point' || m.count < heap.count)).toBe(true);
    expect(markersIn(index, COUNTRY, 13).every((m) => m.kind === 'point')).toBe(true);
  });

  it('lists lone items after the clusters, the most alarming last', () => {
    const markers = markersIn(index, COUNTRY, 9);
    const firstPoint = markers.findIndex((m) => m.kind === 'point');
    expect(markers.slice(firstPoint).every((m) => m.kind === 'point')).toBe(true);
    const levels = markers.slice(firstPoint).map((m) => (m.kind === 'point' ? m.level : -1));
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
  });

  it('counts what needs attention in a cluster: overdue appeals and alarms', () => {
    const at = (id: string, more: Partial<Appeal>) => appealAt(id, 43.25, 76.95, more);
    const heap = createMarkerIndex(
      openMarkerItems(
        [
          at('A-1', { priority: 'low' }),
          at('A-2', { priority: 'emergency', registeredAt: T0 - 5_000, dueAt: T0 + 60_000 }),
          at('A-3', { priority: 'emergency', registeredAt: T0 - 50_000, dueAt: T0 + 60_000 }),
          at('A-4', { priority: 'normal', dueAt: T0 - 1 }),
          at('A-5', { priority: 'high', dueAt: T0 + 1 }),
        ],
        [incidentAt('I-1', 43.25, 76.95, { severity: 'major', openedAt: T0 })],
        T0,
      ),
    );
    const [only] = markersIn(heap, COUNTRY, 5);
    expect(only).toMatchObject({
      kind: 'cluster',
      count: 6,
      appeals: 5,
      incidents: 1,
      urgent: 3,
      alarms: 2,
      alarmAt: T0 - 5_000,
    });
  });
});

describe('incremental updates', () => {
  const { appeals, incidents } = kazakhstanSpread(11, 1_500);

  it('after upserts and removals shows what an index built from scratch shows', () => {
    const live = createMarkerIndex(openMarkerItems(appeals, incidents, T0));
    // Close a third, move some, escalate some.
    const changed = appeals.map((a, i): Appeal => {
      if (i % 3 === 0) return { ...a, status: 'closed' };
      if (i % 7 === 0) return { ...a, location: { lat: a.location.lat + 0.5, lng: a.location.lng - 0.5 } };
      if (i % 11 === 0) return { ...a, priority: 'emergency', registeredAt: T0 };
      return a;
    });
    for (const item of openMarkerItems(changed, [], T0)) upsertMarker(live, item);
    for (const [i, a] of changed.entries()) if (i % 3 === 0) removeMarker(live, 'appeal', a.id);
    const fresh = createMarkerIndex(openMarkerItems(changed, incidents, T0));
    expect(live.openAppeals).toBe(fresh.openAppeals);
    for (const zoom of [2, 5, 8, 12, 13]) expect(picture(live, zoom)).toEqual(picture(fresh, zoom));
    // Everything removed leaves no cell behind.
    for (const item of openMarkerItems(changed, incidents, T0)) removeMarker(live, item.kind, item.id);
    expect(live.grids.every((grid) => grid.size === 0)).toBe(true);
    expect(live).toMatchObject({ openAppeals: 0, openIncidents: 0 });
  });

  it('syncMarkerIndex follows the projection and counts the changes', () => {
    const index = createMarkerIndex();
    const byId = new Map(appeals.map((a) => [a.id, { ...a, dueAt: T0 + 3_600_000 }]));
    const open = appeals.filter((a) => isOpenStatus(a.status)).length;
    expect(syncMarkerIndex(index, byId.values(), incidents, T0)).toBe(
      open + incidents.filter((i) => i.status === 'open').length,
    );
    expect(syncMarkerIndex(index, byId.values(), incidents, T0)).toBe(0);
    const first = byId.get('A-1') as Appeal;
    first.status = isOpenStatus(first.status) ? 'closed' : 'reopened';
    expect(syncMarkerIndex(index, byId.values(), incidents, T0)).toBe(1);
    // The clock alone turns an appeal overdue: its marker changes with no event.
    const open2 = [...byId.values()].find((a) => isOpenStatus(a.status) && a.id !== 'A-1') as Appeal;
    open2.dueAt = T0 + 10;
    expect(syncMarkerIndex(index, byId.values(), incidents, T0)).toBe(0);
    expect(syncMarkerIndex(index, byId.values(), incidents, T0 + 11)).toBe(1);
    expect(index.appeals.get(open2.id)?.item).toMatchObject({ isOverdue: true });
    const fresh = createMarkerIndex(openMarkerItems(byId.values(), incidents, T0 + 11));
    for (const zoom of [3, 7, 13]) expect(picture(index, zoom)).toEqual(picture(fresh, zoom));
  });

  it('updateMarkers looks again only at the appeals and incidents named', () => {
    const state = {
      appeals: new Map(appeals.map((a) => [a.id, { ...a }])),
      incidents: new Map(incidents.map((i): [string, Incident] => [i.id, { ...i }])),
    };
    const index = createMarkerIndex();
    syncMarkerIndex(index, state.appeals.values(), state.incidents.values(), T0);
    const appeal = [...state.appeals.values()].find((a) => isOpenStatus(a.status)) as Appeal;
    const incident = [...state.incidents.values()].find((i) => i.status === 'open') as Incident;
    appeal.status = 'resolved';
    incident.severity = 'critical';
    state.appeals.set('A-new', appealAt('A-new', 47.1, 51.9, { priority: 'emergency' }));
    const other = [...state.appeals.values()].find((a) => isOpenStatus(a.status) && a !== appeal) as Appeal;
    other.priority = 'low'; // not named: not looked at
    const changes = updateMarkers(
      index,
      state,
      { appeals: [appeal.id, 'A-new', 'A-unknown'], incidents: [incident.id] },
      T0,
    );
    expect(changes).toBe(3);
    expect(index.appeals.has(appeal.id)).toBe(false);
    expect(index.appeals.get('A-new')?.item).toMatchObject({ priority: 'emergency' });
    expect(index.incidents.get(incident.id)?.item).toMatchObject({ severity: 'critical' });
    expect(index.appeals.get(other.id)?.item).not.toMatchObject({ priority: 'low' });
  });

  it('keeps a cluster’s key while its items change at one zoom', () => {
    const index = createMarkerIndex(
      openMarkerItems([appealAt('A-1', 43.25, 76.95), appealAt('A-2', 43.26, 76.96)], [], T0),
    );
    const [before] = markersIn(index, COUNTRY, 6);
    const [added] = openMarkerItems([appealAt('A-3', 43.255, 76.955)], [], T0);
    if (!added) throw new Error('no item');
    upsertMarker(index, added);
    const [after] = markersIn(index, COUNTRY, 6);
    expect(after).toMatchObject({ kind: 'cluster', count: 3, key: before?.key });
  });
});
