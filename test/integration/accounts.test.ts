import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { uniqueId, waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

const LOGIN_LIMIT = 3;
let server: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ loginRateLimit: LOGIN_LIMIT });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

const json = { 'content-type': 'application/json' };
const nameOf = (role: string) =>
  uniqueId(role)
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .slice(0, 32);

/** Signs in through the real route (all from 127.0.0.1: each case uses its own account). */
function login(username: string, password: string): Promise<Response> {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username, password }),
  });
}

const cookieOf = (res: Response): string => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

function watch(cookie: string): LiveClient {
  const c = connectLiveClient(server.url, { cookie });
  clients.push(c);
  return c;
}

function changePassword(cookie: string, currentPassword: string, newPassword: string): Promise<Response> {
  return fetch(`${server.url}/api/auth/password`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ currentPassword, newPassword }),
  });
}

describe('sign-in limits count failures only', () => {
  it('ten successful sign-ins to a shared wall account leave its budget for typos untouched', async () => {
    const username = nameOf('wall');
    await server.app.access.users.add({ username, password: 'wall-screen-pass-7', role: 'operator', regions: 'all' });
    for (let i = 0; i < 10; i += 1) expect((await login(username, 'wall-screen-pass-7')).status).toBe(200);
    expect((await login(username, 'typo')).status).toBe(401);
  });

  it('locks an account after the limit of failures, and a success in between forgives the earlier ones', async () => {
    const username = nameOf('desk');
    await server.app.access.users.add({ username, password: 'desk-pass-4711', role: 'operator', regions: 'all' });
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT - 1; i += 1) statuses.push((await login(username, 'wrong')).status);
    statuses.push((await login(username, 'desk-pass-4711')).status);
    for (let i = 0; i < LOGIN_LIMIT; i += 1) statuses.push((await login(username, 'wrong')).status);
    const locked = await login(username, 'desk-pass-4711');
    expect(statuses).toEqual([401, 401, 200, 401, 401, 401]);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('one-time passwords', () => {
  let admin: TestSession;
  beforeAll(async () => {
    admin = await signIn(server, 'admin');
  });

  it('a user an admin creates must change the password before any API or socket works', async () => {
    const username = nameOf('new');
    const created = await authedFetch(admin, `${server.url}/api/admin/users`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username, password: 'Temp-from-admin-42', role: 'supervisor', regions: ['KZ-71'] }),
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);

    const signedIn = await login(username, 'Temp-from-admin-42');
    expect(signedIn.status).toBe(200);
    const cookie = cookieOf(signedIn);
    const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as {
      user: { mustChangePassword?: boolean };
    };
    expect(me.user.mustChangePassword).toBe(true);
    for (const path of ['/api/stats', '/api/regions', '/api/health']) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { code: string }).code, path).toBe('password_change_required');
    }
    const write = await fetch(`${server.url}/api/appeals`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: '{}',
    });
    expect(write.status).toBe(403);

    const refused = watch(cookie);
    refused.socket.io.opts.reconnection = false;
    const error = await new Promise<{ message: string; data?: { code?: string } }>((resolve) =>
      refused.socket.once('connect_error', (e) => resolve(e as never)),
    );
    expect(error.data?.code).toBe('password_change_required');

    // The policy holds (the username rule too), and the current password must be right.
    const weak = await changePassword(cookie, 'Temp-from-admin-42', `${username}-2026`);
    expect(weak.status).toBe(422);
    expect(((await weak.json()) as { code: string; message: string }).message).toMatch(/\(username\)/);
    expect((await changePassword(cookie, 'Temp-from-admin-42', '1234567890')).status).toBe(422);
    expect((await changePassword(cookie, 'not-the-password', 'Steppe wind at dawn')).status).toBe(403);

    const changed = await changePassword(cookie, 'Temp-from-admin-42', 'Steppe wind at dawn');
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { user: { mustChangePassword?: boolean } }).user.mustChangePassword).toBe(
      undefined,
    );
    expect((await fetch(`${server.url}/api/stats`, { headers: { cookie } })).status).toBe(200);
    const live = watch(cookie);
    await waitFor(() => live.snapshots.length === 1, 5000, 'snapshot after the change');
    expect((await login(username, 'Temp-from-admin-42')).status).toBe(401);
    const audit = await server.app.access.audit.query({ action: 'user.password_change', actor: username, limit: 5 });
    expect(audit.map((entry) => entry.outcome)).toEqual(['ok', 'denied']);
  });

  it('an admin reset gives a one-time password again', async () => {
    const user = await signIn(server, 'agent', ['KZ-71']);
    const reset = await authedFetch(admin, `${server.url}/api/admin/users/${user.username}/reset-password`, {
      method: 'POST',
    });
    const { password } = (await reset.json()) as { password: string };
    const cookie = cookieOf(await login(user.username, password));
    const stats = await fetch(`${server.url}/api/stats`, { headers: { cookie } });
    expect(stats.status).toBe(403);
  });
});

describe('changing one’s own password', () => {
  it('ends the user’s other sessions and their sockets, and keeps this one', async () => {
    const here = await signIn(server, 'operator');
    const cookieElsewhere = cookieOf(await login(here.username, here.password));
    const socketHere = watch(here.cookie);
    const socketElsewhere = watch(cookieElsewhere);
    socketElsewhere.socket.io.opts.reconnection = false;
    await waitFor(() => socketHere.snapshots.length === 1 && socketElsewhere.snapshots.length === 1, 5000, 'both');
    let isHereDropped = false;
    socketHere.socket.on('disconnect', () => {
      isHereDropped = true;
    });

    const changed = await changePassword(here.cookie, here.password, 'Kokshetau lakes in June');
    expect(changed.status).toBe(200);
    // This browser keeps its cookie: no new one to race the socket's reconnect.
    expect(changed.headers.get('set-cookie')).toBeNull();

    await waitFor(() => !socketElsewhere.socket.connected, 2000, 'the other socket dropped');
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: cookieElsewhere } })).status).toBe(401);
    expect((await authedFetch(here, `${server.url}/api/stats`)).status).toBe(200);
    // This session's socket is dropped too (one room per user); like the browser after its
    // /api/auth/me check, it connects again on the same cookie.
    await waitFor(() => isHereDropped, 2000, 'this socket dropped');
    socketHere.socket.connect();
    await waitFor(() => socketHere.socket.connected, 5000, 'reconnected on the same cookie');
  });

  it('needs a person’s session: none is 401, a wall-screen link has no password (403)', async () => {
    expect((await changePassword('', 'x', 'Kokshetau lakes in June')).status).toBe(401);
    const { secret } = await server.app.access.kiosks.issue('Зал 1', 'all', 'test');
    const open = await fetch(`${server.url}/kiosk/${secret}`, { redirect: 'manual' });
    const kiosk = await changePassword(cookieOf(open), 'x', 'Kokshetau lakes in June');
    expect(kiosk.status).toBe(403);
    expect(((await kiosk.json()) as { code: string }).code).toBe('forbidden');
  });

  it('stops guessing the current password through a session after the sign-in limit', async () => {
    const user = await signIn(server, 'operator');
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_LIMIT; i += 1) {
      statuses.push((await changePassword(user.cookie, `guess-${i}`, 'Kokshetau lakes in June')).status);
    }
    expect(statuses).toEqual([...Array<number>(LOGIN_LIMIT).fill(403), 429]);
    // Even the right one is refused until the window ends.
    expect((await changePassword(user.cookie, user.password, 'Kokshetau lakes in June')).status).toBe(429);
  });
});
