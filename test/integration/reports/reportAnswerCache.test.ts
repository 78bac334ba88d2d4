import { reportAddDays, reportDayOf } from '@shared';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../../server/src/archive/pgArchiveDb';
import { createPgliteArchiveDb } from '../../../server/src/archive/pgliteArchiveDb';
import { ANSWER_FRESH_MS, createAnswerCache } from '../../../server/src/http/reportAnswerCache';
import { createReportsSource, createRollupJob } from '../../../server/src/reports/reportsSource';
import { recomputeAllDirty, recomputeDirty, reportGeneration } from '../../../server/src/reports/rollups';
import { createSilentLogger } from '../../../server/src/logger';
import { waitFor } from '../../support/events';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { generate, insert } from './rollupFixtures';

/**
 * The reports' kept answers (server/src/http/reportAnswerCache.ts) over a real archive and its
 * reports source: served again while fresh and while no rollup of the past was rewritten —
 * by anyone: the generation is in the database (migration 012), so another reports source, the
 * rollup job, `recomputeAllDirty` and the `reports:rebuild` process all count — never when
 * figures were still being recomputed. The clock of the cache is the test's; what is "the
 * past" is counted from the real one (the refresh's).
 */

const question = (asOf?: string) => ({ key: 'year', from: '2026-01-01', to: '2026-01-31', asOf, regions: null });
const counter = () => {
  let computed = 0;
  return async () => (computed += 1);
};
/** A (day, 'KZ-75') key marked dirty, as the archive's triggers mark it. */
const markDirty = (db: ArchiveDb, day: string) =>
  db.query(`INSERT INTO report_dirty (day, region) VALUES ($1::date, 'KZ-75') ON CONFLICT DO NOTHING`, [day]);
const today = () => reportDayOf(Date.now());

