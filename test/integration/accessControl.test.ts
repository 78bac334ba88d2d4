import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionCode, RegionScope, Role } from '@shared';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let clock = Date.now();
const clients: LiveClient[] = [];
const appealIn: Partial<Record<RegionCode, string>> = {};

beforeAll(async () => {
  server = await startTestServer({ now: () => clock, loginRateLimit: 5 });
  for (const region of ['KZ-71', 'KZ-75'] as const) {
    const envelope = appealRegistered({ region });
    appealIn[region] = (envelope.data as { appealId: string }).appealId;
    await appendEnvelope(server.log, envelope);
  }
  await waitFor(() => server.app.store.state.appeals.size === 2, 5000, 'appeals');
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

function watch(cookie?: string, origin?: string): LiveClient {
  const c = connectLiveClient(server.url, { ...(cookie ? { cookie } : {}) });
  if (origin) c.socket.io.opts.extraHeaders = { ...(c.socket.io.opts.extraHeaders ?? {}), origin };
  clients.push(c);
  return c;
}

const countIn = (region: RegionCode): number =>
  [...server.app.store.state.appeals.values()].filter((a) => a.region === region).length;

const READ_ROUTES = ['/api/health', '/api/stats', '/api/regions', '/api/auth/me', '/api/admin/users'];

describe('without a valid session', () => {
  it.each(READ_ROUTES.concat(['/api/appeals/any', '/api/admin/audit']))(
    'GET %s answers 401 with no data',
    async (path) => {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 'unauthenticated', message: 'sign in first' });
    },
  );

  it('refuses a forged session cookie', async () => {
    const res = await fetch(`${server.url}/api/stats`, {
      headers: { cookie: 'ortalyq_sid=forged-session-id-1234567890' },
    });
    expect(res.status).toBe(401);
  });

  it('refuses an expired session', async () => {
    const session = await signIn(server, 'operator');
    expect((await authedFetch(session, `${server.url}/api/stats`)).status).toBe(200);
    clock += 13 * 3_600_000;
    try {
      expect((await authedFetch(session, `${server.url}/api/stats`)).status).toBe(401);
    } finally {
      clock -= 13 * 3_600_000;
    }
  });

  it('refuses a socket without a session, and one from a foreign origin even with a session', async () => {
    const anonymous = watch();
    await waitFor(() => anonymous.connectErrors.length > 0, 5000, 'connect_error');
    expect(anonymous.connectErrors[0]).toContain('unauthorized');
    expect(anonymous.snapshots).toHaveLength(0);

    const session = await signIn(server, 'operator');
    const foreign = connectLiveClient(server.url, { cookie: session.cookie });
    clients.push(foreign);
    foreign.socket.disconnect();
    foreign.socket.io.opts.extraHeaders = { cookie: session.cookie, origin: 'https://evil.example' };
    foreign.socket.connect();
    await waitFor(() => foreign.connectErrors.length > 0, 5000, 'origin refusal');
    expect(foreign.snapshots.length).toBeLessThanOrEqual(1);
  });

  it('refuses a cross-site form post with 403', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body: 'username=admin&password=x',
    });
    expect(res.status).toBe(403);
  });
});

describe('role × region matrix', () => {
  // Expected outcomes written out by hand from the issue, not derived from the policy code.
  const CAN: Record<Role, { reveal: boolean; admin: boolean }> = {
    operator: { reveal: false, admin: false },
    supervisor: { reveal: true, admin: false },
    agent: { reveal: false, admin: false },
    admin: { reveal: false, admin: true },
  };
  const SCOPES: RegionScope[] = ['all', ['KZ-71']];
  const cases = (Object.keys(CAN) as Role[]).flatMap((role) => SCOPES.map((scope) => ({ role, scope })));

  it.each(cases)('$role with regions $scope', async ({ role, scope }) => {
    const session: TestSession = await signIn(server, role, scope);
    const get = (path: string) => authedFetch(session, `${server.url}${path}`);
    for (const path of ['/api/health', '/api/stats', '/api/regions', '/api/auth/me'])
      expect((await get(path)).status).toBe(200);
    for (const region of ['KZ-71', 'KZ-75'] as const) {
      const inScope = scope === 'all' || scope.includes(region);
      const appeal = await get(`/api/appeals/${appealIn[region]}`);
      expect(appeal.status).toBe(inScope ? 200 : 404);
      const reveal = await authedFetch(session, `${server.url}/api/appeals/${appealIn[region]}/reveal`, {
        method: 'POST',
      });
      expect(reveal.status).toBe(!CAN[role].reveal ? 403 : inScope ? 200 : 404);
    }
    expect((await get('/api/admin/users')).status).toBe(CAN[role].admin ? 200 : 403);
    expect((await get('/api/admin/audit')).status).toBe(CAN[role].admin ? 200 : 403);
  });
});

