import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SOCKETS_PER_KIOSK, DEFAULT_SOCKETS_PER_SESSION, DEFAULT_SOCKETS_PER_USER } from '@shared';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/** Two nodes on one Redis and one prefix, as behind a load balancer; most cases use only `a`. */
let a: TestServer;
let b: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  a = await startTestServer({ cluster: true });
  b = await startTestServer({ cluster: true, prefix: a.prefix });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await b?.stop();
  await a?.stop();
  if (a) await deletePrefix(testRedisUrl(), a.prefix);
});

/** Opens a socket and waits for its snapshot, so sockets are opened strictly one after another. */
async function open(cookie: string, server: TestServer = a): Promise<LiveClient> {
  const client = connectLiveClient(server.url, { cookie });
  clients.push(client);
  await waitFor(() => client.snapshots.length === 1, 10_000, 'snapshot');
  return client;
}

async function openMany(count: number, cookie: string, server: TestServer = a): Promise<LiveClient[]> {
  const opened: LiveClient[] = [];
  for (let i = 0; i < count; i += 1) opened.push(await open(cookie, server));
  return opened;
}

/** Another sign-in of the same user: a new session. */
async function signInAgain(server: TestServer, session: TestSession): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: session.username, password: session.password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The cookie of one more screen opening a kiosk link (each opening is a session of its own). */
async function openKioskLink(path: string): Promise<string> {
  const res = await fetch(`${a.url}${path}`, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function expectEvicted(oldest: LiveClient, reason: string, limit: number): Promise<void> {
  await waitFor(() => !oldest.socket.connected, 5000, 'the oldest socket disconnected');
  expect(oldest.evictions).toEqual([{ reason, limit }]);
  // Disconnected by the server on purpose: socket.io-client does not reconnect by itself.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(oldest.socket.connected).toBe(false);
}

describe('socket caps', () => {
  it('the 9th socket of one sign-in disconnects its oldest, which is told why', async () => {
    const user = await signIn(a, 'operator');
    const tabs = await openMany(DEFAULT_SOCKETS_PER_SESSION, user.cookie);
    const ninth = await open(user.cookie);
    const [oldest, ...rest] = tabs as [LiveClient, ...LiveClient[]];
    await expectEvicted(oldest, 'session_sockets', DEFAULT_SOCKETS_PER_SESSION);
    for (const tab of [...rest, ninth]) {
      expect(tab.socket.connected).toBe(true);
      expect(tab.evictions).toEqual([]);
    }
  });

  it("the 33rd socket of one user, over several sign-ins, disconnects the user's oldest", async () => {
    const user = await signIn(a, 'supervisor');
    const sockets: LiveClient[] = [];
    for (let s = 0; s < DEFAULT_SOCKETS_PER_USER / DEFAULT_SOCKETS_PER_SESSION; s += 1) {
      const cookie = s === 0 ? user.cookie : await signInAgain(a, user);
      sockets.push(...(await openMany(DEFAULT_SOCKETS_PER_SESSION, cookie)));
    }
    expect(sockets.every((c) => c.socket.connected)).toBe(true);
    const last = await open(await signInAgain(a, user));
    await expectEvicted(sockets[0] as LiveClient, 'user_sockets', DEFAULT_SOCKETS_PER_USER);
    expect(sockets.slice(1).every((c) => c.socket.connected && c.evictions.length === 0)).toBe(true);
    expect(last.socket.connected).toBe(true);
  }, 60_000);

  it('a kiosk link has a cap of its own, apart from the admin who issued it', async () => {
    const admin = await signIn(a, 'admin');
    const adminTab = await open(admin.cookie);
    const issued = await authedFetch(admin, `${a.url}/api/admin/kiosk-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'Зал 2', regions: 'all' }),
    });
    expect(issued.status).toBe(201);
    const { path } = (await issued.json()) as { path: string };
    // Three screens opened the link, three sockets each: nine of one kiosk link.
    const screens: LiveClient[] = [];
    for (let s = 0; s < 3; s += 1) screens.push(...(await openMany(3, await openKioskLink(path))));
    await expectEvicted(screens[0] as LiveClient, 'kiosk_sockets', DEFAULT_SOCKETS_PER_KIOSK);
    expect(screens.slice(1).every((c) => c.socket.connected && c.evictions.length === 0)).toBe(true);
    expect(adminTab.socket.connected).toBe(true);
  });

  it('counts the sockets of a sign-in on every node: a 9th on node b disconnects the oldest on node a', async () => {
    const user = await signIn(a, 'operator');
    const onA = await openMany(DEFAULT_SOCKETS_PER_SESSION, user.cookie, a);
    const onB = await open(user.cookie, b);
    await expectEvicted(onA[0] as LiveClient, 'session_sockets', DEFAULT_SOCKETS_PER_SESSION);
    expect(onA.slice(1).every((c) => c.socket.connected)).toBe(true);
    expect(onB.socket.connected).toBe(true);
  });
});
