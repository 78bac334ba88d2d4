import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { createArchiver } from '../../../server/src/archive/createArchiver';
import { migrate } from '../../../server/src/archive/migrate';
import { rebuildCurrentState } from '../../../server/src/archive/rebuildCurrentState';
import { createLogStreamReader } from '../../../server/src/archive/streamReader';
import { createSilentLogger } from '../../../server/src/logger';
import type { EventLog, LogEntry } from '../../../server/src/stream/eventLog';
import { createRedisLog } from '../../../server/src/stream/redisLog';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis';
import {
  ARCHIVE_TARGETS,
  archivedFacts,
  archivedLinks,
  foldEntries,
  foldFacts,
  foldLinks,
  generateTraffic,
  waitForCursor,
  type ArchiveTarget,
} from './archiveFixtures';

const logger = createSilentLogger();
const SLOW_MS = 180_000;
const prefix = uniquePrefix('rebuild');
let log: EventLog;

beforeAll(async () => {
  log = await createRedisLog({ url: testRedisUrl(), prefix, logger });
});
afterAll(async () => {
  await log.close();
  await deletePrefix(testRedisUrl(), prefix);
});

describe.each(ARCHIVE_TARGETS)('npm run archive:rebuild on $kind', ({ kind, open }) => {
  let target: ArchiveTarget;
  let db: ArchiveDb;
  beforeAll(async () => {
    target = await open();
    db = target.db;
    await migrate(db);
  }, SLOW_MS);
  afterAll(async () => {
    await target?.cleanup();
  }, SLOW_MS);

  it(
    'rebuilds appeals, incidents and links from the archived events, equal to a fold of the stream',
    async () => {
      const stream = `events-${kind.replace(/\W/g, '')}`;
      const fields = generateTraffic(11, 60, 0.2).map((envelope) => ({ event: JSON.stringify(envelope) }));
      const entries: LogEntry[] = [];
      for (let i = 0; i < fields.length; i += 500) {
        const chunk = fields.slice(i, i + 500);
        // One connection, pipelined in order: ids rise with the chunk's order.
        const ids = await Promise.all(chunk.map((f) => log.append(stream, f)));
        ids.forEach((id, j) => entries.push({ id, fields: chunk[j] as Record<string, string> }));
      }
      const lastId = entries.at(-1)?.id ?? '0-0';
      const archiver = createArchiver({
        db,
        reader: createLogStreamReader(log, { stream, blockMs: 50 }),
        logger,
        batchSize: 300,
        pollMs: 50,
      });
      archiver.start();
      try {
        await waitForCursor(db, lastId, SLOW_MS);
      } finally {
        await archiver.stop();
      }
      const fold = foldEntries(entries);
      expect(await archivedFacts(db)).toEqual(foldFacts(fold));

      // The derived tables damaged (a bad manual fix, a bug in an old version): the events stay.
      await db.query("UPDATE appeals SET status = 'new', resolved_at = NULL");
      await db.query('DELETE FROM incident_appeals');
      await db.query('DELETE FROM incidents');
      await db.query('DELETE FROM appeals WHERE id IN (SELECT id FROM appeals LIMIT 10)');

      // Small batches: appeals and incidents span many of them.
      const outcome = await rebuildCurrentState(db, { batchSize: 97 });
      expect(outcome.events).toBe(fold.counters.applied);
      expect(outcome.appeals).toBe(fold.appeals.size);
      expect(outcome.incidents).toBe(fold.incidents.size);
      expect(await archivedFacts(db)).toEqual(foldFacts(fold));
      expect(await archivedLinks(db)).toEqual(foldLinks(fold));
    },
    SLOW_MS,
  );
});
