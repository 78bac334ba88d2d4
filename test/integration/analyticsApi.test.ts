import {
  compareStreamIds,
  type Ack,
  type Alert,
  type Analytics,
  type CategoryCode,
  type EventEnvelope,
  type RegionCode,
  type Stats,
  withoutAppealIds,
} from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendInOrder } from '../support/appealData';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { appealAssigned, appealRegistered, uniqueId, waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, uniquePrefix, type TestServer } from '../support/testServer';

/**
 * The charts' data over HTTP (/api/stats/*, /api/alerts) and on the socket
 * (`analytics:watch`, `analytics:update`), on a real server over the real Redis, with
 * events XADDed as a producer would and a fixed server clock.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The server's clock: 10:02:30 in Astana. */
const NOW = Date.parse('2026-11-27T10:02:30+05:00');
const ANALYTICS_INTERVAL_MS = 1000;
const BURST_COUNT = 5;

const ROUTES = [
  '/api/stats/analytics',
  '/api/stats/response-times',
  '/api/stats/regions',
  '/api/stats/distribution',
  '/api/stats/intake',
  '/api/stats/headline',
  '/api/alerts',
] as const;

let server: TestServer;
let national: TestSession;
let almaty: TestSession;
const clients: LiveClient[] = [];

const iso = (ms: number): string => new Date(ms).toISOString();

function registered(appealId: string, region: RegionCode, category: CategoryCode, at: number): EventEnvelope {
  const envelope = appealRegistered({ appealId, region, at: iso(at) });
  return { ...envelope, data: { ...envelope.data, category } } as EventEnvelope;
}

function statusChanged(appealId: string, region: RegionCode, status: string, at: number): EventEnvelope {
  return {
    v: 1,
    id: uniqueId('evt'),
    type: 'appeal.status_changed',
    at: iso(at),
    region,
    data: { appealId, status },
  } as EventEnvelope;
}

/** An appeal registered `responseMs` before `assignedAt` and routed then (priority high: heating target 30 min). */
function responded(
  appealId: string,
  region: RegionCode,
  category: CategoryCode,
  assignedAt: number,
  responseMs: number,
): EventEnvelope[] {
  return [
    registered(appealId, region, category, assignedAt - responseMs),
    appealAssigned(appealId, region, iso(assignedAt)),
  ];
}

async function appendAndWait(events: readonly EventEnvelope[]): Promise<void> {
  const last = await appendInOrder(server.log, events);
  await waitFor(() => compareStreamIds(server.app.store.state.cursor, last) >= 0, 10_000, 'projection caught up');
}

