import { applyEvent, createProjection, type Appeal } from '@shared';
import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../../../../../client/src/features/agent/locateRegion';
import { findSimilarAppeals } from '../../../../../client/src/features/agent/similarAppeals';
import { createEventFactory, HOUR, MINUTE, T0 } from '../../../shared/factories';

/** Metres north of a point, in degrees of latitude. */
const north = (m: number) => m / 111_195;
const HERE = { lat: 51.128, lng: 71.43 };

function appeals(): Appeal[] {
  const f = createEventFactory();
  const state = createProjection();
  const at = (lat: number, lng: number, address?: string) => ({ lat, lng, ...(address ? { address } : {}) });
  for (const event of [
    f.registered('NEAR', {
      category: 'heating',
      at: T0 - 30 * MINUTE,
      location: at(HERE.lat + north(120), HERE.lng, 'Абая 1'),
    }),
    f.registered('NEAREST', {
      category: 'heating',
      at: T0 - 90 * MINUTE,
      location: at(HERE.lat + north(50), HERE.lng),
    }),
    f.registered('FAR', { category: 'heating', at: T0 - 10 * MINUTE, location: at(HERE.lat + north(350), HERE.lng) }),
    f.registered('OTHER-CATEGORY', { category: 'gas', at: T0 - 10 * MINUTE, location: at(HERE.lat, HERE.lng) }),
    f.registered('OLD', { category: 'heating', at: T0 - 2 * HOUR - MINUTE, location: at(HERE.lat, HERE.lng) }),
    f.registered('RESOLVED', { category: 'heating', at: T0 - 20 * MINUTE, location: at(HERE.lat, HERE.lng) }),
    f.statusChanged('RESOLVED', 'resolved', { at: T0 - 5 * MINUTE }),
    f.registered('ASSIGNED', {
      category: 'heating',
      at: T0 - 40 * MINUTE,
      location: at(HERE.lat + north(200), HERE.lng),
    }),
    f.assigned('ASSIGNED', { at: T0 - 35 * MINUTE }),
  ]) {
    applyEvent(state, event);
  }
  return [...state.appeals.values()];
}

describe('findSimilarAppeals', () => {
  it('names open appeals of the same category within 300 m from the last 2 hours, nearest first', () => {
    const found = findSimilarAppeals(appeals(), { category: 'heating', point: HERE, now: T0 });
    expect(found.map((a) => a.id)).toEqual(['NEAREST', 'NEAR', 'ASSIGNED']);
    expect(found[1]).toEqual({ id: 'NEAR', address: 'Абая 1', registeredAt: T0 - 30 * MINUTE, distanceM: 120 });
    expect(found[0]?.address).toBeNull();
  });

  it('finds nothing for another category, place or time', () => {
    expect(findSimilarAppeals(appeals(), { category: 'lifts', point: HERE, now: T0 })).toEqual([]);
    expect(findSimilarAppeals(appeals(), { category: 'heating', point: { lat: 43.2, lng: 76.9 }, now: T0 })).toEqual(
      [],
    );
    expect(findSimilarAppeals(appeals(), { category: 'heating', point: HERE, now: T0 + 3 * HOUR })).toEqual([]);
  });

  it('names at most three', () => {
    expect(findSimilarAppeals(appeals(), { category: 'heating', point: HERE, now: T0 }, 2)).toHaveLength(2);
  });
});

describe('distanceMeters', () => {
  it('measures great-circle distances', () => {
    expect(distanceMeters(HERE, HERE)).toBe(0);
    expect(Math.round(distanceMeters(HERE, { lat: HERE.lat + north(300), lng: HERE.lng }))).toBe(300);
    // Astana – Almaty, about 970 km as the crow flies.
    const km = distanceMeters(HERE, { lat: 43.238, lng: 76.946 }) / 1000;
    expect(km).toBeGreaterThan(950);
    expect(km).toBeLessThan(990);
  });
});