describe('report answers kept per question', () => {
  let db: ArchiveDb;
  beforeAll(async () => {
    db = await createPgliteArchiveDb({ dataDir: null });
    await migrate(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('serves an answer again within its freshness, and computes anew after it, after a rollup of the past is rewritten, or for other regions', async () => {
    let now = Date.parse('2026-02-10T08:00:00Z');
    const source = createReportsSource(() => db);
    const cache = createAnswerCache<{ n: number; asOf: number }>({ source, now: () => now });
    let computed = 0;
    const compute = async (asOf: number) => ({ n: (computed += 1), asOf });

    const first = await cache.answer(question(), compute);
    now += ANSWER_FRESH_MS - 1;
    // The kept answer keeps the moment it was taken.
    expect(await cache.answer(question(), compute)).toEqual(first);
    now += 1;
    expect((await cache.answer(question(), compute)).n).toBe(2);
    // A rollup of the past rewritten by someone else (the rebuild's recompute, straight on the
    // database) makes every kept answer stale, even one of other days.
    await markDirty(db, '2025-06-01');
    await recomputeAllDirty(db);
    expect((await cache.answer(question(), compute)).n).toBe(3);
    // The scope is part of the question.
    expect((await cache.answer({ ...question(), regions: ['KZ-75'] }, compute)).n).toBe(4);
    // With asOf the answer is the same however late it is asked again.
    const frozen = await cache.answer(question('2026-02-01T00:00:00.000Z'), compute);
    expect(frozen).toEqual({ n: 5, asOf: Date.parse('2026-02-01T00:00:00.000Z') });
    now += 10 * ANSWER_FRESH_MS;
    expect(await cache.answer(question('2026-02-01T00:00:00.000Z'), compute)).toEqual(frozen);
  });

  it('never keeps an answer whose figures were still being recomputed', async () => {
    const source = createReportsSource(() => db, { inlineDays: 0 });
    const cache = createAnswerCache<number>({ source, now: () => Date.parse('2026-02-10T08:00:00Z') });
    await markDirty(db, '2026-01-15');
    let computed = 0;
    const flagged: unknown[] = [];
    const compute = async (_asOf: number, recomputing: unknown) => {
      flagged.push(recomputing);
      return (computed += 1);
    };
    expect(await cache.answer(question(), compute)).toBe(1);
    expect(await cache.answer(question(), compute)).toBe(2);
    expect(flagged).toEqual([{ days: 1 }, { days: 1 }]);
  });

  it('drops a kept answer with asOf once another reports source rewrote a past day, not today or yesterday', async () => {
    // (What the tests before left dirty is not this one's.)
    await db.query('DELETE FROM report_dirty');
    const now = Date.now();
    // Two sources on one database: two server processes, as far as the generation goes.
    const mine = createReportsSource(() => db);
    const other = createReportsSource(() => db);
    const cache = createAnswerCache<number>({ source: mine, now: () => now });
    const asOf = new Date(now).toISOString();
    const month = { key: 'month', from: reportAddDays(today(), -30), to: today(), asOf, regions: null };
    const compute = counter();
    const rewrite = async (day: string) => {
      await markDirty(db, day);
      expect((await other.refresh([[day, day]], null)).recomputing).toBeNull();
    };
    expect(await cache.answer(month, compute)).toBe(1);
    await rewrite(today());
    await rewrite(reportAddDays(today(), -1));
    expect(await cache.answer(month, compute)).toBe(1);
    // Outside the period even: the generation is one for every answer.
    await rewrite(reportAddDays(today(), -40));
    expect(await cache.answer(month, compute)).toBe(2);
    expect(await cache.answer(month, compute)).toBe(2);
  });

  it('survives the job rewriting today and yesterday (live traffic), not an older day, with no wiring to the reports', async () => {
    await db.query('DELETE FROM report_dirty');
    const now = Date.now();
    const source = createReportsSource(() => db);
    const cache = createAnswerCache<number>({ source, now: () => now });
    const month = { key: 'month', from: reportAddDays(today(), -30), to: today(), regions: null };
    const compute = counter();
    expect(await cache.answer(month, compute)).toBe(1);
    // The report's refresh recomputes yesterday: the answer taken before still holds.
    await markDirty(db, reportAddDays(today(), -1));
    expect(await cache.answer(month, compute)).toBe(1);
    await markDirty(db, reportAddDays(today(), -10));
    expect(await cache.answer(month, compute)).toBe(2);
    // The job likewise: a round over yesterday leaves the generation, one over an older day moves it on.
    const round = async (day: string) => {
      await markDirty(db, day);
      const job = createRollupJob({ db, logger: createSilentLogger(), intervalMs: 10 });
      job.start();
      await waitFor(async () => (await db.query('SELECT 1 FROM report_dirty')).rows.length === 0, 20_000, 'a round');
      await job.stop();
    };
    const before = await reportGeneration(db);
    await round(reportAddDays(today(), -1));
    expect(await reportGeneration(db)).toBe(before);
    expect(await cache.answer(month, compute)).toBe(2);
    await round(reportAddDays(today(), -3));
    expect(await reportGeneration(db)).toBe(before + 1);
    expect(await cache.answer(month, compute)).toBe(3);
  });

  it("tells the job's round whether a day before yesterday was dirty, a deferred one too (its pace)", async () => {
    await db.query('DELETE FROM report_dirty');
    expect(await recomputeDirty(db)).toEqual({ keys: 0, isPastRewritten: false, isPastDirty: false });
    await markDirty(db, reportAddDays(today(), -1));
    expect(await recomputeDirty(db)).toMatchObject({ isPastRewritten: false, isPastDirty: false });
    await markDirty(db, reportAddDays(today(), -5));
    await markDirty(db, today());
    // A backfill still writing the older day: it stays dirty, the job keeps its quick pace.
    expect(await recomputeDirty(db, 62, { deferBefore: reportAddDays(today(), -1) })).toMatchObject({
      isPastRewritten: false,
      isPastDirty: true,
    });
    expect(await recomputeDirty(db)).toMatchObject({ isPastRewritten: true, isPastDirty: true });
    expect((await db.query('SELECT 1 FROM report_dirty')).rows).toEqual([]);
  });
});

describe('report answers kept in one process, the rollups rewritten by another, on PostgreSQL', () => {
  const SLOW_MS = 120_000;
  let database: TestDatabase;
  /** The server's pool, and another's (a second server, the job of another node). */
  let db: ArchiveDb;
  let elsewhere: ArchiveDb;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPgArchiveDb({ url: database.url });
    elsewhere = createPgArchiveDb({ url: database.url });
    await migrate(db);
    // Appeals of 2024, so the rebuild has past days to rewrite.
    await insert(db, generate(7, 40));
    await recomputeAllDirty(db);
  }, SLOW_MS);
  afterAll(async () => {
    await db?.close();
    await elsewhere?.close();
    await database?.drop();
  });

  it(
    'serves a kept answer with asOf again after a rewrite of today and yesterday elsewhere, and never after `reports:rebuild` ran',
    async () => {
      const cache = createAnswerCache<number>({ source: createReportsSource(() => db), now: () => Date.now() });
      const frozen = { ...question('2026-02-01T00:00:00.000Z'), key: 'frozen' };
      const compute = counter();
      expect(await cache.answer(frozen, compute)).toBe(1);
      expect(await cache.answer(frozen, compute)).toBe(1);

      // Another node's rollup job over live days: the answer still holds.
      await markDirty(elsewhere, today());
      await markDirty(elsewhere, reportAddDays(today(), -1));
      expect(await recomputeDirty(elsewhere)).toMatchObject({ isPastRewritten: false });
      expect(await cache.answer(frozen, compute)).toBe(1);

      // `npm run reports:rebuild`, a process of its own: every day of the archive rewritten.
      const before = await reportGeneration(db);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'server/src/reports/rebuildCli.ts'],
        { env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, LOG_LEVEL: 'warn' } },
      );
      expect(stdout).toMatch(/Rebuilt the report rollups/);
      expect(await reportGeneration(db)).toBeGreaterThan(before);
      expect(await cache.answer(frozen, compute)).toBe(2);
      expect(await cache.answer(frozen, compute)).toBe(2);
    },
    SLOW_MS,
  );
});
