import { applyEvent, createProjection } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { rowToAppeal } from '../../../server/src/archive/appealsTable';
import { createHistoryBackfill } from '../../../server/src/archive/history/createHistoryBackfill';
import { createHistoryGenerator } from '../../../server/src/archive/history/generateHistory';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgliteArchiveDb } from '../../../server/src/archive/pgliteArchiveDb';
import { createSilentLogger } from '../../../server/src/logger';
import { decodeEntry } from '../../../server/src/stream/decodeEntry';
import { waitFor } from '../../support/events';
import { ARCHIVE_TARGETS, type ArchiveTarget } from './archiveFixtures';
import { markedDays, triggersDays } from './historyFixtures';

const logger = createSilentLogger();
/** PGlite's first start and its worker are slow on a loaded machine; nothing is timed here. */
const SLOW_MS = 240_000;
const DAY = 86_400_000;
const LIVE_START = Date.parse('2026-03-10T06:00:00Z');
const DAYS = 3;
const PER_DAY = 400;
const SEED = 1616;

const options = (db: ArchiveDb, extra: Partial<Parameters<typeof createHistoryBackfill>[0]> = {}) => ({
  db,
  logger,
  days: DAYS,
  perDay: PER_DAY,
  liveStartAt: LIVE_START,
  seed: SEED,
  out: null,
  chunkEvents: 500,
  ...extra,
});

/** What the generator alone produces for the same seed and range (no database). */
function expectedCounts(): { appeals: number; incidents: number; events: number } {
  const generator = createHistoryGenerator({
    seed: SEED,
    fromAt: LIVE_START - DAYS * DAY,
    toAt: LIVE_START,
    perDay: PER_DAY,
  });
  const counts = { appeals: 0, incidents: 0, events: 0 };
  while (generator.now < LIVE_START - 1) {
    const chunk = generator.advance(generator.now + 3_600_000);
    counts.appeals += chunk.appeals.length;
    counts.incidents += chunk.incidents.length;
    counts.events += chunk.events;
  }
  return counts;
}

const count = async (db: ArchiveDb, sql: string): Promise<number> =>
  Number((await db.query<{ n: string }>(sql)).rows[0]?.n);

