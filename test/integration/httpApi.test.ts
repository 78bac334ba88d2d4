import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { appealAssigned, appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let session: TestSession;
// A fixed clock: 2026-11-27 12:00 in Kazakhstan (UTC+5).
const NOW = Date.parse('2026-11-27T12:00:00+05:00');

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  session = await signIn(server, 'operator');
});

afterAll(async () => {
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

async function get(path: string): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await authedFetch(session, `${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe('HTTP API', () => {
  it('reports health: Redis link, cursor, lag and dead letters', async () => {
    await server.log.append('events', { event: 'garbage' });
    await waitFor(
      async () => ((await get('/api/health')).body.deadLetters as { count: number }).count === 1,
      5000,
      'dead',
    );
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.redis).toMatchObject({ mode: 'external', connected: true });
    const stream = body.stream as { cursor: string; lastId: string; lagMs: number };
    expect(stream.cursor).toBe(stream.lastId);
    expect(stream.lagMs).toBe(0);
    const dead = body.deadLetters as { count: number; recent: { reason: string }[] };
    expect(dead.recent[0]?.reason).toContain('not JSON');
  });

  it('returns one appeal with its timeline read back from the stream, personal data masked', async () => {
    const registered = appealRegistered({ at: '2026-11-27T11:00:00+05:00' });
    const appealId = (registered.data as { appealId: string }).appealId;
    await appendEnvelope(server.log, registered);
    await appendEnvelope(server.log, appealAssigned(appealId, 'KZ-71', '2026-11-27T11:12:00+05:00'));
    await waitFor(() => server.app.store.state.appeals.get(appealId)?.status === 'assigned', 5000, 'assigned');

    const { status, body, headers } = await get(`/api/appeals/${appealId}`);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    const appeal = body.appeal as { status: string; respondedAt: number; citizen: { name: string; phone: string } };
    expect(appeal.status).toBe('assigned');
    expect(appeal.respondedAt - Date.parse('2026-11-27T11:00:00+05:00')).toBe(12 * 60_000);
    expect(appeal.citizen).toEqual({ name: 'А. С.', phone: '+7 7** *** ** 12' });
    const timeline = body.timeline as { type: string; id: string }[];
    expect(timeline.map((e) => e.type)).toEqual(['appeal.registered', 'appeal.assigned']);
    expect(timeline[0]?.id).toBe(registered.id);
    expect(JSON.stringify(body)).not.toContain('Сапарова');
  });

  it('answers 404 for an unknown appeal and an unknown endpoint', async () => {
    expect((await get('/api/appeals/nope-404')).status).toBe(404);
    const unknown = await get('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('no such endpoint');
  });

  it('serves the KPIs computed with the server clock', async () => {
    const { body } = await get('/api/stats');
    expect(body.asOf).toBe(NOW);
    const overall = body.overall as {
      open: number;
      registeredToday: number;
      windows: Record<string, { response: { p50: number; count: number } }>;
    };
    expect(overall.open).toBeGreaterThanOrEqual(1);
    expect(overall.registeredToday).toBeGreaterThanOrEqual(1);
    // 11:12 response at 12:00 is inside the 1 h window, outside the 15 min one.
    expect(overall.windows['1h']?.response).toMatchObject({ count: 1, p50: 12 * 60_000 });
    expect(overall.windows['15m']?.response.count).toBe(0);
    const regions = body.regions as Record<string, { open: number; loadPer100k: number }>;
    expect(Object.keys(regions)).toHaveLength(20);
    expect(regions['KZ-71']?.open).toBe(1);
    expect(regions['KZ-71']?.loadPer100k).toBeCloseTo(100_000 / 1_420_000, 6);
  });

  it('lists the 20 regions with names in ru, kk and en', async () => {
    const { body } = await get('/api/regions');
    const regions = body.regions as { code: string; name: { kk: string } }[];
    expect(regions).toHaveLength(20);
    expect(regions.find((r) => r.code === 'KZ-11')?.name.kk).toBe('Ақмола облысы');
  });

  it('refuses an oversized body with 413 and a clear message, and keeps serving', async () => {
    const res = await fetch(`${server.url}/api/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(100 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'too_large', message: expect.stringContaining('64 KB') as unknown });
    expect((await get('/api/health')).status).toBe(200);
  });
});
