import {
  addCohort,
  addFlows,
  createCohortCounts,
  createFlowCounts,
  reportAddDays,
  reportDayStart,
  reportFigures,
  type ReportAppeal,
} from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { migrate } from '../../../server/src/archive/migrate';
import { REPORT_COLUMNS, rowToReportAppeal, type AppealFilter } from '../../../server/src/reports/reportRows';
import { reportSummary } from '../../../server/src/reports/reportSummary';
import { recomputeAllDirty } from '../../../server/src/reports/rollups';
import { ARCHIVE_TARGETS, type ArchiveTarget } from '../archive/archiveFixtures';

const SLOW_MS = 240_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const WINDOW_MS = 14 * DAY;
const REGIONS = ['KZ-71', 'KZ-75', 'KZ-79'] as const;
const CATEGORIES = ['heating', 'water_sewer', 'roads'] as const;
const CHANNELS = ['call', 'app'] as const;
/** Around the leap day 2024 and Almaty's move from UTC+6 to UTC+5 (1 March 2024). */
const ORIGIN = Date.parse('2024-02-24T00:00:00Z');
const SPAN_DAYS = 12;

/** A seeded generator (mulberry32): the same appeals every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  id: string;
  region: string;
  category: string;
  channel: string;
  priority: string;
  status: string;
  service: string | null;
  registered: number;
  responded: number | null;
  resolved: number | null;
  closed: number | null;
  responseDue: number;
  due: number;
  legalDue: number;
  feedback: { result: string; rating: number | null; at: number } | null;
}

function generate(seed: number, count: number): Row[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const rows: Row[] = [];
  for (let i = 0; i < count; i += 1) {
    // Half the registrations within 40 minutes of an Almaty midnight (19:00 or 18:00 UTC).
    const dayIndex = Math.floor(rnd() * SPAN_DAYS);
    const registered =
      rnd() < 0.5
        ? ORIGIN + dayIndex * DAY + (rnd() < 0.5 ? 18 : 19) * 3_600_000 + Math.floor((rnd() - 0.5) * 80 * MINUTE)
        : ORIGIN + Math.floor(rnd() * SPAN_DAYS * DAY);
    const responded = rnd() < 0.8 ? registered + Math.floor(MINUTE + rnd() * 6 * 3_600_000) : null;
    const resolved = rnd() < 0.6 ? (responded ?? registered) + Math.floor(MINUTE + rnd() * 4 * DAY) : null;
    const fate = rnd();
    const closed = fate < 0.2 ? (resolved ?? registered) + Math.floor(MINUTE + rnd() * DAY) : null;
    const status =
      closed !== null
        ? resolved !== null || rnd() < 0.5
          ? 'closed'
          : 'rejected'
        : resolved !== null
          ? 'resolved'
          : pick(['registered', 'assigned', 'in_progress']);
    const finishedAt = resolved ?? closed;
    const feedback =
      finishedAt !== null && status !== 'rejected' && rnd() < 0.5
        ? {
            result: pick(['confirmed', 'unreachable', 'confirmed']),
            rating: rnd() < 0.7 ? 1 + Math.floor(rnd() * 5) : null,
            at: finishedAt + Math.floor(rnd() * 20 * DAY),
          }
        : null;
    rows.push({
      id: `a-${seed}-${i}`,
      region: pick(REGIONS),
      category: pick(CATEGORIES),
      channel: pick(CHANNELS),
      priority: pick(['low', 'normal', 'high']),
      status,
      service: responded !== null ? pick(['Su arnasy', 'Astana Su', null]) : null,
      registered,
      responded,
      resolved,
      closed,
      responseDue: registered + 2 * 3_600_000,
      due: registered + DAY,
      legalDue: registered + Math.floor((15 + rnd() * 10) * DAY),
      feedback,
    });
  }
  return rows;
}

async function insert(db: ArchiveDb, rows: readonly Row[]): Promise<void> {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  await db.query(
    `INSERT INTO appeals (id, region, category, channel, priority, status, service, lat, lng, description,
       registered_at, responded_at, resolved_at, closed_at, response_due_at, resolution_due_at, legal_due_at,
       feedback_result, feedback_rating, feedback_at, updated_at, last_event_id, last_stream_id)
     SELECT r.id, r.region, r.category, r.channel, r.priority, r.status, r.service, 51.1, 71.4, 'test',
       r.registered, r.responded, r.resolved, r.closed, r.response_due, r.due, r.legal_due,
       r.fb_result, r.fb_rating, r.fb_at, r.registered, r.id, '1-0'
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, region text, category text, channel text, priority text,
         status text, service text, registered timestamptz, responded timestamptz, resolved timestamptz,
         closed timestamptz, response_due timestamptz, due timestamptz, legal_due timestamptz, fb_result text,
         fb_rating smallint, fb_at timestamptz)`,
    [
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          region: r.region,
          category: r.category,
          channel: r.channel,
          priority: r.priority,
          status: r.status,
          service: r.service,
          registered: iso(r.registered),
          responded: iso(r.responded),
          resolved: iso(r.resolved),
          closed: iso(r.closed),
          response_due: iso(r.responseDue),
          due: iso(r.due),
          legal_due: iso(r.legalDue),
          fb_result: r.feedback?.result ?? null,
          fb_rating: r.feedback?.rating ?? null,
          fb_at: iso(r.feedback?.at ?? null),
        })),
      ),
    ],
  );
}

/** The naive reference: every appeal read back, filtered and counted in JavaScript. */
async function reference(db: ArchiveDb, from: string, to: string, asOf: number, filter: AppealFilter) {
  const { rows } = await db.query(`SELECT ${REPORT_COLUMNS} FROM appeals`);
  const appeals = rows
    .map(rowToReportAppeal)
    .filter(
      (a: ReportAppeal) =>
        (filter.regions === null || filter.regions.includes(a.region)) &&
        (filter.category === undefined || a.category === filter.category) &&
        (filter.channel === undefined || a.channel === filter.channel),
    );
  const start = reportDayStart(from);
  const end = reportDayStart(reportAddDays(from, 0)) + (reportDayStart(reportAddDays(to, 1)) - start);
  const flows = createFlowCounts();
  const cohort = createCohortCounts();
  for (const a of appeals) {
    addFlows(flows, a, start, Math.min(end, asOf + 1));
    if (a.registeredAt >= start && a.registeredAt < end) addCohort(cohort, a, asOf, WINDOW_MS);
  }
  return { figures: reportFigures(flows, cohort), appeals, start, end };
}

