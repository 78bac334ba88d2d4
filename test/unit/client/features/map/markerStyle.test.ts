import { describe, expect, it } from 'vitest';
import { createMarkerIndex, markersIn, openMarkerItems } from '../../../../../client/src/features/map/markerIndex';
import {
  appealLook,
  clusterRadius,
  incidentLook,
  isPulsing,
  nextPulseEnd,
  PRIORITY_COLORS,
  PULSE_MS,
  SEVERITY_COLORS,
} from '../../../../../client/src/features/map/markerStyle';
import { T0 } from '../../../shared/factories';
import { appealAt, incidentAt } from './markerFixture';

const SECOND = 1_000;

function markersOf(...args: Parameters<typeof openMarkerItems>) {
  return markersIn(createMarkerIndex(openMarkerItems(...args)), [45, 39, 89, 57], 13);
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
    const [item] = openMarkerItems([], [incidentAt('I-1', 43, 77, { severity: 'critical' })]);
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

  it('pulses a cluster holding a fresh alarm', () => {
    const [cluster] = markersIn(
      createMarkerIndex(
        openMarkerItems(
          [appealAt('A-1', 43, 77), appealAt('A-2', 43, 77, { priority: 'emergency', registeredAt: T0 - 30 * SECOND })],
          [],
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
