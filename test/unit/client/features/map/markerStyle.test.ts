import { describe, expect, it } from 'vitest';
import { createMarkerIndex, markersIn, type ClusterMarker } from '../../../../../client/src/features/map/markerIndex';
import { openMarkerItems } from '../../../../../client/src/features/map/markerItems';
import {
  appealLook,
  CLUSTER_COLORS,
  clusterLook,
  clusterRadius,
  clusterTone,
  incidentLook,
  isPulsing,
  MAX_PULSES,
  nextPulseEnd,
  PRIORITY_COLORS,
  PULSE_MS,
  pulsingMarkers,
  SEVERITY_COLORS,
} from '../../../../../client/src/features/map/markerStyle';
import { T0 } from '../../../shared/factories';
import { appealAt, incidentAt } from './markerFixture';

const SECOND = 1_000;

function markersOf(appeals: Parameters<typeof openMarkerItems>[0], incidents: Parameters<typeof openMarkerItems>[1]) {
  return markersIn(createMarkerIndex(openMarkerItems(appeals, incidents, T0)), [45, 39, 89, 57], 13);
}

describe('marker colours', () => {
  it('colours appeals by priority and outlines those nobody works on yet', () => {
    const [emergency, high, normal, low] = openMarkerItems(
      [
        appealAt('A-1', 43, 77, { priority: 'emergency' }),
        appealAt('A-2', 43, 77, { priority: 'high', status: 'in_progress' }),
        appealAt('A-3', 43, 77, { priority: 'normal', status: 'reopened' }),
        appealAt('A-4', 43, 77, { priority: 'low', status: 'assigned' }),
      ],
      [],
      T0,
    );
    const looks = [emergency, high, normal, low].map((item) => (item?.kind === 'appeal' ? appealLook(item) : null));
    expect(looks.map((look) => look?.fillColor)).toEqual([
      PRIORITY_COLORS.emergency,
      PRIORITY_COLORS.high,
      PRIORITY_COLORS.normal,
      PRIORITY_COLORS.low,
    ]);
    expect(looks.map((look) => look?.color)).toEqual(['#ffffff', '#0b1220', '#ffffff', '#0b1220']);
  });

  it('draws incidents as rings in their own severity colours', () => {
    const [item] = openMarkerItems([], [incidentAt('I-1', 43, 77, { severity: 'critical' })], T0);
    if (item?.kind !== 'incident') throw new Error('no incident');
    expect(incidentLook(item)).toMatchObject({ color: SEVERITY_COLORS.critical, weight: 4 });
    expect(Object.values(SEVERITY_COLORS)).not.toContain(PRIORITY_COLORS.emergency);
  });

  it('grows a cluster with its count, within bounds', () => {
    expect(clusterRadius(2)).toBe(14);
    expect(clusterRadius(10)).toBeGreaterThan(clusterRadius(2));
    expect(clusterRadius(100)).toBeGreaterThan(clusterRadius(10));
    expect(clusterRadius(1_000_000)).toBe(30);
  });
});

describe('cluster colours', () => {
  const cluster = (count: number, urgent: number, alarms = 0): ClusterMarker => ({
    kind: 'cluster',
    key: 'k',
    zoom: 5,
    cells: [],
    lat: 43,
    lng: 77,
    count,
    appeals: count,
    incidents: 0,
    urgent,
    alarms,
    alarmAt: Number.NEGATIVE_INFINITY,
  });

  it('goes by the share needing attention, not by the worst item', () => {
    // One emergency among 500 routine appeals no longer makes the cluster red.
    expect(clusterTone(cluster(500, 1, 1))).toBe('calm');
    expect(clusterTone(cluster(500, 49))).toBe('calm');
    expect(clusterTone(cluster(500, 50))).toBe('attention');
    expect(clusterTone(cluster(500, 149))).toBe('attention');
    expect(clusterTone(cluster(500, 150))).toBe('urgent');
    expect(clusterTone(cluster(2, 2, 2))).toBe('urgent');
    expect(clusterLook(cluster(500, 150)).fillColor).toBe(CLUSTER_COLORS.urgent);
    expect(clusterLook(cluster(500, 1)).fillColor).toBe(CLUSTER_COLORS.calm);
  });

  it('keeps red for what it means on a lone appeal', () => {
    expect(CLUSTER_COLORS.urgent).toBe(PRIORITY_COLORS.emergency);
    expect(CLUSTER_COLORS.calm).toBe(PRIORITY_COLORS.normal);
  });
});

describe('pulse', () => {
  it('pulses for 60 s after the alarm arrived', () => {
    expect(isPulsing(T0, T0)).toBe(true);
    expect(isPulsing(T0, T0 + 59 * SECOND)).toBe(true);
    expect(isPulsing(T0, T0 + 61 * SECOND)).toBe(false);
    expect(isPulsing(T0, T0 + PULSE_MS)).toBe(false);
    // Server clock a little ahead of the client's.
    expect(isPulsing(T0 + 2 * SECOND, T0)).toBe(true);
    expect(isPulsing(Number.NEGATIVE_INFINITY, T0)).toBe(false);
  });

  it('pulses only emergency appeals and critical incidents', () => {
    const at = T0 - 59 * SECOND;
    const markers = markersOf(
      [
        appealAt('A-1', 43, 70, { priority: 'emergency', registeredAt: at }),
        appealAt('A-2', 46, 74, { priority: 'high', registeredAt: at }),
        appealAt('A-3', 50, 80, { priority: 'emergency', registeredAt: T0 - 61 * SECOND }),
      ],
      [
        incidentAt('I-1', 52, 60, { severity: 'critical', openedAt: at }),
        incidentAt('I-2', 54, 66, { severity: 'major', openedAt: at }),
      ],
    );
    const pulsing = markers.filter((m) => isPulsing(m.alarmAt, T0)).map((m) => (m.kind === 'point' ? m.item.id : '?'));
    expect(pulsing.sort()).toEqual(['A-1', 'I-1']);
    expect(nextPulseEnd(markers, T0)).toBe(at + PULSE_MS);
    expect(nextPulseEnd(markers, T0 + 2 * SECOND)).toBeNull();
  });

  it('pulses only the newest alarms when many arrive at once', () => {
    const markers = Array.from({ length: MAX_PULSES + 15 }, (_, i) => ({ alarmAt: T0 - i * SECOND }));
    const pulsing = pulsingMarkers(markers, T0);
    expect(pulsing).toHaveLength(MAX_PULSES);
    expect(Math.min(...pulsing.map((m) => m.alarmAt))).toBe(T0 - (MAX_PULSES - 1) * SECOND);
    expect(pulsingMarkers(markers.slice(0, 3), T0)).toHaveLength(3);
  });

  it('pulses a cluster holding a fresh alarm', () => {
    const [cluster] = markersIn(
      createMarkerIndex(
        openMarkerItems(
          [appealAt('A-1', 43, 77), appealAt('A-2', 43, 77, { priority: 'emergency', registeredAt: T0 - 30 * SECOND })],
          [],
          T0,
        ),
      ),
      [45, 39, 89, 57],
      5,
    );
    expect(cluster?.kind).toBe('cluster');
    expect(isPulsing(cluster?.alarmAt ?? Number.NEGATIVE_INFINITY, T0)).toBe(true);
    expect(isPulsing(cluster?.alarmAt ?? Number.NEGATIVE_INFINITY, T0 + 31 * SECOND)).toBe(false);
  });
});
