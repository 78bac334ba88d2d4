import {
  addCohort,
  addFlows,
  createCohortCounts,
  createFlowCounts,
  reportAddDays,
  reportDayStart,
  reportFigures,
  type ReportSummary,
} from '@shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { createHistoryBackfill } from '../../../server/src/archive/history/createHistoryBackfill';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgliteArchiveDb } from '../../../server/src/archive/pgliteArchiveDb';
import { createSilentLogger } from '../../../server/src/logger';
import { allAppeals } from './rollupFixtures';
import { createReportsSource } from '../../../server/src/reports/reportsSource';
import { authedFetch, signIn } from '../../support/auth';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../../support/testServer';

const SLOW_MS = 240_000;
const WINDOW_MS = 14 * 86_400_000;
/** The demo history's live start: its days are the three before it. */
const LIVE_START = Date.parse('2026-05-04T00:00:00Z');

describe('GET /api/reports/summary over a backfilled history', () => {
  let db: ArchiveDb;
  let server: TestServer;

  beforeAll(async () => {
    db = await createPgliteArchiveDb({ dataDir: null });
    await migrate(db);
    // The backfill writes appeals straight into the tables: the triggers mark its days dirty.
    await createHistoryBackfill({
      db,
      logger: createSilentLogger(),
      days: 3,
      perDay: 400,
      liveStartAt: LIVE_START,
      seed: 9,
      out: null,
    }).run();
    server = await startTestServer({ reportsSource: createReportsSource(() => db), now: () => LIVE_START + 3_600_000 });
  }, SLOW_MS);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    if (server) await deletePrefix(testRedisUrl(), server.prefix);
  }, SLOW_MS);

  const period = 'from=2026-05-01&to=2026-05-03';

  it(
    'answers the backfilled days with the figures of a direct count, frozen by its link',
    async () => {
      const admin = await signIn(server, 'admin');
      const response = await authedFetch(admin, `${server.url}/api/reports/summary?${period}`);
      expect(response.status).toBe(200);
      const summary = (await response.json()) as ReportSummary;
      // The naive reference: every appeal with its reopens and undone resolutions (from its events).
      const appeals = await allAppeals(db);
      const start = reportDayStart('2026-05-01');
      const end = reportDayStart(reportAddDays('2026-05-03', 1));
      const asOf = Date.parse(summary.asOf);
      const flows = createFlowCounts();
      const cohort = createCohortCounts();
      for (const a of appeals) {
        addFlows(flows, a, start, Math.min(end, asOf + 1));
        if (a.registeredAt >= start && a.registeredAt < end) addCohort(cohort, a, asOf, WINDOW_MS);
      }
      expect(summary.figures).toEqual(JSON.parse(JSON.stringify(reportFigures(flows, cohort))));
      expect(summary.figures.cohort.registered).toBeGreaterThan(800);
      expect(summary.byRegion.length).toBeGreaterThan(5);
      expect(summary.byDay.map((d) => d.day)).toEqual(['2026-05-01', '2026-05-02', '2026-05-03']);
      expect(summary.previous).toMatchObject({ from: '2026-04-28', to: '2026-04-30' });
      expect(summary.yearAgo).toMatchObject({ from: '2025-05-01', to: '2025-05-03' });

      // Frozen: callbacks made after asOf (to the appeals that had none) change nothing behind the link.
      const called = await db.query(
        `UPDATE appeals SET feedback_result = 'confirmed', feedback_rating = 5, feedback_at = $1::timestamptz
          WHERE status IN ('resolved', 'closed') AND feedback_result IS NULL`,
        [new Date(asOf + 60_000).toISOString()],
      );
      expect(called.rowCount).toBeGreaterThan(0);
      const again = await authedFetch(admin, `${server.url}${summary.link}`);
      const frozen = (await again.json()) as ReportSummary;
      expect(frozen.figures).toEqual(summary.figures);
      expect(frozen.byRegion).toEqual(summary.byRegion);
    },
    SLOW_MS,
  );

  it(
    "gives a regional supervisor their region's figures only, and 403 for another's",
    async () => {
      const national = await signIn(server, 'admin');
      const all = (await (
        await authedFetch(national, `${server.url}/api/reports/summary?${period}&region=KZ-71`)
      ).json()) as ReportSummary;
      const supervisor = await signIn(server, 'supervisor', ['KZ-71']);
      const mine = (await (
        await authedFetch(supervisor, `${server.url}/api/reports/summary?${period}`)
      ).json()) as ReportSummary;
      expect(mine.regions).toEqual(['KZ-71']);
      expect(mine.byRegion.map((r) => r.region)).toEqual(['KZ-71']);
      expect(mine.figures.cohort.registered).toBe(all.figures.cohort.registered);
      expect(mine.figures.flow).toEqual(all.figures.flow);
      const other = await authedFetch(supervisor, `${server.url}/api/reports/summary?${period}&region=KZ-75`);
      expect(other.status).toBe(403);
      // Read like history: audited with who asked and which filters (names, not values).
      const audited = await server.app.access.audit.query({
        action: 'history.search',
        target: 'archive:reports',
        limit: 50,
      });
      expect(audited.some((r) => r.actor === supervisor.username && r.changed.length === 0)).toBe(true);
      expect(audited.some((r) => r.actor === national.username && r.changed.includes('region'))).toBe(true);
    },
    SLOW_MS,
  );

  it(
    "gives each service its reopens and its overdue intake as of the report's moment, free-text names scrubbed",
    async () => {
      // An appeal routed by free text quoting a phone number: the league must not repeat it.
      const renamed = await db.query(
        `UPDATE appeals SET service = 'Аварийная служба 8 701 123 45 67'
          WHERE id = (SELECT id FROM appeals WHERE service_id IS NULL AND responded_at IS NOT NULL
                       AND registered_at >= '2026-05-01T00:00:00+05' ORDER BY id LIMIT 1)`,
      );
      expect(renamed.rowCount).toBe(1);
      // And one routed appeal of the period still open past its target at the report's moment.
      const late = await db.query(
        `UPDATE appeals SET status = 'in_progress', resolved_at = NULL, closed_at = NULL,
                resolution_due_at = registered_at + interval '1 hour'
          WHERE id = (SELECT id FROM appeals WHERE service IS NOT NULL AND responded_at IS NOT NULL
                       AND registered_at >= '2026-05-02T00:00:00+05' ORDER BY id DESC LIMIT 1)`,
      );
      expect(late.rowCount).toBe(1);
      const admin = await signIn(server, 'admin');
      const summary = (await (
        await authedFetch(admin, `${server.url}/api/reports/summary?${period}`)
      ).json()) as ReportSummary;
      const appeals = await allAppeals(db);
      const start = reportDayStart('2026-05-01');
      const end = reportDayStart(reportAddDays('2026-05-03', 1));
      const asOf = Date.parse(summary.asOf);
      const reopened = new Map<string, number>();
      const overdue = new Map<string, number>();
      for (const a of appeals) {
        const key = a.serviceId ?? a.service;
        if (key === undefined) continue;
        const reopens = (a.reopenedAt ?? []).filter((at) => at >= start && at < end).length;
        reopened.set(key, (reopened.get(key) ?? 0) + reopens);
        const isOpen = (a.resolvedAt === null || a.resolvedAt > asOf) && (a.closedAt === null || a.closedAt > asOf);
        if (a.registeredAt >= start && a.registeredAt < end && isOpen && a.dueAt < asOf)
          overdue.set(key, (overdue.get(key) ?? 0) + 1);
      }
      const keyOf = (service: string) =>
        service.startsWith('Аварийная служба') ? 'Аварийная служба 8 701 123 45 67' : service;
      expect(summary.byService.length).toBeGreaterThan(1);
      // Not a comparison of zeros: the history has reopens and appeals past their target.
      expect(summary.figures.flow.reopened).toBeGreaterThan(0);
      expect([...overdue.values()].reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
      for (const row of summary.byService) {
        expect(row.reopened, row.service).toBe(reopened.get(keyOf(row.service)) ?? 0);
        expect(row.overdueNow, row.service).toBe(overdue.get(keyOf(row.service)) ?? 0);
      }
      expect(summary.byService.reduce((sum, row) => sum + row.reopened, 0)).toBe(summary.figures.flow.reopened);
      const scrubbed = summary.byService.find((row) => row.service.startsWith('Аварийная служба'));
      expect(scrubbed?.service).toBeDefined();
      expect(JSON.stringify(summary.byService)).not.toContain('123 45 67');
    },
    SLOW_MS,
  );

  it('answers 400 with the field for a bad query', async () => {
    const admin = await signIn(server, 'admin');
    for (const [query, field] of [
      ['from=2026-05-03&to=2026-05-01', 'to'],
      ['from=2026-5-1&to=2026-05-03', 'from'],
      [`${period}&region=atlantis`, 'region'],
      [`${period}&colour=red`, 'colour'],
    ] as const) {
      const response = await authedFetch(admin, `${server.url}/api/reports/summary?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { field?: string }).field, query).toBe(field);
    }
  });

  it(
    'exports an XLSX that reads back with the numbers of the JSON, days as dates, and a CSV',
    async () => {
      const admin = await signIn(server, 'admin');
      const json = (await (
        await authedFetch(admin, `${server.url}/api/reports/summary?${period}`)
      ).json()) as ReportSummary;
      const response = await authedFetch(admin, `${server.url}${json.link.replace('/summary?', '/summary.xlsx?')}`);
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const summary = workbook.getWorksheet('summary');
      const values = new Map<string, unknown>();
      summary?.eachRow((row, index) => {
        if (index > 1) values.set(String(row.getCell(1).value), row.getCell(4).value);
      });
      expect(values.get('flow.registered')).toBe(json.figures.flow.registered);
      expect(values.get('cohort.solvedPositivelyShare')).toBe(json.figures.cohort.solvedPositivelyShare);
      expect(values.get('flow.response.p90')).toBe(json.figures.flow.response.p90);
      const regions = workbook.getWorksheet('regions');
      const header = (regions?.getRow(1).values as unknown[]).slice(1);
      const registeredColumn = header.indexOf('cohort.registered') + 1;
      const readRegions = new Map<string, unknown>();
      regions?.eachRow((row, index) => {
        if (index > 1) readRegions.set(String(row.getCell(1).value), row.getCell(registeredColumn).value);
      });
      for (const r of json.byRegion) expect(readRegions.get(r.region)).toBe(r.figures.cohort.registered);
      const firstDay = workbook.getWorksheet('days')?.getRow(2).getCell(1).value;
      expect(firstDay).toBeInstanceOf(Date);
      expect((firstDay as Date).toISOString().slice(0, 10)).toBe('2026-05-01');

      const csv = await authedFetch(
        admin,
        `${server.url}${json.link.replace('/summary?', '/summary.csv?')}&table=days`,
      );
      expect(csv.status).toBe(200);
      const lines = (await csv.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('"day","registered","resolved"');
      expect(lines[1]).toBe(`"2026-05-01","${json.byDay[0]?.registered}","${json.byDay[0]?.resolved}"`);
    },
    SLOW_MS,
  );
});
