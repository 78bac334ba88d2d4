import { afterAll, describe, expect, it } from 'vitest';
import { deserializeProjection, type SerializedProjection } from '@shared';
import { createApp, type App } from '../../server/src/app';
import { parseConfig } from '../../server/src/config';
import { createSilentLogger } from '../../server/src/logger';
import { SNAPSHOT_KEY } from '../../server/src/projection/createProjectionStore';
import type { EventLog } from '../../server/src/stream/eventLog';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { deletePrefix, openTestLog, testRedisUrl, uniquePrefix } from '../support/testServer';

const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(testRedisUrl(), prefix);
});

interface Recorded {
  log: EventLog;
  /** Each snapshot write: the cursor it covers and what the projection had applied when it began. */
  writes: { cursor: string; appliedWhenStarted: number }[];
  /** Holds every snapshot write until released. */
  hold(): () => void;
}

/** The real Redis log, with its snapshot writes recorded (and, on demand, held back). */
async function recordedLog(prefix: string, applied: () => number): Promise<Recorded> {
  const log = await openTestLog(prefix);
  const writes: Recorded['writes'] = [];
  let gate: Promise<void> | null = null;
  const recorded: EventLog = {
    ...log,
    async setValue(key, value, ttlMs) {
      if (key === SNAPSHOT_KEY) {
        writes.push({ cursor: (JSON.parse(value) as SerializedProjection).cursor, appliedWhenStarted: applied() });
        if (gate) await gate;
      }
      return log.setValue(key, value, ttlMs);
    },
  };
  return {
    log: recorded,
    writes,
    hold() {
      let release = (): void => undefined;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

async function startApp(prefix: string, config: Record<string, string>): Promise<{ app: App; recorded: Recorded }> {
  let app: App | null = null;
  const recorded = await recordedLog(prefix, () => app?.store.state.counters.applied ?? 0);
  app = createApp({
    config: parseConfig({ SNAPSHOT_INTERVAL_MS: '3600000', ...config }),
    log: recorded.log,
    logMode: 'external',
    logger: createSilentLogger(),
  });
  await app.start();
  return { app, recorded };
}

describe('projection snapshots', () => {
  it('writes none during start-up catch-up, then one covering the whole stream at its end', async () => {
    const prefix = uniquePrefix('snap-catchup');
    prefixes.push(prefix);
    const producer = await openTestLog(prefix);
    for (let i = 0; i < 2500; i += 1) await appendEnvelope(producer, appealRegistered());
    const last = (await producer.info('events')).lastId;
    const { app, recorded } = await startApp(prefix, { SNAPSHOT_EVERY_EVENTS: '500' });
    try {
      // Catch-up went past the count five times over without a snapshot; the one after it covers everything.
      await waitFor(() => recorded.writes.length > 0, 10_000, 'the snapshot after catch-up');
      expect(recorded.writes).toEqual([{ cursor: last, appliedWhenStarted: 2500 }]);
      const raw = await waitFor(() => producer.getValue(SNAPSHOT_KEY), 5000, 'the snapshot stored');
      const stored = deserializeProjection(JSON.parse(raw) as SerializedProjection);
      expect(stored?.cursor).toBe(last);
      expect(stored?.counters.applied).toBe(2500);
      expect(app.store.state.cursor).toBe(last);
    } finally {
      await app.close();
      await recorded.log.close();
      await producer.close();
    }
  }, 60_000);

  it('writes a due snapshot in the background: ingest goes on while it is written', async () => {
    const prefix = uniquePrefix('snap-live');
    prefixes.push(prefix);
    const producer = await openTestLog(prefix);
    const { app, recorded } = await startApp(prefix, { SNAPSHOT_EVERY_EVENTS: '50' });
    try {
      const release = recorded.hold();
      for (let i = 0; i < 60; i += 1) await appendEnvelope(producer, appealRegistered());
      await waitFor(() => recorded.writes.length === 1, 5000, 'a snapshot due by count');
      // Its write is held; the tail still applies what comes meanwhile.
      for (let i = 0; i < 20; i += 1) await appendEnvelope(producer, appealRegistered());
      await waitFor(() => app.store.state.counters.applied === 80, 5000, 'events applied during the write');
      expect(recorded.writes).toHaveLength(1);
      const covered = recorded.writes[0]?.appliedWhenStarted ?? 0;
      expect(covered).toBeGreaterThanOrEqual(50);
      expect(covered).toBeLessThan(80);
      release();
      // What the snapshot holds is the state when it began, not what was applied while it was written.
      await waitFor(async () => (await producer.getValue(SNAPSHOT_KEY)) !== null, 5000, 'the snapshot stored');
      const stored = JSON.parse((await producer.getValue(SNAPSHOT_KEY)) as string) as SerializedProjection;
      expect(stored.counters.applied).toBe(covered);
      expect(stored.appeals).toHaveLength(covered);
    } finally {
      await app.close();
      await recorded.log.close();
      await producer.close();
    }
  }, 60_000);

  it('skips a snapshot that would cover nothing new (an idle node does not rewrite it)', async () => {
    const prefix = uniquePrefix('snap-idle');
    prefixes.push(prefix);
    const producer = await openTestLog(prefix);
    await appendEnvelope(producer, appealRegistered());
    const { app, recorded } = await startApp(prefix, { SNAPSHOT_EVERY_EVENTS: '1000' });
    try {
      const first = await app.store.saveSnapshot();
      expect(await app.store.saveSnapshot()).toBe(first);
      expect(recorded.writes).toHaveLength(1);
      await appendEnvelope(producer, appealRegistered());
      await waitFor(() => app.store.state.counters.applied === 2, 5000, 'the second event');
      expect(await app.store.saveSnapshot()).not.toBe(first);
      expect(recorded.writes).toHaveLength(2);
    } finally {
      await app.close();
      await recorded.log.close();
      await producer.close();
    }
  }, 30_000);
});
