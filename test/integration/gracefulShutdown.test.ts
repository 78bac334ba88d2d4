import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import type { SerializedProjection } from '@shared';
import { SNAPSHOT_KEY } from '../../server/src/projection/createProjectionStore';
import { waitFor } from '../support/events';
import { connectLiveClient } from '../support/liveClient';
import { bannerUrl, spawnServer } from '../support/serverProcess';
import { deletePrefix, openTestLog, testRedisUrl, uniquePrefix } from '../support/testServer';

const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(testRedisUrl(), prefix);
});

describe('graceful shutdown (SIGTERM)', () => {
  it('stops accepting, flushes the last frame, tells clients to reconnect elsewhere and exits within 10 s', async () => {
    const prefix = uniquePrefix('term');
    prefixes.push(prefix);
    const { child, output } = spawnServer({
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      // Demo traffic keeps events flowing up to the signal.
      DEMO: 'true',
      SIM_RATE: '200',
      SIM_BACKFILL_MINUTES: '0',
      FRAME_INTERVAL_MS: '250',
    });
    const log = await openTestLog(prefix);
    try {
      const url = await waitFor(() => bannerUrl(output()), 30_000, 'start-up');
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'operator', password: 'ortalyq-operator' }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const client = connectLiveClient(url, { cookie });
      try {
        await waitFor(() => client.frames.filter((f) => f.events.length > 0).length >= 3, 15_000, 'live frames');
        const signalledAt = Date.now();
        child.kill('SIGTERM');
        await waitFor(() => client.shutdowns.length > 0, 10_000, 'the shutdown notice');
        expect(client.shutdowns[0]?.reconnectInMs).toBeGreaterThan(0);
        // By the time clients are told, the node no longer takes new connections.
        await expect(fetch(`${url}/healthz`)).rejects.toThrow();
        const [code] = (await once(child, 'exit')) as [number | null];
        const tookMs = Date.now() - signalledAt;
        console.log(`SIGTERM → exit in ${tookMs} ms`);
        // Exit code 0, not 1: the process's own 10 s deadline (index.ts) did not have to end it.
        expect(code).toBe(0);
        // Nothing the node applied stayed unsent: the client stands where the final snapshot does.
        const snapshot = JSON.parse((await log.getValue(SNAPSHOT_KEY)) ?? '{}') as SerializedProjection;
        expect(client.replica.state.cursor).toBe(snapshot.cursor);
        const shownIds = client.shown.map((e) => e.id);
        expect(new Set(shownIds).size).toBe(shownIds.length);
      } finally {
        client.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await log.close();
    }
  }, 60_000);
});
