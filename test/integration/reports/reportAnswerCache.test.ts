import { reportAddDays, reportDayOf } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgliteArchiveDb } from '../../../server/src/archive/pgliteArchiveDb';
import { ANSWER_FRESH_MS, createAnswerCache } from '../../../server/src/http/reportAnswerCache';
import { createReportsSource, createRollupJob } from '../../../server/src/reports/reportsSource';
import { createSilentLogger } from '../../../server/src/logger';
import { waitFor } from '../../support/events';

/**
 * The reports' kept answers (server/src/http/reportAnswerCache.ts) over a real archive and its
 * reports source: served again while fresh and while no rollup changed, never when figures
 * were still being recomputed. The clock is the test's.
 */
describe('report answers kept per question', () => {
  let db: ArchiveDb;
  beforeAll(async () => {
    db = await createPgliteArchiveDb({ dataDir: null });
    await migrate(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const question = (asOf?: string) => ({ key: 'year', from: '2026-01-01', to: '2026-01-31', asOf, regions: null });

  it('serves an answer again within its freshness, and computes anew after it, after a rollup change, or for other regions', async () => {
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
    // A rollup rewritten (the job's round) makes every kept answer stale.
    source.changed();
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
    await db.query(`INSERT INTO report_dirty (day, region) VALUES ('2026-01-15', 'KZ-75')`);
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

  it('survives rollups of today and yesterday being rewritten (live traffic), not an older day', async () => {
    // (What the test before left dirty is not this one's.)
    await db.query('DELETE FROM report_dirty');
    const now = Date.now();
    const source = createReportsSource(() => db);
    const cache = createAnswerCache<number>({ source, now: () => now });
    const today = reportDayOf(now);
    const month = { key: 'month', from: reportAddDays(today, -30), to: today, regions: null };
    let computed = 0;
    const compute = async () => (computed += 1);
    const dirty = (day: string) => db.query(`INSERT INTO report_dirty (day, region) VALUES ($1::date, 'KZ-75')`, [day]);
    expect(await cache.answer(month, compute)).toBe(1);
    // The report's refresh recomputes yesterday: the answer taken before still holds.
    await dirty(reportAddDays(today, -1));
    expect(await cache.answer(month, compute)).toBe(1);
    await dirty(reportAddDays(today, -10));
    expect(await cache.answer(month, compute)).toBe(2);
    // The job likewise: a round over yesterday leaves the generation, one over an older day bumps it.
    const round = async (day: string) => {
      await dirty(day);
      const job = createRollupJob({ db, logger: createSilentLogger(), intervalMs: 10, onChanged: source.changed });
      job.start();
      await waitFor(async () => (await db.query('SELECT 1 FROM report_dirty')).rows.length === 0, 20_000, 'a round');
      await job.stop();
    };
    const before = source.generation();
    await round(reportAddDays(today, -1));
    expect(source.generation()).toBe(before);
    await round(reportAddDays(today, -3));
    expect(source.generation()).toBe(before + 1);
  });
});
