import { isOpenStatus } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  createMarkerIndex,
  expansionZoomOf,
  markersIn,
  openMarkerItems,
  type Bbox,
  type MapMarker,
} from '../../../../../client/src/features/map/markerIndex';
import { T0 } from '../../../shared/factories';
import { appealAt, incidentAt, kazakhstanSpread } from './markerFixture';

/** Kazakhstan with a margin, and the whole world (a map zoomed far out). */
const COUNTRY: Bbox = [45, 39, 89, 57];
const WORLD: Bbox = [-180, -85, 180, 85];

function total(markers: readonly MapMarker[]): number {
  return markers.reduce((sum, m) => sum + (m.kind === 'cluster' ? m.count : 1), 0);
}

describe('markersIn', () => {
  const { appeals, incidents } = kazakhstanSpread(7, 2_000);
  const items = openMarkerItems(appeals, incidents);
  const index = createMarkerIndex(items);
  const openAppeals = appeals.filter((a) => isOpenStatus(a.status)).length;
  const openIncidents = incidents.filter((i) => i.status === 'open').length;

  it('indexes only the open appeals and incidents', () => {
    expect(openAppeals).toBeGreaterThan(0);
    expect(openAppeals).toBeLessThan(appeals.length);
    expect(index.openAppeals).toBe(openAppeals);
    expect(index.openIncidents).toBe(openIncidents);
  });

  it.each([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 7.75])(
    'at zoom %d, the counts over the country add up to every open item',
    (zoom) => {
      for (const bbox of [COUNTRY, WORLD]) {
        const markers = markersIn(index, bbox, zoom);
        expect(total(markers)).toBe(openAppeals + openIncidents);
        const clusters = markers.filter((m) => m.kind === 'cluster');
        expect(
          clusters.reduce((sum, c) => sum + c.appeals, 0) +
            markers.filter((m) => m.kind === 'point' && m.item.kind === 'appeal').length,
        ).toBe(openAppeals);
      }
    },
  );

  it('gives each cluster the count of the items inside it', () => {
    for (const zoom of [3, 6, 9, 12]) {
      for (const m of markersIn(index, COUNTRY, zoom)) {
        if (m.kind !== 'cluster') continue;
        const leaves = index.clusters.getLeaves(m.clusterId, Number.POSITIVE_INFINITY);
        expect(leaves).toHaveLength(m.count);
        expect(m.appeals + m.incidents).toBe(m.count);
      }
    }
  });

  it('finds the zoom at which a cluster splits', () => {
    const cluster = markersIn(index, COUNTRY, 4).find((m) => m.kind === 'cluster');
    expect(cluster).toBeDefined();
    if (cluster?.kind !== 'cluster') return;
    const zoom = expansionZoomOf(index, cluster.clusterId);
    expect(zoom).toBeGreaterThan(4);
    const coordinates = index.clusters
      .getLeaves(cluster.clusterId, Number.POSITIVE_INFINITY)
      .map((leaf) => leaf.geometry.coordinates);
    const lngs = coordinates.map(([lng]) => lng ?? 0);
    const lats = coordinates.map(([, lat]) => lat ?? 0);
    const around: Bbox = [Math.min(...lngs) - 1, Math.min(...lats) - 1, Math.max(...lngs) + 1, Math.max(...lats) + 1];
    for (const m of markersIn(index, around, zoom ?? 0))
      expect(m.kind === 'point' || m.count < cluster.count).toBe(true);
  });

  it('gives a cluster its worst item’s level and newest alarm', () => {
    const heap = createMarkerIndex(
      openMarkerItems(
        [
          appealAt('A-1', 43.25, 76.95, { priority: 'low' }),
          appealAt('A-2', 43.25, 76.95, { priority: 'emergency', registeredAt: T0 - 5_000 }),
          appealAt('A-3', 43.25, 76.95, { priority: 'emergency', registeredAt: T0 - 50_000 }),
        ],
        [incidentAt('I-1', 43.25, 76.95, { severity: 'major', openedAt: T0 })],
      ),
    );
    const [only] = markersIn(heap, COUNTRY, 5);
    expect(only).toMatchObject({ kind: 'cluster', count: 4, appeals: 3, incidents: 1, level: 3, alarmAt: T0 - 5_000 });
  });
});

describe('openMarkerItems', () => {
  it('drops an appeal once it is closed, and a resolved incident', () => {
    const appeal = appealAt('A-1', 51.15, 71.45, { status: 'in_progress' });
    const incident = incidentAt('I-1', 51.15, 71.45);
    expect(createMarkerIndex(openMarkerItems([appeal], [incident]))).toMatchObject({
      openAppeals: 1,
      openIncidents: 1,
    });

    appeal.status = 'closed';
    incident.status = 'resolved';
    const index = createMarkerIndex(openMarkerItems([appeal], [incident]));
    expect(index).toMatchObject({ openAppeals: 0, openIncidents: 0 });
    expect(markersIn(index, COUNTRY, 8)).toEqual([]);
  });

  it('keeps a reopened appeal and carries what the markers show', () => {
    const items = openMarkerItems(
      [appealAt('A-1', 51.15, 71.45, { status: 'reopened', priority: 'high', registeredAt: T0 })],
      [incidentAt('I-1', 43.2, 76.9, { severity: 'critical', appealIds: ['A-1', 'A-2'], openedAt: T0 + 1 })],
    );
    expect(items).toEqual([
      { kind: 'appeal', id: 'A-1', lat: 51.15, lng: 71.45, priority: 'high', status: 'reopened', at: T0 },
      {
        kind: 'incident',
        id: 'I-1',
        lat: 43.2,
        lng: 76.9,
        severity: 'critical',
        title: 'Incident I-1',
        appealCount: 2,
        at: T0 + 1,
      },
    ]);
  });
});