describe('personal data and audit', () => {
  it('a reveal returns the contact, writes exactly one audit entry with the actor, and is not cached', async () => {
    const supervisor = await signIn(server, 'supervisor', ['KZ-71']);
    const res = await authedFetch(supervisor, `${server.url}/api/appeals/${appealIn['KZ-71']}/reveal`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as { citizen: { phone: string } }).citizen.phone).toBe('+7 701 234 56 12');
    const entries = await server.app.access.audit.query({
      actor: supervisor.username,
      action: 'pii.reveal',
      limit: 10,
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ role: 'supervisor', target: `appeal:${appealIn['KZ-71']}` });
  });

  it('records a value with a newline as one field of one record (no forged entry)', async () => {
    await server.app.access.audit.record({
      actor: 'eve\nat=2026 actor=admin action=user.create',
      role: 'operator',
      action: 'login.failure',
      target: 'user:eve',
      requestId: 'r-1',
    });
    const entries = await server.app.access.audit.query({ target: 'user:eve', limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor).toContain('\n');
  });

  it('keeps the wall socket free of phone numbers and full names', async () => {
    const operator = await signIn(server, 'operator');
    const c = watch(operator.cookie);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    await appendEnvelope(server.log, appealRegistered({ phone: '+7 (777) 765-43-21' }));
    await waitFor(() => c.frames.some((f) => f.events.length > 0), 5000, 'frame');
    const wire = JSON.stringify([c.snapshots, c.frames]);
    expect(wire).not.toMatch(/(?<!\d)\+?7[\s\-()]*\d{3}[\s\-()]*\d{3}[\s\-()]*\d{2}[\s\-()]*\d{2}(?!\d)/);
    expect(wire).not.toContain('Сапарова');
  });
});

describe('scopes, kiosk tokens and revocation', () => {
  it('a supervisor of one region gets only that region in snapshot and frames', async () => {
    const supervisor = await signIn(server, 'supervisor', ['KZ-75']);
    const c = watch(supervisor.cookie);
    const snapshot = await waitFor(() => c.snapshots[0], 5000, 'snapshot');
    expect(snapshot.appeals.every((a) => a.region === 'KZ-75')).toBe(true);
    await appendEnvelope(server.log, appealRegistered({ region: 'KZ-71' }));
    const inScope = appealRegistered({ region: 'KZ-75' });
    await appendEnvelope(server.log, inScope);
    await waitFor(() => c.shown.some((e) => e.id === inScope.id), 5000, 'in-scope event');
    expect(c.shown.every((e) => e.region === 'KZ-75')).toBe(true);
  });

  it('a regional user gets KPIs of their regions only, over HTTP and on the socket', async () => {
    const supervisor = await signIn(server, 'supervisor', ['KZ-75']);
    const stats = (await (await authedFetch(supervisor, `${server.url}/api/stats`)).json()) as {
      overall: { open: number };
      regions: Record<string, unknown>;
    };
    expect(Object.keys(stats.regions)).toEqual(['KZ-75']);
    expect(stats.overall.open).toBe(server.app.store.state.appeals.size - countIn('KZ-71'));
    const c = watch(supervisor.cookie);
    const snapshot = await waitFor(() => c.snapshots[0], 5000, 'snapshot');
    expect(Object.keys(snapshot.stats.regions)).toEqual(['KZ-75']);
  });

  it('disabling a user disconnects their sockets at once and ends their session', async () => {
    const admin = await signIn(server, 'admin');
    const victim = await signIn(server, 'operator');
    const c = watch(victim.cookie);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    const res = await authedFetch(admin, `${server.url}/api/admin/users/${victim.username}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isDisabled: true }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => !c.socket.connected, 2000, 'disconnect');
    expect((await authedFetch(victim, `${server.url}/api/stats`)).status).toBe(401);
    const audit = await server.app.access.audit.query({
      action: 'user.disable',
      target: `user:${victim.username}`,
      limit: 5,
    });
    expect(audit[0]?.actor).toBe(admin.username);
  });

  it('a kiosk link opens a read-only wall session; revoking it disconnects the screen', async () => {
    const admin = await signIn(server, 'admin');
    const issued = await authedFetch(admin, `${server.url}/api/admin/kiosk-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'Зал 1', regions: 'all' }),
    });
    expect(issued.status).toBe(201);
    const { token, path } = (await issued.json()) as { token: { id: string }; path: string };
    const open = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    expect(open.status).toBe(303);
    expect(open.headers.get('location')).toBe('/wall');
    const cookie = (open.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as {
      user: { role: string; isKiosk: boolean };
    };
    expect(me.user).toMatchObject({ role: 'operator', isKiosk: true });
    const revealAttempt = await fetch(`${server.url}/api/appeals/${appealIn['KZ-71']}/reveal`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(revealAttempt.status).toBe(403);

    const c = watch(cookie);
    await waitFor(() => c.snapshots.length === 1, 5000, 'kiosk snapshot');
    const revoked = await authedFetch(admin, `${server.url}/api/admin/kiosk-tokens/${token.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(204);
    await waitFor(() => !c.socket.connected, 2000, 'kiosk disconnect');
    expect((await fetch(`${server.url}/api/stats`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${server.url}${path}`, { redirect: 'manual' })).status).toBe(404);
  });
});

