import type { LiveAlert } from '@shared';
import { describe, expect, it } from 'vitest';
import { alertsOfRegions, burstById } from '../../../../../client/src/features/alerts/regionAlerts';

const ALERTS: LiveAlert[] = [
  {
    id: 'burst:KZ-10:heating',
    kind: 'burst',
    region: 'KZ-10',
    category: 'heating',
    value: 30,
    limit: 25,
    since: 1,
    windowMs: 900_000,
  },
  { id: 'backlog:KZ-63', kind: 'backlog', region: 'KZ-63', value: 70, limit: 60, since: 1 },
  { id: 'overdue:KZ-75', kind: 'overdue', region: 'KZ-75', value: 0.4, limit: 0.25, since: 1 },
];

describe('region alerts', () => {
  it('keeps the alerts of a shape’s codes, in order (a map shape may hold two regions)', () => {
    expect(alertsOfRegions(ALERTS, ['KZ-63', 'KZ-10']).map((a) => a.id)).toEqual([
      'burst:KZ-10:heating',
      'backlog:KZ-63',
    ]);
    expect(alertsOfRegions(ALERTS, ['KZ-71'])).toEqual([]);
    expect(alertsOfRegions(undefined, ['KZ-71'])).toEqual([]);
    // The same empty list every time, so a quiet region never re-renders for nothing.
    expect(alertsOfRegions(ALERTS, ['KZ-71'])).toBe(alertsOfRegions([], ['KZ-10']));
  });

  it('finds a burst by id, and nothing else', () => {
    expect(burstById(ALERTS, 'burst:KZ-10:heating')).toBe(ALERTS[0]);
    expect(burstById(ALERTS, 'backlog:KZ-63')).toBeNull();
    expect(burstById(ALERTS, null)).toBeNull();
    expect(burstById(undefined, 'burst:KZ-10:heating')).toBeNull();
  });
});
