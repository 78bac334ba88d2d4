import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyEvent,
  compareStreamIds,
  createProjection,
  deserializeProjection,
  serializeProjection,
  skipEntry,
  type EventEnvelope,
  type ProjectionState,
  type SerializedProjection,
} from '@shared';
import { createLocator } from '../../server/src/regions/createLocator';
import { loadBuiltinLayer } from '../../server/src/regions/loadRegionLayer';
import { SNAPSHOT_KEY } from '../../server/src/projection/createProjectionStore';
import { decodeEntry } from '../../server/src/stream/decodeEntry';
import type { EventLog } from '../../server/src/stream/eventLog';
import { appealAssigned, appealRegistered, uniqueId, waitFor } from '../support/events';
import { bannerUrl, spawnServer, type SpawnedServer } from '../support/serverProcess';
import { deletePrefix, openTestLog, testRedisUrl, uniquePrefix } from '../support/testServer';

const TOTAL = 10_000;
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(testRedisUrl(), prefix);
});

/** The real entry point as a child process, without demo traffic. */
function startServer(prefix: string): SpawnedServer {
  // Snapshots every 1,500 entries: the crash lands after some were written.
  return spawnServer({ REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, DEMO: 'false', SNAPSHOT_EVERY_EVENTS: '1500' });
}

function statusChanged(appealId: string, status: string): EventEnvelope {
  return {
    v: 1,
    id: uniqueId('evt'),
    type: 'appeal.status_changed',
    at: new Date().toISOString(),
    region: 'KZ-71',
    data: { appealId, status },
  } as EventEnvelope;
}

let lastRegistration: EventEnvelope | null = null;

/**
 * 10,000 entries as producers would write them: registrations, first responses, status
 * changes, repeated ids (a producer's retry) and bad entries, in that mix.
 */
function* traffic(): Generator<Record<string, string>> {
  const open: string[] = [];
  for (let i = 0; i < TOTAL; i += 1) {
    const kind = i % 10;
    if (kind === 9) {
      yield { event: '{"v":1,"id":"broken","type":"appeal.teleported"}' };
    } else if (kind === 8 && open.length > 0) {
      // the previous registration again, same id: must be applied once
      yield { event: JSON.stringify(lastRegistration) };
    } else if (kind >= 5 && open.length > 0) {
      const appealId = open[(i * 7919) % open.length] as string;
      const envelope =
        kind === 5 ? appealAssigned(appealId) : statusChanged(appealId, kind === 6 ? 'in_progress' : 'resolved');
      yield { event: JSON.stringify(envelope) };
    } else {
      const envelope = appealRegistered();
      lastRegistration = envelope;
      open.push((envelope.data as { appealId: string }).appealId);
      yield { event: JSON.stringify(envelope) };
    }
  }
}

/** Folds the whole stream with the same decoder and reducer the server uses. */
async function foldStream(log: EventLog): Promise<ProjectionState> {
  const locate = createLocator(loadBuiltinLayer()).regionOf;
  const state = createProjection();
  let cursor = '0-0';
  for (;;) {
    const entries = await log.range('events', cursor, '+', 1000);
    if (entries.length === 0) return state;
    for (const entry of entries) {
      const decoded = decodeEntry(entry, locate);
      if (decoded.ok) applyEvent(state, decoded.event);
      else skipEntry(state, entry.id);
    }
    cursor = (entries[entries.length - 1] as { id: string }).id;
  }
}

/** JSON as it is persisted (histogram bins become string keys, Maps become arrays). */
function persisted(state: ProjectionState): unknown {
  return JSON.parse(JSON.stringify(serializeProjection(state)));
}

describe('crash recovery (kill -9)', () => {
  it('after a kill -9 at a random point mid-stream, the restarted projection equals a fold of the whole stream', async () => {
    const prefix = uniquePrefix('crash');
    prefixes.push(prefix);
    const log = await openTestLog(prefix);
    const first = startServer(prefix);
    try {
      await waitFor(() => bannerUrl(first.output()), 30_000, 'first start');
      // Write in batches while the server consumes; kill it somewhere in the middle.
      const killAt = 3000 + Math.floor(Math.random() * 5000);
      let written = 0;
      let killedAfter = -1;
      for (const fields of traffic()) {
        await log.append('events', fields);
        written += 1;
        if (written === killAt) {
          // Mid-way means after a snapshot: the restart must combine it with the tail.
          await waitFor(() => log.getValue(SNAPSHOT_KEY), 20_000, 'a snapshot before the crash');
          first.child.kill('SIGKILL');
          await once(first.child, 'exit');
          killedAfter = written;
        }
        if (written % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(killedAfter).toBe(killAt);
      const info = await log.info('events');
      expect(info.length).toBe(TOTAL);
      // The killed server had written at least one snapshot before dying, behind the stream's end.
      const before = JSON.parse((await log.getValue(SNAPSHOT_KEY)) ?? 'null') as SerializedProjection | null;
      expect(before?.cursor).toMatch(/^\d+-\d+$/);
      expect(compareStreamIds(before?.cursor ?? '0-0', info.lastId)).toBeLessThan(0);
      console.log(
        `killed after ${killAt} of ${TOTAL} entries; its last snapshot covers ${before?.counters.applied ?? 0} applied events`,
      );

      // Restart: snapshot + tail. The banner prints only after it caught up with the stream.
      const second = startServer(prefix);
      await waitFor(() => bannerUrl(second.output()), 60_000, 'restart');
      second.child.kill('SIGTERM');
      const [code] = (await once(second.child, 'exit')) as [number | null];
      expect(code).toBe(0);
      const after = deserializeProjection(
        JSON.parse((await log.getValue(SNAPSHOT_KEY)) ?? 'null') as SerializedProjection,
      );
      expect(after).not.toBeNull();
      const truth = await foldStream(log);
      expect(after?.cursor).toBe(info.lastId);
      // Every valid event applied exactly once, nothing else: the whole state, not just counts.
      expect(after?.counters).toEqual(truth.counters);
      expect(truth.counters.duplicates).toBeGreaterThan(0);
      expect(persisted(after as ProjectionState)).toEqual(persisted(truth));
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
      await log.close();
    }
  }, 120_000);
});
