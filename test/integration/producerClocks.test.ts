import type { EventEnvelope, Stats } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_KEY } from '../../server/src/projection/createProjectionStore';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { appealAssigned, appealRegistered, appendEnvelope, uniqueId } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, uniquePrefix, type TestServer } from '../support/testServer';

/**
 * Producers cannot corrupt the figures, through the real consumer (Redis, tail, decoder,
 * projection, snapshot): an `at` far ahead or before 2000 and control characters are
 * dead-lettered with a reason; an old `at` is applied without touching the current minutes;
 * a follow-up dated before registration shows as clock skew; an incident cannot link another
 * region's appeals. The figures survive a snapshot and restore, and a full replay.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const prefix = uniquePrefix('clocks');
const servers: TestServer[] = [];
let server: TestServer;
let national: TestSession;

async function start(): Promise<TestServer> {
  const started = await startTestServer({ prefix });
  servers.push(started);
  return started;
}

beforeAll(async () => {
  server = await start();
  national = await signIn(server, 'supervisor', 'all');
});

afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => undefined);
  await deletePrefix(testRedisUrl(), prefix);
});

const iso = (ms: number): string => new Date(ms).toISOString();

async function getJson<T>(path: string, on = server): Promise<T> {
  const res = await authedFetch(national, `${on.url}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

interface Health {
  projection: { clockSkew: number; lastClockSkew: string | null; refusedLinks: number; lastRefusedLink: string | null };
}

/** Appends and waits until the projection has read past it (applied or dead-lettered). */
async function produce(envelope: EventEnvelope | Record<string, unknown>, on = server): Promise<string> {
  const id = await appendEnvelope(on.log, envelope as EventEnvelope);
  expect(await on.app.store.waitFor(id, 5000)).toBe(true);
  return id;
}

async function deadReasonOf(sourceId: string): Promise<string | undefined> {
  const dead = await server.log.range('events:dead', '-', '+', 1000);
  return dead.find((entry) => entry.fields.sourceId === sourceId)?.fields.reason;
}

const lastHourRegistered = (stats: Stats): number => stats.overall.windows['1h'].registered;
const nationalRing = (on = server): string => JSON.stringify(on.app.store.state.metrics.all);

