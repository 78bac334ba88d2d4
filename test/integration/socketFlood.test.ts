import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENT_LIMITS, MAX_QUEUED_BYTES, type Ack, type Analytics } from '@shared';
import type { Socket as NetSocket } from 'node:net';
import { backlogOf } from '../../server/src/realtime/createRealtime';
import { signIn } from '../support/auth';
import { appealRegistered, waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * One signed-in socket must not make the server hoard memory: every reply to it is held to
 * the per-socket queue cap, and every request is rate-limited per user, whichever socket
 * of the user's it comes on.
 */
let server: TestServer;
/** The server's clock, moved by hand: the rate limit's buckets refill only when a test says so. */
let clock = Date.now();
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ frameIntervalMs: 50, now: () => clock });
  // Enough appeals that each answer to `analytics:watch` carries real series (tens of KB).
  const regions = ['KZ-71', 'KZ-75', 'KZ-79', 'KZ-11', 'KZ-15'] as const;
  const batch = Array.from({ length: 600 }, (_, i) =>
    server.log.append('events', { event: JSON.stringify(appealRegistered({ region: regions[i % regions.length] })) }),
  );
  await Promise.all(batch);
  const last = (await server.log.rangeReverse('events', '+', 1))[0]?.id as string;
  await waitFor(() => server.app.store.state.cursor === last, 20_000, 'the server applied the prefill');
});

afterAll(async () => {
  // A socket whose TCP reads were paused cannot finish a WebSocket close handshake, and the
  // server's close would wait for it: cut the connection under every client first.
  for (const client of clients) {
    (
      client.socket.io.engine as unknown as { transport?: { ws?: { _socket?: NetSocket } } }
    ).transport?.ws?._socket?.destroy();
    client.close();
  }
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

function open(cookie: string): LiveClient {
  const client = connectLiveClient(server.url, { cookie });
  clients.push(client);
  return client;
}

/** The TCP socket under a socket.io-client's WebSocket (Node `ws`), to stop reading from it. */
function tcpOf(client: LiveClient): NetSocket {
  const engine = client.socket.io.engine as unknown as { transport: { ws: { _socket: NetSocket } } };
  return engine.transport.ws._socket;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('socket request limits', () => {
  it('a socket that floods analytics:watch without reading gets nothing queued beyond the cap', async () => {
    const user = await signIn(server, 'operator');
    const reader = open(user.cookie);
    const flooder = open(user.cookie);
    await waitFor(() => reader.snapshots.length === 1 && flooder.snapshots.length === 1, 10_000, 'snapshots');
    const held = server.app.io.sockets.sockets.get(flooder.socket.id as string);
    if (!held) throw new Error('no server socket for the flooder');
    await waitFor(() => backlogOf(held).messages === 0 && backlogOf(held).bytes === 0, 10_000, 'snapshot drained');
    // The size of one answer, as a reading socket of another user sees it.
    const other = open((await signIn(server, 'operator')).cookie);
    await waitFor(() => other.socket.connected, 5000, 'the other socket');
    const answer = await other.socket.emitWithAck('analytics:watch', { window: '24h' });
    const answerBytes = JSON.stringify(answer).length;
    expect(answerBytes).toBeGreaterThan(5000);

    tcpOf(flooder).pause();
    let peak = 0;
    // Far more answers than the cap and the kernel's socket buffers hold (on the old code
    // each was queued: tens of MB), sent while the server keeps answering.
    for (let round = 0; round < 60; round += 1) {
      for (let i = 0; i < 50; i += 1) flooder.socket.emit('analytics:watch', { window: '24h' }, () => undefined);
      await tick();
      peak = Math.max(peak, backlogOf(held).bytes);
    }
    // Timers (chart pushes, the pause check) run a few more times: still nothing piles up.
    for (let i = 0; i < 40; i += 1) {
      await tick();
      peak = Math.max(peak, backlogOf(held).bytes);
    }
    console.log(`flooder peak backlog ${peak} bytes`);
    // The cap, plus at most one reply queued at the moment the socket reached it.
    expect(peak).toBeLessThanOrEqual(MAX_QUEUED_BYTES + answerBytes);
    // The same user's socket that reads was left alone.
    expect(reader.socket.connected).toBe(true);
    expect(reader.evictions).toEqual([]);
  }, 60_000);

  it("analytics:watch is limited per user: a second socket cannot spend beyond the first one's budget", async () => {
    const user = await signIn(server, 'supervisor');
    // A second sign-in of the same user: the budget is the user's, not a session's or a socket's.
    const again = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    const secondCookie = (again.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const first = open(user.cookie);
    const second = open(secondCookie);
    const stranger = open((await signIn(server, 'supervisor')).cookie);
    await waitFor(
      () => first.snapshots.length === 1 && second.snapshots.length === 1 && stranger.snapshots.length === 1,
      10_000,
      'snapshots',
    );
    const { burst, refillMs } = CLIENT_EVENT_LIMITS['analytics:watch'];
    const watch = (client: LiveClient): Promise<Ack<Analytics | null>> =>
      client.socket.emitWithAck('analytics:watch', { window: '1h' });

    const spent = await Promise.all(Array.from({ length: burst }, () => watch(first)));
    expect(spent.every((result) => result.ok)).toBe(true);
    const refused = await watch(second);
    expect(refused).toEqual({
      ok: false,
      error: 'too many requests: slow down',
      code: 'rate_limited',
      retryAfterMs: refillMs,
    });
    expect(await watch(first)).toMatchObject({ ok: false, code: 'rate_limited' });
    // Another user has a budget of their own.
    expect(await watch(stranger)).toMatchObject({ ok: true });
    // Once a token is back (the server's clock moved by one refill), the user may watch again.
    clock += refillMs;
    expect(await watch(second)).toMatchObject({ ok: true });
    expect(await watch(first)).toMatchObject({ ok: false, code: 'rate_limited' });
  });

  it('sync:resume is limited per user across its sockets, each handshake counting', async () => {
    const user = await signIn(server, 'operator');
    const sockets = [open(user.cookie), open(user.cookie)];
    await waitFor(() => sockets.every((c) => c.snapshots.length === 1), 10_000, 'snapshots');
    const [first, second] = sockets as [LiveClient, LiveClient];
    const { burst } = CLIENT_EVENT_LIMITS['sync:resume'];
    const resume = (client: LiveClient) =>
      client.socket.emitWithAck('sync:resume', { cursor: client.replica.state.cursor });
    // Two handshakes took two tokens; the first socket spends the rest.
    for (let i = 0; i < burst - 2; i += 1) expect(await resume(first)).toMatchObject({ ok: true });
    expect(await resume(second)).toMatchObject({ ok: false, code: 'rate_limited' });
  });
});
