import {
  ALL_KEY,
  createFlowCounts,
  mergeHistogram,
  type EventEnvelope,
  type FlowCounts,
  type MinuteRing,
  type ProjectionState,
} from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { createArchiver } from '../../../server/src/archive/createArchiver';
import { migrate } from '../../../server/src/archive/migrate';
import { createLogStreamReader } from '../../../server/src/archive/streamReader';
import { createSilentLogger } from '../../../server/src/logger';
import { rollupHourFlows } from '../../../server/src/reports/flowQueries';
import { recomputeAllDirty } from '../../../server/src/reports/rollups';
import { createTrafficModel } from '../../../server/src/simulator/createTrafficModel';
import type { EventLog } from '../../../server/src/stream/eventLog';
import { createRedisLog } from '../../../server/src/stream/redisLog';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis';
import { ARCHIVE_TARGETS, foldEntries, waitForCursor, type ArchiveTarget } from '../archive/archiveFixtures';

/**
 * Issue 19: "the last 24 hours of rollups equal the live rings". One simulator stream (26 hours,
 * reopens and "not confirmed" callbacks included) goes through Redis to the real archiver and to
 * the real projection (the reducer the server folds with); the hour rollups of the last 24 whole
 * hours must equal the projection's minute rings summed over the same minutes, overall and per
 * region, for every figure both hold.
 */
const SLOW_MS = 300_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const logger = createSilentLogger();
const prefix = uniquePrefix('report-rings');

function traffic(): EventEnvelope[] {
  const start = Date.parse('2026-03-02T00:00:00Z');
  const model = createTrafficModel({ seed: 19, startAt: start, rate: 0.012, maxActiveAppeals: 400, burstChance: 0 });
  const events: EventEnvelope[] = [];
  for (let t = start; t <= start + 26 * HOUR; t += MINUTE) events.push(...model.step(t));
  return events;
}

/** The figures both the rings and the rollups hold, from the rings' minutes in [start, end). */
function fromRings(rings: readonly (MinuteRing | undefined)[], start: number, end: number): Partial<FlowCounts> {
  const c = createFlowCounts();
  for (const ring of rings) {
    for (const slot of ring ?? []) {
      if (!slot || slot.minute < start / MINUTE || slot.minute >= end / MINUTE) continue;
      c.registered += slot.registered;
      c.respondedOnTime += slot.responseWithinSla;
      c.responseTargetMs += slot.responseTargetMs;
      c.resolvedOnTime += slot.resolutionWithinSla;
      c.finished += slot.finished;
      c.firstCall += slot.finishedUnrouted;
      mergeHistogram(c.response, slot.response);
      mergeHistogram(c.resolution, slot.resolution);
    }
  }
  return comparable({ ...c, responded: c.response.count, resolved: c.resolution.count });
}

function comparable(c: FlowCounts): Partial<FlowCounts> {
  const { registered, responded, respondedOnTime, responseTargetMs, resolved, resolvedOnTime, finished } = c;
  return {
    registered,
    responded,
    respondedOnTime,
    responseTargetMs,
    resolved,
    resolvedOnTime,
    finished,
    firstCall: c.firstCall,
    response: c.response,
    resolution: c.resolution,
  };
}

let log: EventLog;
let stream: { name: string; lastId: string; newestAt: number };
let state: ProjectionState;
beforeAll(async () => {
  log = await createRedisLog({ url: testRedisUrl(), prefix, logger });
  const events = traffic();
  let lastId = '0-0';
  for (let i = 0; i < events.length; i += 500) {
    const ids = await Promise.all(
      events.slice(i, i + 500).map((e) => log.append('events', { event: JSON.stringify(e) })),
    );
    lastId = ids.at(-1) ?? lastId;
  }
  stream = { name: 'events', lastId, newestAt: Math.max(...events.map((e) => Date.parse(e.at))) };
  state = foldEntries(await log.range('events', '0-0', '+', 1_000_000));
}, SLOW_MS);
afterAll(async () => {
  await log?.close();
  await deletePrefix(testRedisUrl(), prefix);
});

describe.each(ARCHIVE_TARGETS)('the last 24 hours of rollups against the live rings on $kind', ({ open }) => {
  let target: ArchiveTarget;
  let db: ArchiveDb;
  beforeAll(async () => {
    target = await open();
    db = target.db;
    await migrate(db);
    const archiver = createArchiver({
      db,
      reader: createLogStreamReader(log, { stream: stream.name, blockMs: 50 }),
      logger,
      batchSize: 500,
      name: stream.name,
      pollMs: 50,
    });
    archiver.start();
    await waitForCursor(db, stream.lastId, SLOW_MS - 30_000, stream.name);
    await archiver.stop();
    await recomputeAllDirty(db, { now: stream.newestAt });
  }, SLOW_MS);
  afterAll(async () => {
    await target?.cleanup();
  });

  it(
    'hour rollups equal the rings, overall and per region, for the figures both keep',
    async () => {
      const end = Math.floor(stream.newestAt / HOUR) * HOUR;
      const start = end - 24 * HOUR;
      const rolled = await rollupHourFlows(db, start, end, { regions: null });
      const rings = fromRings([state.metrics[ALL_KEY]], start, end);
      expect(comparable(rolled.overall)).toEqual(rings);
      // The stream has what makes the comparison worth it: reopened and re-resolved appeals.
      expect(rolled.overall.reopened).toBeGreaterThan(0);
      expect(rolled.overall.registered).toBeGreaterThan(300);
      expect(rolled.regions.size).toBeGreaterThan(5);
      for (const [region, flows] of rolled.regions) {
        expect(comparable(flows), region).toEqual(fromRings([state.metrics[region]], start, end));
      }
    },
    SLOW_MS,
  );
});