describe.each(ARCHIVE_TARGETS)('report rollups on $kind', ({ open }) => {
  let target: ArchiveTarget;
  let db: ArchiveDb;
  beforeAll(async () => {
    target = await open();
    db = target.db;
    await migrate(db);
    await insert(db, generate(7, 900));
    await recomputeAllDirty(db);
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
      // A callback marks nothing (no step, no dimension changed).
      const before = Number((await db.query('SELECT count(*) AS n FROM report_dirty')).rows[0]?.n);
      expect(before).toBeGreaterThan(0);
      await recomputeAllDirty(db);
      await db.query(
        `UPDATE appeals SET feedback_result = 'unreachable', feedback_at = resolved_at WHERE resolved_at IS NOT NULL`,
      );
      expect(Number((await db.query('SELECT count(*) AS n FROM report_dirty')).rows[0]?.n)).toBe(0);
      const filter: AppealFilter = { regions: null };
      for (const [from, to] of [
        ['2024-02-24', '2024-03-06'],
        ['2024-02-29', '2024-03-02'],
      ] as const) {
        const asOf = ORIGIN + 60 * DAY;
        const summary = await reportSummary(db, { from, to, asOf, filter, confirmationWindowMs: WINDOW_MS }, []);
        expect(summary.figures).toEqual((await reference(db, from, to, asOf, filter)).figures);
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
