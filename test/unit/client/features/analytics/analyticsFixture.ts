import { CHANNELS, REGIONS, type Analytics, type Channel } from '@shared';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** An `Analytics` answer as the server would send it at `now` (every chart with data). */
export function analyticsFixture(now: number): Analytics {
  const firstBucket = Math.floor(now / (5 * MINUTE)) * 5 * MINUTE - 287 * 5 * MINUTE;
  const firstHour = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
  const channels = (call: number): Record<Channel, number> =>
    Object.fromEntries(CHANNELS.map((c) => [c, c === 'call' ? call : c === 'app' ? 2 : 0])) as Record<Channel, number>;
  return {
    asOf: now,
    cursor: '1795000000001-0',
    filter: { window: '1h' },
    responseTimes: {
      window: '24h',
      bucketMs: 5 * MINUTE,
      targetMs: 30 * MINUTE,
      points: Array.from({ length: 288 }, (_, i) => ({
        t: firstBucket + i * 5 * MINUTE,
        count: i % 3 === 0 ? 0 : 4,
        p50: i % 3 === 0 ? null : (10 + (i % 7)) * MINUTE,
        p90: i % 3 === 0 ? null : (25 + (i % 11)) * MINUTE,
      })),
    },
    regions: REGIONS.map((r, i) => ({
      region: r.code,
      responses: i === 19 ? 0 : 10 + i,
      p50: i === 19 ? null : (40 - i) * MINUTE,
      compliance: i === 19 ? null : 0.7 + i * 0.015,
      breach: i < 14,
    })),
    distribution: [0, 30_000, MINUTE, 2 * MINUTE].map((fromMs, i, edges) => ({
      fromMs,
      toMs: edges[i + 1] ?? null,
      count: i * 3,
    })),
    intake: {
      bucketMs: HOUR,
      categories: ['heating', 'water_sewer'],
      points: Array.from({ length: 24 }, (_, i) => ({
        t: firstHour + i * HOUR,
        total: 3 + (i % 4),
        byChannel: channels(1 + (i % 4)),
        byCategory: { heating: 2 + (i % 4), water_sewer: 1 },
      })),
    },
    headline: {
      responseSla: { value: 0.91, previous: 0.84, count: 120 },
      resolutionSla: { value: 0.7, previous: 0.8, count: 40 },
      firstCallResolution: { value: 0.12, previous: null, count: 40 },
    },
    alerts: [
      {
        id: 'burst:KZ-75:heating',
        kind: 'burst',
        region: 'KZ-75',
        category: 'heating',
        value: 32,
        limit: 25,
        since: now - 9 * MINUTE,
        appealIds: ['A-1', 'A-2'],
      },
      { id: 'backlog:KZ-75', kind: 'backlog', region: 'KZ-75', value: 74.4, limit: 60, since: now - HOUR },
    ],
  };
}
