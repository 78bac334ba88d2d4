import { reportAddDays } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { migrate } from '../../../server/src/archive/migrate';
import type { AppealFilter } from '../../../server/src/reports/reportRows';
import { reportSummary } from '../../../server/src/reports/reportSummary';
import { recomputeAllDirty } from '../../../server/src/reports/rollups';
import { ARCHIVE_TARGETS, type ArchiveTarget } from '../archive/archiveFixtures';
import {
  CATEGORIES,
  CHANNELS,
  DAY,
  generate,
  insert,
  insertEvents,
  ORIGIN,
  reference,
  type Row,
  REGIONS,
  random,
  ROLLUP_NOW,
  SPAN_DAYS,
  WINDOW_MS,
} from './rollupFixtures';

const SLOW_MS = 240_000;

describe.each(ARCHIVE_TARGETS)('report rollups on $kind', ({ open }) => {
  let target: ArchiveTarget;
  let db: ArchiveDb;
  beforeAll(async () => {
    target = await open();
    db = target.db;
    await migrate(db);
    await insert(db, generate(7, 900));
    await recomputeAllDirty(db, { now: ROLLUP_NOW });
  }, SLOW_MS);
  afterAll(async () => {
    await target?.cleanup();
  });

  it(
    'every random period and filter equals a direct computation over the appeals',
    async () => {
      const rnd = random(11);
      const day = (offset: number): string => reportAddDays('2024-02-24', offset);
      // Fixed edges first: the leap day, the month end, Almaty's offset change; then random ones.
      const periods: Array<[string, string]> = [
        ['2024-02-29', '2024-02-29'],
        ['2024-02-28', '2024-03-01'],
        ['2024-03-01', '2024-03-01'],
        ['2024-02-24', '2024-03-06'],
        // Whole months (read from the month grain) with days around them, and a bare month.
        ['2024-02-01', '2024-02-29'],
        ['2024-01-31', '2024-04-01'],
        ['2024-01-28', '2024-03-31'],
        ['2024-02-01', '2024-04-29'],
      ];
      for (let i = 0; i < 8; i += 1) {
        const a = Math.floor(rnd() * SPAN_DAYS);
        periods.push([day(a), day(a + Math.floor(rnd() * (SPAN_DAYS - a)))]);
      }
      let checked = 0;
      for (const [from, to] of periods) {
        const filter: AppealFilter = {
          regions: rnd() < 0.4 ? null : REGIONS.filter(() => rnd() < 0.6),
          category: rnd() < 0.3 ? CATEGORIES[Math.floor(rnd() * 3)] : undefined,
          channel: rnd() < 0.3 ? CHANNELS[Math.floor(rnd() * 2)] : undefined,
        };
        // asOf: long after everything, or in the middle of the period (a partial day).
        const asOf = rnd() < 0.5 ? ORIGIN + 60 * DAY : ORIGIN + Math.floor(rnd() * SPAN_DAYS * DAY);
        const summary = await reportSummary(db, { from, to, asOf, filter, confirmationWindowMs: WINDOW_MS }, []);
        const ref = await reference(db, from, to, asOf, filter);
        const label = `${from}…${to} ${JSON.stringify(filter)} asOf ${new Date(asOf).toISOString()}`;
        expect(summary.figures, label).toEqual(ref.figures);
        // The days add up to the period (asOf's own day counted up to asOf, none after it).
        expect(
          summary.byDay.reduce((n, d) => n + d.registered, 0),
          label,
        ).toBe(ref.figures.flow.registered);
        expect(
          summary.byDay.reduce((n, d) => n + d.resolved, 0),
          label,
        ).toBe(ref.figures.flow.resolved);
        for (const { region, figures } of summary.byRegion) {
          expect(figures, `${label} ${region}`).toEqual(
            (await reference(db, from, to, asOf, { ...filter, regions: [region] })).figures,
          );
        }
        for (const { category, figures } of summary.byCategory) {
          expect(figures, `${label} ${category}`).toEqual(
            (await reference(db, from, to, asOf, { ...filter, category })).figures,
          );
        }
        checked += summary.figures.cohort.registered;
      }
      expect(checked).toBeGreaterThan(500);
    },
    SLOW_MS,
  );

  it(
    'follows every writer: reopened, re-resolved, moved and deleted appeals, through the triggers alone',
    async () => {
      // A reopen clears a resolution; a later resolution lands on another day; a region moves.
      await db.query(
        `UPDATE appeals SET status = 'reopened', resolved_at = NULL, closed_at = NULL
          WHERE id IN (SELECT id FROM appeals WHERE resolved_at IS NOT NULL ORDER BY id LIMIT 40)`,
      );
      await db.query(
        `UPDATE appeals SET status = 'resolved', resolved_at = registered_at + interval '3 days 5 hours'
          WHERE id IN (SELECT id FROM appeals WHERE status = 'in_progress' ORDER BY id LIMIT 40)`,
      );
      await db.query(
        `UPDATE appeals SET region = 'KZ-79' WHERE id IN (SELECT id FROM appeals ORDER BY id DESC LIMIT 20)`,
      );
      await db.query(`DELETE FROM appeals WHERE id IN (SELECT id FROM appeals ORDER BY id LIMIT 15)`);
      // Reopens arriving later (the events alone mark their days).
      const { rows: later } = await db.query<{ id: string; region: string; registered_at: Date }>(
        'SELECT id, region, registered_at FROM appeals ORDER BY id DESC LIMIT 30',
      );
      await insertEvents(
        db,
        later.map((r, i) => ({
          ...(generate(1, 1)[0] as Row),
          id: r.id,
          region: r.region,
          events: [
            {
              type: i % 3 === 0 ? 'appeal.feedback' : 'appeal.status_changed',
              data: i % 3 === 0 ? { result: 'not_confirmed' } : { status: 'reopened' },
              at: new Date(r.registered_at).getTime() + 2 * DAY + i * 3_600_000,
            },
          ],
        })),
      );
      // A callback changes no flow, but its intake cohort (migration 010): it marks its days.
      const before = Number((await db.query('SELECT count(*) AS n FROM report_dirty')).rows[0]?.n);
      expect(before).toBeGreaterThan(0);
      await recomputeAllDirty(db, { now: ROLLUP_NOW });
      await db.query(
        `UPDATE appeals SET feedback_result = 'unreachable', feedback_at = resolved_at WHERE resolved_at IS NOT NULL`,
      );
      expect(Number((await db.query('SELECT count(*) AS n FROM report_dirty')).rows[0]?.n)).toBeGreaterThan(0);
      await recomputeAllDirty(db, { now: ROLLUP_NOW });
      const filter: AppealFilter = { regions: null };
      for (const [from, to] of [
        ['2024-02-24', '2024-03-06'],
        ['2024-02-29', '2024-03-02'],
      ] as const) {
        const asOf = ORIGIN + 60 * DAY;
        const summary = await reportSummary(db, { from, to, asOf, filter, confirmationWindowMs: WINDOW_MS }, []);
        expect(summary.figures).toEqual((await reference(db, from, to, asOf, filter)).figures);
        expect(summary.figures.flow.reopened).toBeGreaterThan(0);
      }
    },
    SLOW_MS,
  );

  it(
    "a merged period's percentiles are within the histogram's ±1 % of the exact ones",
    async () => {
      const asOf = ORIGIN + 60 * DAY;
      const summary = await reportSummary(
        db,
        { from: '2024-02-24', to: '2024-03-06', asOf, filter: { regions: null }, confirmationWindowMs: WINDOW_MS },
        [],
      );
      const { appeals, start, end } = await reference(db, '2024-02-24', '2024-03-06', asOf, { regions: null });
      const responses = appeals
        .filter((a) => a.respondedAt !== null && a.respondedAt >= start && a.respondedAt < end)
        .map((a) => (a.respondedAt as number) - a.registeredAt)
        .sort((x, y) => x - y);
      expect(summary.figures.flow.response.count).toBe(responses.length);
      for (const [q, got] of [
        [0.5, summary.figures.flow.response.p50],
        [0.9, summary.figures.flow.response.p90],
        [0.99, summary.figures.flow.response.p99],
      ] as const) {
        const exact = responses[Math.max(1, Math.ceil(q * responses.length)) - 1] as number;
        expect(Math.abs((got as number) - exact), `p${q * 100}`).toBeLessThanOrEqual(exact * 0.0101 + 1);
      }
    },
    SLOW_MS,
  );
});
