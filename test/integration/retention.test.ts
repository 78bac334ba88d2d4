import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { signIn } from '../support/auth';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { connectLiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, uniquePrefix, type TestServer } from '../support/testServer';

let server: TestServer | null = null;
const prefix = uniquePrefix('retention');
afterAll(async () => {
  await server?.stop();
  await deletePrefix(testRedisUrl(), prefix);
});

describe('stream retention (STREAM_RETENTION)', () => {
  it('trims entries older than the retention after a snapshot, and a client resuming from one gets a fresh snapshot', async () => {
    // Two entries from three hours ago, written with explicit ids as a producer's backlog would be.
    const redis = createClient({ url: testRedisUrl() });
    await redis.connect();
    const old = Date.now() - 3 * 3_600_000;
    const oldEvents = [
      appealRegistered({ at: new Date(old).toISOString() }),
      appealRegistered({ at: new Date(old).toISOString() }),
    ];
    const oldIds: string[] = [];
    for (const [i, envelope] of oldEvents.entries()) {
      oldIds.push(await redis.xAdd(`${prefix}:events`, `${old}-${i}`, { event: JSON.stringify(envelope) }));
    }
    await redis.quit();

    server = await startTestServer({ prefix, config: { STREAM_RETENTION: '1h', SNAPSHOT_INTERVAL_MS: '1000' } });
    const fresh = appealRegistered();
    const freshId = await appendEnvelope(server.log, fresh);
    await waitFor(async () => (await server?.log.info('events'))?.length === 1, 10_000, 'the old entries trimmed');
    const info = await server.log.info('events');
    expect(info.firstId).toBe(freshId);
    // Trimmed from the stream, not from the projection.
    expect(server.app.store.state.appeals.size).toBe(3);

    // A restarted node holds in memory only what it applied since its snapshot: the trimmed
    // resume point can be served neither from memory nor from the stream.
    await server.app.store.saveSnapshot();
    await server.stop();
    server = await startTestServer({ prefix, config: { STREAM_RETENTION: '1h', SNAPSHOT_INTERVAL_MS: '1000' } });
    const viewer = await signIn(server, 'operator');
    const client = connectLiveClient(server.url, { cookie: viewer.cookie, cursor: oldIds[0] });
    try {
      await waitFor(() => client.snapshots[0], 5000, 'a snapshot');
      expect(client.snapshots[0]?.reason).toBe('trimmed');
      expect(client.replica.state.appeals.size).toBe(3);
    } finally {
      client.close();
    }
  });
});