describe('ending sessions', () => {
  it('a password reset voids the sessions signed in with the old password', async () => {
    const admin = await signIn(server, 'admin');
    const victim = await signIn(server, 'operator');
    expect((await authedFetch(victim, `${server.url}/api/auth/me`)).status).toBe(200);
    const reset = await authedFetch(admin, `${server.url}/api/admin/users/${victim.username}/reset-password`, {
      method: 'POST',
    });
    expect(reset.status).toBe(200);
    expect((await authedFetch(victim, `${server.url}/api/auth/me`)).status).toBe(401);
  });

  it('logout ends the live socket of that session', async () => {
    const operator = await signIn(server, 'operator');
    const c = watch(operator.cookie);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    c.socket.io.opts.reconnection = false;
    expect((await authedFetch(operator, `${server.url}/api/auth/logout`, { method: 'POST' })).status).toBe(204);
    await waitFor(() => !c.socket.connected, 2000, 'disconnect at logout');
  });

  it('masks phones in status comments and never routes a follow-up to another region', async () => {
    const kz75 = await signIn(server, 'supervisor', ['KZ-75']);
    const c = watch(kz75.cookie);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    const comment = (region: 'KZ-71' | 'KZ-75', appealId: string) => ({
      v: 1,
      id: `comment-${region}-${appealId}`,
      type: 'appeal.status_changed',
      at: new Date().toISOString(),
      region,
      data: { appealId, status: 'in_progress', comment: 'перезвонить +7 701 234 56 12' },
    });
    // Forged: a KZ-71 appeal's follow-up labelled KZ-75 must not reach the KZ-75 user.
    await server.log.append('events', { event: JSON.stringify(comment('KZ-75', appealIn['KZ-71'] ?? '')) });
    const own = comment('KZ-75', appealIn['KZ-75'] ?? '');
    await server.log.append('events', { event: JSON.stringify(own) });
    await waitFor(() => c.shown.some((e) => e.id === own.id), 5000, 'own follow-up');
    expect(c.shown.some((e) => e.id === `comment-KZ-75-${appealIn['KZ-71'] ?? ''}`)).toBe(false);
    expect(JSON.stringify(c.frames)).not.toContain('234 56 12');
  });
});

describe('socket limits', () => {
  it('rate-limits client requests (per user) with a clear error', async () => {
    const operator = await signIn(server, 'operator');
    const c = watch(operator.cookie);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => c.socket.emitWithAck('sync:resume', { cursor: c.replica.state.cursor })),
    );
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ ok: false, error: 'too many requests: slow down', code: 'rate_limited' });
    expect(c.socket.connected).toBe(true);
  });

  it('drops a socket that sends a message over 64 KB, and the server keeps serving', async () => {
    const operator = await signIn(server, 'operator');
    const c = watch(operator.cookie);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    c.socket.io.opts.reconnection = false;
    c.socket.emit('sync:resume', { cursor: 'x'.repeat(100 * 1024) }, () => undefined);
    await waitFor(() => !c.socket.connected, 5000, 'disconnect');
    expect((await authedFetch(operator, `${server.url}/api/stats`)).status).toBe(200);
  });
});

describe('brute force', () => {
  it('answers 429 with Retry-After after too many sign-in attempts, and audits the failures', async () => {
    const attempt = () =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ username: 'admin', password: 'guess' }),
      });
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 8; i += 1) {
      last = await attempt();
      statuses.push(last.status);
    }
    expect(statuses).toContain(401);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    const failures = await server.app.access.audit.query({ actor: 'admin', action: 'login.failure', limit: 50 });
    expect(failures.length).toBeGreaterThanOrEqual(1);
  });
});
