import { afterAll, describe, expect, it } from 'vitest';
import { MAX_QUEUED_MESSAGES } from '@shared';
import type { Socket as NetSocket } from 'node:net';
import { authedFetch, signIn } from '../support/auth';
import { appealRegistered, waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
afterAll(async () => {
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

/** The TCP socket under a socket.io-client's WebSocket (Node `ws`), to stop reading from it. */
function tcpOf(client: LiveClient): NetSocket {
  const engine = client.socket.io.engine as unknown as { transport: { ws: { _socket: NetSocket } } };
  return engine.transport.ws._socket;
}

/** What the server holds for the socket with this id: engine.io's write buffer and the WebSocket's. */
function serverBacklog(id: string): { messages: number; bytes: number } {
  const conn = server.app.io.sockets.sockets.get(id)?.conn as unknown as {
    writeBuffer: { data?: unknown }[];
    transport: { socket: { bufferedAmount: number } };
  };
  const bytes = conn.writeBuffer.reduce((sum, p) => sum + (typeof p.data === 'string' ? p.data.length : 0), 0);
  return { messages: conn.writeBuffer.length, bytes: bytes + conn.transport.socket.bufferedAmount };
}

const TOTAL = 12_000;
const POISON_EVERY = 10;

describe('poison and overload', () => {
  it('a flood with bad entries in it: bad ones dead-lettered, a stalled client paused then resynced, a fast one exact', async () => {
    server = await startTestServer({ frameIntervalMs: 50 });
    const viewer = await signIn(server, 'operator');
    const fast = connectLiveClient(server.url, { cookie: viewer.cookie });
    const stalled = connectLiveClient(server.url, { cookie: viewer.cookie });
    try {
      await waitFor(() => fast.snapshots.length === 1 && stalled.snapshots.length === 1, 10_000, 'snapshots');
      const start = fast.replica.state.cursor;
      tcpOf(stalled).pause();

      // Faster than a client that does not read can take: ~2 KB events, pipelined in batches.
      const description = 'Нет отопления, батареи холодные. '.repeat(60);
      let written = 0;
      while (written < TOTAL) {
        const batch: Promise<string>[] = [];
        for (let i = 0; i < 500; i += 1, written += 1) {
          const envelope = appealRegistered({ region: 'KZ-75' });
          (envelope.data as { description: string }).description = description;
          const fields =
            written % POISON_EVERY === 0
              ? { event: `{"v":1,"id":"poison-${written}"}` }
              : { event: JSON.stringify(envelope) };
          batch.push(server.log.append('events', fields));
        }
        await Promise.all(batch);
      }
      const last = (await server.log.rangeReverse('events', '+', 1))[0]?.id as string;
      await waitFor(() => fast.replica.state.cursor === last, 60_000, 'the fast client at the end');
      // The stalled client was taken out of the frames: its queue stays bounded.
      const stalledId = stalled.socket.id as string;
      await waitFor(
        () => server.app.io.sockets.sockets.get(stalledId)?.data.isBehind,
        20_000,
        'the stalled client paused',
      );
      // Let the flood's last frames go by: nothing more is queued for the paused socket.
      const held = serverBacklog(stalledId);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(serverBacklog(stalledId)).toEqual(held);
      expect(held.messages).toBeLessThanOrEqual(MAX_QUEUED_MESSAGES + 1);

      // Poison never blocked the tail: every bad entry dead-lettered with a reason, every good one applied.
      const dead = await server.log.info('events:dead');
      expect(dead.length).toBe(TOTAL / POISON_EVERY);
      expect(server.app.store.state.counters.applied).toBe(TOTAL - TOTAL / POISON_EVERY);
      const truth = (await server.log.range('events', start, last, 100_000))
        .filter((e) => !e.fields.event?.startsWith('{"v":1,"id":"poison-'))
        .map((e) => e.id);
      expect(fast.shown.map((e) => e.streamId)).toEqual(truth);

      // Reading again: what was queued arrives, then a fresh snapshot, then live frames.
      tcpOf(stalled).resume();
      await waitFor(() => stalled.snapshots.some((s) => s.reason === 'too_far_behind'), 30_000, 'the resync snapshot');
      await waitFor(() => stalled.replica.state.cursor === last, 30_000, 'the stalled client caught up');
      expect(stalled.replica.state.appeals.size).toBe(fast.replica.state.appeals.size);
      const shown = stalled.shown.map((e) => e.streamId);
      expect(new Set(shown).size).toBe(shown.length);
      expect(server.app.io.sockets.sockets.get(stalledId)?.data.isBehind).toBe(false);

      const health = await authedFetch(viewer, `${server.url}/api/health`);
      expect(health.status).toBe(200);
      console.log(
        `${TOTAL} entries (${TOTAL / POISON_EVERY} poison); stalled client held at ${held.messages} messages / ${held.bytes} bytes, resynced by snapshot`,
      );
    } finally {
      fast.close();
      stalled.close();
    }
  }, 180_000);

  it('a client slow to read a large Cyrillic snapshot gets it once, not a second one for the frames queued behind it', async () => {
    const slow = await startTestServer({ frameIntervalMs: 50 });
    try {
      // ~10 M characters of Cyrillic (≈ 20 MB as UTF-8): more than the kernel's buffers take at once.
      const description = 'Нет отопления в подъезде, батареи холодные. '.repeat(28);
      for (let written = 0; written < 8000; written += 500) {
        const batch = Array.from({ length: 500 }, () => {
          const envelope = appealRegistered({ region: 'KZ-75' });
          (envelope.data as { description: string }).description = description;
          return slow.log.append('events', { event: JSON.stringify(envelope) });
        });
        await Promise.all(batch);
      }
      const last = (await slow.log.rangeReverse('events', '+', 1))[0]?.id as string;
      await waitFor(() => slow.app.store.state.cursor === last, 30_000, 'the server applied the prefill');
      const viewer = await signIn(slow, 'operator');
      // Without permessage-deflate (a client that does not offer it): the snapshot goes out whole.
      const client = connectLiveClient(slow.url, { cookie: viewer.cookie, deflate: false });
      // Stop reading as soon as the connection opens: the snapshot waits in the buffers…
      client.socket.io.once('open', () => tcpOf(client).pause());
      try {
        await waitFor(
          () => client.socket.io.engine !== undefined && slow.app.io.sockets.sockets.size === 1,
          10_000,
          'connected',
        );
        // …while live events make frames queue behind it, more than the message limit.
        for (let i = 0; i <= MAX_QUEUED_MESSAGES + 10; i += 1) {
          await slow.log.append('events', { event: JSON.stringify(appealRegistered({ region: 'KZ-71' })) });
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
        tcpOf(client).resume();
        const end = (await slow.log.rangeReverse('events', '+', 1))[0]?.id as string;
        await waitFor(() => client.replica.state.cursor === end, 30_000, 'the client caught up');
        expect(client.snapshots.map((snapshot) => snapshot.reason)).toEqual(['connect']);
        expect(client.replica.state.appeals.size).toBe(slow.app.store.state.appeals.size);
      } finally {
        client.close();
      }
    } finally {
      await slow.stop();
      await deletePrefix(testRedisUrl(), slow.prefix);
    }
  }, 120_000);
});