async function getJson<T>(session: TestSession | null, path: string): Promise<{ status: number; body: T }> {
  const res = session ? await authedFetch(session, `${server.url}${path}`) : await fetch(`${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

function watcher(session: TestSession): LiveClient {
  const c = connectLiveClient(server.url, { cookie: session.cookie });
  clients.push(c);
  return c;
}

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);
const responsesOf = (a: Pick<Analytics, 'responseTimes'>): number => sum(a.responseTimes.points.map((p) => p.count));

beforeAll(async () => {
  server = await startTestServer({
    now: () => NOW,
    prefix: uniquePrefix('analyticsApi'),
    config: { ANALYTICS_INTERVAL_MS: String(ANALYTICS_INTERVAL_MS), ALERT_BURST_COUNT: String(BURST_COUNT) },
  });
  // Responses in the last hour: Astana 10 and 30 min (heating, high: target 30 min, both within),
  // Almaty 40 min (late). Older: Astana gas 1 h (3 h ago), Almaty 1 h (9 h ago), Shymkent 10 min (2 h ago).
  await appendAndWait([
    ...responded('an-a1', 'KZ-71', 'heating', NOW - 30 * MINUTE, 10 * MINUTE),
    ...responded('an-a2', 'KZ-71', 'heating', NOW - 20 * MINUTE, 30 * MINUTE),
    ...responded('an-a3', 'KZ-71', 'gas', NOW - 2 * HOUR, HOUR),
    ...responded('an-b1', 'KZ-75', 'heating', NOW - 5 * MINUTE, 40 * MINUTE),
    ...responded('an-b2', 'KZ-75', 'heating', NOW - 9 * HOUR, HOUR),
    registered('an-b3', 'KZ-75', 'heating', NOW - 25 * MINUTE),
    statusChanged('an-b3', 'KZ-75', 'closed', NOW - 15 * MINUTE),
    ...responded('an-c1', 'KZ-79', 'waste', NOW - 110 * MINUTE, 10 * MINUTE),
  ]);
  national = await signIn(server, 'supervisor', 'all');
  almaty = await signIn(server, 'supervisor', ['KZ-75']);
}, 30_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

describe('GET /api/stats/analytics', () => {
  it('answers every series for the default filter, as of the server clock', async () => {
    const { status, body } = await getJson<Analytics>(national, '/api/stats/analytics');
    expect(status).toBe(200);
    expect(body.asOf).toBe(NOW);
    expect(body.cursor).toBe(server.app.store.state.cursor);
    expect(body.filter).toEqual({ window: '1h' });
    expect(body.responseTimes).toMatchObject({ window: '24h', bucketMs: 5 * MINUTE });
    expect(body.responseTimes.points).toHaveLength(288);
    expect(body.responseTimes.points.at(-1)?.t).toBe(Date.parse('2026-11-27T10:00:00+05:00'));
    expect(responsesOf(body)).toBe(6);
    expect(body.intake.points).toHaveLength(24);
    expect(sum(body.intake.points.map((p) => p.total))).toBe(7);
    expect(body.distribution).toHaveLength(13);
    expect(sum(body.distribution.map((b) => b.count))).toBe(3); // the last hour's responses
    expect(body.regions).toHaveLength(20);
    // worst compliance first; one sample is exact, two are read from the histogram (±1 %)
    expect(body.regions[0]).toEqual({ region: 'KZ-75', responses: 1, p50: 40 * MINUTE, compliance: 0, breach: true });
    expect(body.regions[1]).toMatchObject({ region: 'KZ-71', responses: 2, compliance: 1, breach: false });
    expect(Math.abs((body.regions[1]?.p50 ?? 0) - 10 * MINUTE)).toBeLessThanOrEqual(0.01 * 10 * MINUTE);
    expect(body.regions.slice(2).every((r) => r.responses === 0 && r.compliance === null)).toBe(true);
    expect(body.headline.responseSla).toEqual({ value: 2 / 3, previous: null, count: 3 });
    expect(body.headline.firstCallResolution).toEqual({ value: 1, previous: null, count: 1 });
    expect(body.alerts).toEqual([]);
  });

  it('is not cached by the browser', async () => {
    const res = await authedFetch(national, `${server.url}/api/stats/analytics`);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['', {}],
    ['?region=KZ-75', { region: 'KZ-75' }],
    ['?category=heating&window=24h', { category: 'heating' }],
    ['?region=KZ-71&category=gas&window=15m', { region: 'KZ-71', category: 'gas' }],
  ])('gives the same figures on each sub-route as in the whole answer (%s)', async (query, filter) => {
    const whole = (await getJson<Analytics>(national, `/api/stats/analytics${query}`)).body;
    expect(whole.filter).toMatchObject(filter);
    const parts = {
      '/api/stats/regions': 'regions',
      '/api/stats/distribution': 'distribution',
      '/api/stats/intake': 'intake',
      '/api/stats/headline': 'headline',
      '/api/alerts': 'alerts',
    } as const;
    for (const [path, part] of Object.entries(parts)) {
      const { status, body } = await getJson<Record<string, unknown>>(national, `${path}${query}`);
      expect(status, path).toBe(200);
      expect(body, path).toEqual({ asOf: NOW, cursor: whole.cursor, filter: whole.filter, [part]: whole[part] });
    }
  });

  it('serves the response-time chart alone over 24 h by default, or over the window asked for', async () => {
    const whole = (await getJson<Analytics>(national, '/api/stats/analytics?region=KZ-71')).body;
    const day = (
      await getJson<Pick<Analytics, 'responseTimes' | 'filter'>>(national, '/api/stats/response-times?region=KZ-71')
    ).body;
    expect(day.filter).toEqual({ region: 'KZ-71', window: '24h' });
    expect(day.responseTimes).toEqual(whole.responseTimes);
    expect(responsesOf(day)).toBe(3);
    const hour = (
      await getJson<Pick<Analytics, 'responseTimes'>>(national, '/api/stats/response-times?region=KZ-71&window=1h')
    ).body;
    expect(hour.responseTimes).toMatchObject({ window: '1h', bucketMs: MINUTE });
    expect(hour.responseTimes.points).toHaveLength(60);
    expect(responsesOf(hour)).toBe(2);
  });
});

describe('refused queries', () => {
  it.each(ROUTES)('%s answers 422 for window=bogus, naming `window`', async (path) => {
    const { status, body } = await getJson<{ code: string; field?: string }>(national, `${path}?window=bogus`);
    expect(status).toBe(422);
    expect(body).toMatchObject({ code: 'invalid', field: 'window' });
  });

  it.each(ROUTES)('%s answers 422 for an unknown query key, naming it', async (path) => {
    const { status, body } = await getJson<{ code: string; field?: string }>(national, `${path}?regoin=KZ-71`);
    expect(status).toBe(422);
    expect(body).toMatchObject({ code: 'invalid', field: 'regoin' });
  });

  it('answers 422 for an unknown region or category and for a repeated key; an empty one means "not set"', async () => {
    expect((await getJson<{ field?: string }>(national, '/api/stats/analytics?region=KZ-00')).body.field).toBe(
      'region',
    );
    expect((await getJson<{ field?: string }>(national, '/api/stats/analytics?category=pizza')).body.field).toBe(
      'category',
    );
    expect((await getJson(national, '/api/stats/analytics?window=1h&window=24h')).status).toBe(422);
    const empty = await getJson<Analytics>(national, '/api/stats/analytics?region=&category=');
    expect(empty.status).toBe(200);
    expect(empty.body.filter).toEqual({ window: '1h' });
  });

  it.each(ROUTES)('%s answers 401 without a session', async (path) => {
    const { status, body } = await getJson<{ code: string }>(null, path);
    expect(status).toBe(401);
    expect(body).toEqual({ code: 'unauthenticated', message: 'sign in first' });
  });
});

describe('a supervisor scoped to one region', () => {
  it.each(ROUTES)('%s answers 403 region_out_of_scope for another region', async (path) => {
    const { status, body } = await getJson<{ code: string; field?: string }>(almaty, `${path}?region=KZ-71`);
    expect(status).toBe(403);
    expect(body).toMatchObject({ code: 'region_out_of_scope', field: 'region' });
  });

  it('gets figures of their region only when they ask for no region, the same as asking for it', async () => {
    const mine = (await getJson<Analytics>(almaty, '/api/stats/analytics?window=24h')).body;
    expect(mine.regions.map((r) => r.region)).toEqual(['KZ-75']);
    expect(mine.regions[0]).toMatchObject({ responses: 2, compliance: 0, breach: true });
    expect(responsesOf(mine)).toBe(2);
    expect(sum(mine.intake.points.map((p) => p.total))).toBe(3);
    expect(sum(mine.distribution.map((b) => b.count))).toBe(2);
    expect(mine.headline.firstCallResolution.count).toBe(1);
    const asked = (await getJson<Analytics>(almaty, '/api/stats/analytics?window=24h&region=KZ-75')).body;
    const { filter: _mineFilter, ...mineFigures } = mine;
    const { filter: _askedFilter, ...askedFigures } = asked;
    expect(askedFigures).toEqual(mineFigures);
    // the national view of the same data is larger
    expect(responsesOf((await getJson<Analytics>(national, '/api/stats/analytics?window=24h')).body)).toBe(6);
  });
});

describe('analytics:watch on the socket', () => {
  it('acks with the series at once, then pushes analytics:update with fresh figures', async () => {
    const c = watcher(national);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    const updates: Analytics[] = [];
    c.socket.on('analytics:update', (analytics) => updates.push(analytics));

    const ack: Ack<Analytics | null> = await c.socket.emitWithAck('analytics:watch', {
      region: 'KZ-79',
      window: '24h',
    });
    expect(ack.ok).toBe(true);
    const first = ack.ok ? ack.data : null;
    expect(first?.filter).toEqual({ region: 'KZ-79', window: '24h' });
    expect(first?.responseTimes.points).toHaveLength(288);
    expect(first?.regions.map((r) => r.region)).toEqual(['KZ-79']);
    expect(first && responsesOf(first)).toBe(1);

    const update = await waitFor(() => updates[0], 3 * ANALYTICS_INTERVAL_MS, 'analytics:update');
    expect(update.filter).toEqual({ region: 'KZ-79', window: '24h' });
    expect(update.responseTimes).toEqual(first?.responseTimes);

    // a new response in Shymkent shows up in a later push
    await appendAndWait(responded('an-c2', 'KZ-79', 'waste', NOW - MINUTE, 3 * MINUTE));
    const fresh = await waitFor(
      () => updates.find((u) => responsesOf(u) === 2),
      3 * ANALYTICS_INTERVAL_MS,
      'an update with the new response',
    );
    expect(fresh.cursor).toBe(server.app.store.state.cursor);

    // null stops the pushes
    expect(await c.socket.emitWithAck('analytics:watch', null)).toEqual({ ok: true, data: null });
    const count = updates.length;
    await new Promise((resolve) => setTimeout(resolve, 2.5 * ANALYTICS_INTERVAL_MS));
    expect(updates.length).toBe(count);
  });

  it('refuses a forged watch with a specific error, and the socket keeps working', async () => {
    const c = watcher(almaty);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    const updates: Analytics[] = [];
    c.socket.on('analytics:update', (analytics) => updates.push(analytics));
    const refusals: [unknown, RegExp][] = [
      [{ region: 'KZ-71', window: '1h' }, /^region: KZ-71 is outside your regions$/],
      [{ window: '2h' }, /^window: /],
      [{ window: '1h', regions: 'all' }, /regions/],
      ['give me everything', /^message: /],
      [42, /^message: /],
    ];
    for (const [request, error] of refusals) {
      const ack = await c.socket.emitWithAck('analytics:watch', request);
      expect(ack.ok, JSON.stringify(request)).toBe(false);
      expect(ack.ok ? '' : ack.error, JSON.stringify(request)).toMatch(error);
    }
    // nothing is being watched after the refusals
    await new Promise((resolve) => setTimeout(resolve, 1.5 * ANALYTICS_INTERVAL_MS));
    expect(updates).toEqual([]);
    expect(c.socket.connected).toBe(true);
    const ok = await c.socket.emitWithAck('analytics:watch', {});
    expect(ok.ok).toBe(true);
    expect(ok.ok ? ok.data?.regions.map((r) => r.region) : null).toEqual(['KZ-75']);
    await waitFor(() => updates[0], 3 * ANALYTICS_INTERVAL_MS, 'analytics:update after the refusals');
  });
});

describe('alerts', () => {
  it(`raises a burst for ${BURST_COUNT} appeals of one category in one region, over HTTP and in stats:update`, async () => {
    const c = watcher(national);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    const stats: Stats[] = [];
    c.socket.on('stats:update', (s) => stats.push(s));

    const ids = Array.from({ length: BURST_COUNT }, (_, i) => `an-burst-${i}`);
    // a burst needs all of them: the first four raise nothing
    await appendAndWait(ids.slice(0, -1).map((id, i) => registered(id, 'KZ-79', 'flooding', NOW - (10 - i) * MINUTE)));
    expect((await getJson<{ alerts: Alert[] }>(national, '/api/alerts')).body.alerts).toEqual([]);
    await appendAndWait([registered(ids.at(-1) as string, 'KZ-79', 'flooding', NOW - MINUTE)]);

    const { body } = await getJson<{ alerts: Alert[] }>(national, '/api/alerts');
    expect(body.alerts).toEqual([
      {
        id: 'burst:KZ-79:flooding',
        kind: 'burst',
        region: 'KZ-79',
        category: 'flooding',
        value: BURST_COUNT,
        limit: BURST_COUNT,
        since: NOW - 10 * MINUTE,
        windowMs: 15 * MINUTE,
        appealIds: [...ids].reverse(),
      },
    ]);
    const pushed = await waitFor(
      () => stats.find((s) => s.alerts.some((a) => a.id === 'burst:KZ-79:flooding')),
      5000,
      'stats:update with the burst',
    );
    // pushed to every screen each second without the burst's ids (the region view finds them in its list)
    expect(pushed.alerts).toEqual(body.alerts.map(withoutAppealIds));
    expect(pushed.alerts[0]).not.toHaveProperty('appealIds');

    // in the analytics of that region and category, not in another category's bursts or another region's scope
    const shymkent = (await getJson<Analytics>(national, '/api/stats/analytics?region=KZ-79')).body;
    expect(shymkent.alerts.map((a) => a.id)).toEqual(['burst:KZ-79:flooding']);
    const waste = (await getJson<Analytics>(national, '/api/stats/analytics?category=waste')).body;
    expect(waste.alerts).toEqual([]);
    expect((await getJson<{ alerts: Alert[] }>(almaty, '/api/alerts')).body.alerts).toEqual([]);
  });
});