describe.each(ARCHIVE_TARGETS)('demo history on $kind', ({ open }) => {
  let target: ArchiveTarget;
  let db: ArchiveDb;
  const expected = expectedCounts();

  beforeAll(async () => {
    target = await open();
    db = target.db;
    await migrate(db);
  }, SLOW_MS);
  afterAll(() => target.cleanup(), SLOW_MS);

  it(
    "resumes a stopped backfill where it left off and writes the seed's whole history once",
    async () => {
      const first = createHistoryBackfill(options(db));
      const running = first.run();
      await waitFor(() => first.progress().events > 0, SLOW_MS);
      await first.stop();
      expect((await running).state).toBe('idle');
      expect(first.progress().appeals).toBeLessThan(expected.appeals);

      // Another process within the lease: it must not write.
      const rival = await createHistoryBackfill(options(db)).run();
      expect(rival.state).toBe('skipped');
      expect(rival.reason).toMatch(/another process/);

      // The lease runs out: the next start takes it over and finishes.
      await db.query("UPDATE archive_history SET heartbeat_at = now() - interval '10 minutes'");
      const resumed = await createHistoryBackfill(options(db)).run();
      expect(resumed.state).toBe('done');
      expect(resumed).toMatchObject(expected);
    },
    SLOW_MS,
  );

  it(
    'holds exactly the finished appeals, incidents and events, all tagged and all before the live data',
    async () => {
      expect(expected.appeals).toBeGreaterThan(DAYS * PER_DAY * 0.8);
      expect(await count(db, 'SELECT count(*) AS n FROM appeals WHERE backfilled')).toBe(expected.appeals);
      expect(await count(db, 'SELECT count(*) AS n FROM appeals WHERE NOT backfilled')).toBe(0);
      expect(await count(db, 'SELECT count(*) AS n FROM incidents WHERE backfilled')).toBe(expected.incidents);
      const events =
        (await count(db, 'SELECT count(*) AS n FROM appeal_events WHERE backfilled')) +
        (await count(db, 'SELECT count(*) AS n FROM incident_events WHERE backfilled'));
      expect(events).toBe(expected.events);
      expect(await count(db, "SELECT count(*) AS n FROM appeals WHERE status NOT IN ('closed', 'rejected')")).toBe(0);
      const { rows } = await db.query<{ first: Date; last: Date }>(
        'SELECT min(at) AS first, max(at) AS last FROM appeal_events',
      );
      expect(rows[0]?.first.getTime()).toBeGreaterThanOrEqual(LIVE_START - DAYS * DAY);
      expect(rows[0]?.last.getTime()).toBeLessThan(LIVE_START);
      // Ids no live run can produce: the run id is `h` + six letters (a live one has six).
      expect(await count(db, "SELECT count(*) AS n FROM appeals WHERE id !~ '^A-\\d\\d-h[0-9a-z]{6}-\\d+$'")).toBe(0);
      const marker = await db.query('SELECT status, appeals, events FROM archive_history');
      expect(marker.rows[0]).toMatchObject({ status: 'done' });
      expect(Number(marker.rows[0]?.appeals)).toBe(expected.appeals);
    },
    SLOW_MS,
  );

  it(
    'marks stale exactly the report days the rollup triggers mark for its rows',
    async () => {
      const marked = await markedDays(db);
      expect(marked.length).toBeGreaterThan(DAYS * 10);
      expect(marked).toEqual(await triggersDays(db));
    },
    SLOW_MS,
  );

  it(
    "folding a backfilled appeal's archived timeline with the shared reducer gives its row",
    async () => {
      const { rows } = await db.query(`SELECT * FROM appeals WHERE incident_id IS NULL ORDER BY id LIMIT 60`);
      expect(rows.length).toBe(60);
      for (const row of rows) {
        const timeline = await db.query<{ stream_id: string; payload: unknown }>(
          'SELECT stream_id, payload FROM appeal_events WHERE appeal_id = $1 ORDER BY seq',
          [row.id],
        );
        const state = createProjection();
        for (const e of timeline.rows) {
          const decoded = decodeEntry({ id: e.stream_id, fields: { event: JSON.stringify(e.payload) } }, null);
          if (!decoded.ok) throw new Error(`archived event does not decode: ${JSON.stringify(e.payload)}`);
          expect(applyEvent(state, decoded.event).kind).toBe('applied');
        }
        const folded = state.appeals.get(row.id as string);
        expect(folded).toBeDefined();
        expect({ ...folded, streamIds: [] }).toEqual(rowToAppeal(row));
        expect(timeline.rows.at(-1)?.stream_id).toBe(row.last_stream_id);
      }
    },
    SLOW_MS,
  );

  it(
    'a restart finds the history written and adds nothing',
    async () => {
      const before = await count(db, 'SELECT count(*) AS n FROM appeal_events');
      const again = await createHistoryBackfill(options(db, { liveStartAt: LIVE_START + DAY, seed: 99 })).run();
      expect(again.state).toBe('skipped');
      expect(again.reason).toMatch(/already written/);
      expect(again.fraction).toBe(1);
      expect(await count(db, 'SELECT count(*) AS n FROM appeal_events')).toBe(before);
    },
    SLOW_MS,
  );
});

// Sparse history (a few appeals a day over 20 regions): a day one step alone falls on is marked
// or missed, where the dense run above marks every region's every day anyway. The history's own
// marking (historyDirty.ts) stands in for the triggers where the session may switch them off.
describe('sparse demo history on pglite', () => {
  it(
    'marks the same report days as the rollup triggers would',
    async () => {
      const db = await createPgliteArchiveDb({ dataDir: null });
      try {
        await migrate(db);
        const done = await createHistoryBackfill(options(db, { days: 20, perDay: 15, chunkEvents: 100 })).run();
        expect(done.state).toBe('done');
        const marked = await markedDays(db);
        expect(marked.length).toBeGreaterThan(100);
        expect(marked).toEqual(await triggersDays(db));
      } finally {
        await db.close();
      }
    },
    SLOW_MS,
  );
});