describe('what a producer sends with a wrong clock or bad text', () => {
  let registeredBefore = 0;

  beforeAll(async () => {
    const now = Date.now();
    for (let i = 0; i < 23; i += 1) await produce(appealRegistered({ at: iso(now - i * 2 * MINUTE) }));
    registeredBefore = lastHourRegistered(await getJson<Stats>('/api/stats'));
    expect(registeredBefore).toBe(23);
  });

  it("dead-letters an `at` 25 h ahead with the reason, leaving the last hour's registrations as they were", async () => {
    const ring = nationalRing();
    // 25 h ahead is a whole ring cycle: the slot of the current minute.
    const sourceId = await produce(appealRegistered({ at: iso(Date.now() + 25 * HOUR) }));
    expect(await deadReasonOf(sourceId)).toMatch(/^at is 9000\d s ahead of the server clock \(at most 300 s\)$/);
    expect(nationalRing()).toBe(ring);
    expect(lastHourRegistered(await getJson<Stats>('/api/stats'))).toBe(registeredBefore);
  });

  it('dead-letters a 1970 `at`, and applies a 2005 one without touching a current ring slot', async () => {
    const ring = nationalRing();
    const epoch = await produce(appealRegistered({ at: '1970-01-01T00:00:00Z' }));
    expect(await deadReasonOf(epoch)).toBe(
      'invalid: at: 1970-01-01T00:00:00Z is before 2000-01-01, the earliest accepted',
    );
    const appealId = uniqueId('A-2005');
    // A whole number of days back: its minute falls on the slot index of the current minute.
    await produce(appealRegistered({ appealId, at: iso(Date.now() - 7671 * 24 * HOUR) }));
    expect(server.app.store.state.appeals.get(appealId)?.registeredAt).toBeLessThan(Date.parse('2006-01-01'));
    expect(nationalRing()).toBe(ring);
    expect(lastHourRegistered(await getJson<Stats>('/api/stats'))).toBe(registeredBefore);
  });

  it.each([
    ['NUL', '\\u0000', 'U+0000'],
    ['ESC', '\\u001b[31m', 'U+001B'],
  ])('dead-letters %s in a description, naming the field', async (_name, escape, code) => {
    const text = JSON.stringify(appealRegistered());
    const id = await server.log.append('events', {
      event: text.replace('"Нет отопления в подъезде"', `"Нет отопления${escape} в подъезде"`),
    });
    expect(await server.app.store.waitFor(id, 5000)).toBe(true);
    expect(await deadReasonOf(id)).toBe(`invalid: data.description: control character ${code} is not allowed`);
  });

  it('applies an assignment dated before registration, counts no response, and shows clock skew in health', async () => {
    const appealId = uniqueId('A-skew');
    const now = Date.now();
    await produce(appealRegistered({ appealId, at: iso(now - 10 * MINUTE) }));
    await produce(appealAssigned(appealId, 'KZ-71', iso(now - 15 * MINUTE)));
    expect(server.app.store.state.appeals.get(appealId)?.status).toBe('assigned');
    expect((await getJson<Stats>('/api/stats')).overall.windows['1h'].response.count).toBe(0);
    const health = await getJson<Health>('/api/health');
    expect(health.projection).toMatchObject({
      clockSkew: 1,
      lastClockSkew: expect.stringMatching(
        new RegExp(`^appeal.assigned \\S+ is dated 300 s before appeal ${appealId}`),
      ),
    });
  });

  it("opens a stream incident but does not link another region's appeal, and counts it in health", async () => {
    const astana = uniqueId('A-71');
    const almaty = uniqueId('A-75');
    await produce(appealRegistered({ appealId: astana, region: 'KZ-71' }));
    await produce(appealRegistered({ appealId: almaty, region: 'KZ-75' }));
    const incidentId = uniqueId('I-71');
    await produce({
      v: 1,
      id: uniqueId('evt'),
      type: 'incident.opened',
      at: iso(Date.now()),
      region: 'KZ-71',
      data: {
        incidentId,
        title: 'Авария на теплотрассе',
        category: 'heating',
        severity: 'major',
        location: { lat: 51.13, lng: 71.44 },
        appealIds: [astana, almaty],
      },
    });
    expect(server.app.store.state.incidents.get(incidentId)?.appealIds).toEqual([astana]);
    expect(server.app.store.state.appeals.get(almaty)?.incidentId).toBeUndefined();
    const health = await getJson<Health>('/api/health');
    expect(health.projection).toMatchObject({
      refusedLinks: 1,
      lastRefusedLink: `incident ${incidentId} (KZ-71) cannot link appeal ${almaty} of KZ-75`,
    });
  });

  it('keeps the same figures after a snapshot and restore, and after a full replay', async () => {
    const ring = nationalRing();
    const counters = server.app.store.state.counters;
    await server.app.store.saveSnapshot();
    await server.stop();
    const restored = await start();
    expect(nationalRing(restored)).toBe(ring);
    expect(restored.app.store.state.counters).toEqual(counters);
    expect(lastHourRegistered(await getJson<Stats>('/api/stats', restored))).toBe(registeredBefore + 3);
    // No snapshot: the whole stream again, the far-future entry included, decides alike.
    await restored.log.deleteValue(SNAPSHOT_KEY);
    await restored.stop();
    const replayed = await start();
    expect(nationalRing(replayed)).toBe(ring);
    expect(replayed.app.store.state.counters).toMatchObject({ clockSkew: 1, refusedLinks: 1 });
    expect(lastHourRegistered(await getJson<Stats>('/api/stats', replayed))).toBe(registeredBefore + 3);
  });
});
