import { reportAddDays, type ReportSeries, type ReportSummary } from '@shared';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../server/src/archive/archiveDb';
import { createHistoryBackfill } from '../../server/src/archive/history/createHistoryBackfill';
import { migrate } from '../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../server/src/archive/pgArchiveDb';
import { createSilentLogger } from '../../server/src/logger';
import { createReportsSource } from '../../server/src/reports/reportsSource';
import { recomputeAllDirty } from '../../server/src/reports/rollups';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { launchChromium } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * /analytics beyond 24 hours in Chromium (issue 19) over a PostgreSQL archive holding 200 days
 * of appeals: a supervisor of two regions picks "year" and "quarter", sees the charts with the
 * API's totals and "data since …" (the archive is shorter than a year), switches to Kazakh,
 * and clicks a bar and a region's row through to the region view of those appeals. The
 * previous period's and the year-ago lines are drawn; while the rollups are being recomputed
 * /analytics and /reports say so and the briefing is neither frozen, printed nor downloaded.
 */

const SLOW_MS = 240_000;
/** The archive is written before the browser starts: a loaded machine takes minutes. */
const SETUP_MS = 600_000;
const HISTORY_DAYS = 200;
const REGIONS = ['KZ-71', 'KZ-75'] as const;

let database: TestDatabase;
let db: ArchiveDb;
let server: TestServer;
let browser: Browser;
let supervisor: TestSession;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPgArchiveDb({ url: database.url });
  await migrate(db);
  await createHistoryBackfill({
    db,
    logger: createSilentLogger(),
    days: HISTORY_DAYS,
    perDay: 15,
    // A tenth of the default mass outages (150–400 appeals each): the span stays small.
    burstsPerDay: 0.1,
    liveStartAt: Date.now() - 3_600_000,
    seed: 19,
    out: null,
  }).run();
  await recomputeAllDirty(db);
  server = await startTestServer({
    staticDir: path.resolve('dist/client'),
    reportsSource: createReportsSource(() => db),
  });
  browser = await launchChromium();
  supervisor = await signIn(server, 'supervisor', [...REGIONS]);
  const [name, value] = supervisor.cookie.split('=') as [string, string];
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addCookies([{ name, value, url: server.url }]);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, SETUP_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.close();
  await database?.drop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
}, SLOW_MS);

interface Board {
  from: string;
  to: string;
  grain: string;
  points: number;
  registered: number;
}

/** The board once it shows the period that starts at `from` (not the previous one's). */
async function boardAfter(previousFrom: string | null): Promise<Board> {
  const board = page.getByTestId('period-board');
  await expect
    .poll(async () => board.getAttribute('data-from').catch(() => null), { timeout: 30_000 })
    .not.toBe(previousFrom);
  await expect.poll(async () => board.getAttribute('data-from'), { timeout: 30_000 }).not.toBeNull();
  const attr = async (name: string) => (await board.getAttribute(`data-${name}`)) ?? '';
  return {
    from: await attr('from'),
    to: await attr('to'),
    grain: await attr('grain'),
    points: Number(await attr('points')),
    registered: Number(await attr('registered')),
  };
}

async function api<T>(pathAndQuery: string): Promise<T> {
  const response = await authedFetch(supervisor, `${server.url}${pathAndQuery}`);
  expect(response.status, pathAndQuery).toBe(200);
  return (await response.json()) as T;
}

/** `2026-03-01` as the page types it. */
const typed = (day: string) => `${day.slice(8)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

describe('/analytics beyond 24 hours in Chromium', () => {
  let quarter: Board;

  it(
    'year, then quarter: the charts carry the API totals, axes start at the archive’s first day',
    async () => {
      await page.goto(`${server.url}/analytics`);
      await page.getByTestId('period-chooser').waitFor();
      await page.getByTestId('period-year').click();
      const year = await boardAfter(null);
      expect(page.url()).toContain('period=year');
      const summary = await api<ReportSummary>(`/api/reports/summary?from=${year.from}&to=${year.to}`);
      const series = await api<ReportSeries>(`/api/reports/series?from=${year.from}&to=${year.to}&grain=month`);
      expect(year.grain).toBe('month');
      expect(summary.regions).toEqual([...REGIONS]);
      expect(summary.figures.flow.registered).toBeGreaterThan(200);
      expect(year.registered).toBe(summary.figures.flow.registered);
      expect(series.points.reduce((sum, p) => sum + p.registered, 0)).toBe(summary.figures.flow.registered);
      const headline = page.getByTestId('headline-registered').getByTestId('headline-value');
      expect(Number(await headline.getAttribute('data-value'))).toBe(summary.figures.flow.registered);
      // 200 days of archive in a year: "data since", and the axis starts at that month, not a year back.
      expect(series.dataSince).not.toBeNull();
      expect(await page.getByTestId('period-data-since').textContent()).toContain(typed(series.dataSince ?? ''));
      const since = series.dataSince ?? '';
      expect(year.points).toBe(series.points.filter((p) => p.end >= since).length);
      expect(year.points).toBeLessThan(series.points.length);
      // The previous year lies before the archive's first day: no change against partial figures.
      const previousText = await page.getByTestId('headline-registered').getByTestId('headline-previous').textContent();
      expect(previousText).toContain('нет полных данных');
      expect(previousText).not.toMatch(/%/);
      // Every chart is drawn.
      for (const id of [
        'chart-period-intake',
        'chart-period-response',
        'chart-period-on-time',
        'chart-period-regions',
      ]) {
        await expect.poll(() => page.getByTestId(id).getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
      }
      expect(await page.getByTestId('chart-period-intake').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(
        5,
      );
      const heatCounts = await page
        .getByTestId('chart-period-heatmap')
        .locator('.heatmap__cell[data-day]')
        .evaluateAll((cells) => cells.reduce((sum, c) => sum + Number(c.getAttribute('data-count')), 0));
      expect(heatCounts).toBe(summary.byDay.reduce((sum, d) => sum + d.registered, 0));

      await page.getByTestId('period-quarter').click();
      quarter = await boardAfter(year.from);
      expect(quarter.grain).toBe('week');
      expect(quarter.to).toBe(year.to);
      const qSummary = await api<ReportSummary>(`/api/reports/summary?from=${quarter.from}&to=${quarter.to}`);
      expect(quarter.registered).toBe(qSummary.figures.flow.registered);
      expect(qSummary.previous.to).toBe(reportAddDays(quarter.from, -1));
      expect(await page.getByTestId('headline-registered').getByTestId('headline-previous').textContent()).toContain(
        typed(qSummary.previous.from),
      );
      // Compared with the previous quarter and the same quarter a year earlier: aligned by offset,
      // drawn as their own lines on the intake and on-time charts, named in the legend (Russian, the default).
      const qSeries = await api<ReportSeries>(`/api/reports/series?from=${quarter.from}&to=${quarter.to}&grain=week`);
      const qSince = qSeries.dataSince ?? '';
      const comparedSum = (points: ReportSeries['points']) =>
        points.filter((p) => p.end >= qSince).reduce((sum, p) => sum + p.registered, 0);
      const board = page.getByTestId('period-board');
      expect(Number(await board.getAttribute('data-previous-registered'))).toBe(comparedSum(qSeries.previous.points));
      expect(comparedSum(qSeries.previous.points)).toBeGreaterThan(50);
      // 200 days of archive: nothing a year back (the line is named but has no points).
      expect(Number(await board.getAttribute('data-year-ago-registered'))).toBe(0);
      for (const id of ['chart-period-intake', 'chart-period-on-time']) {
        const chart = page.getByTestId(id);
        await expect.poll(() => chart.locator('.period-line--previous path.recharts-curve').count()).toBe(1);
        const drawn = await chart
          .locator('.period-line--previous path.recharts-curve')
          .evaluate((path) => ({ d: path.getAttribute('d') ?? '', dash: path.getAttribute('stroke-dasharray') }));
        expect(drawn.d.length, id).toBeGreaterThan(20);
        expect(drawn.dash).toBe('10 4');
        const legend = (await chart.locator('.chart__legend').textContent()) ?? '';
        expect(legend, id).toContain('предыдущий период');
        expect(legend, id).toContain('год назад');
      }
      expect(pageErrors).toEqual([]);
    },
    SLOW_MS,
  );

  it('fits 1366×768 and 1920×1080 without sideways scrolling', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(viewport);
      await page.getByTestId('period-board').waitFor();
      const overflow = await page.evaluate(() => {
        const main = document.querySelector('main.analytics') as HTMLElement;
        return Math.max(
          document.documentElement.scrollWidth - document.documentElement.clientWidth,
          main.scrollWidth - main.clientWidth,
        );
      });
      expect(overflow, `${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('speaks Kazakh after the switch, with the same figures', async () => {
    await page.getByTestId('lang-kk').click();
    await expect.poll(() => page.getByTestId('period-quarter').textContent()).toBe('Тоқсан');
    expect(await page.getByTestId('headline-registered').textContent()).toContain('Түскен өтініштер');
    expect(await page.getByTestId('period-year').textContent()).toBe('Жыл');
    const again = await boardAfter(null);
    expect(again.registered).toBe(quarter.registered);
    const legend = (await page.getByTestId('chart-period-intake').locator('.chart__legend').textContent()) ?? '';
    expect(legend).toContain('алдыңғы кезең');
    expect(legend).toContain('бір жыл бұрын');
  });

  it(
    'a bar opens the region view with the filter and the bar’s days; a region’s row opens that region',
    async () => {
      await page.getByTestId('period-category').selectOption('heating');
      await expect.poll(() => page.url()).toContain('category=heating');
      await expect
        .poll(() => page.getByTestId('period-board').getAttribute('data-registered'))
        .not.toBe(String(quarter.registered));
      const series = await api<ReportSeries>(
        `/api/reports/series?from=${quarter.from}&to=${quarter.to}&grain=week&category=heating`,
      );
      // Two regions and none chosen: the page asks which region's appeals to open.
      // The tallest bar is the busiest week: its days are the ones the region view must get.
      const bars = page.getByTestId('chart-period-intake').locator('.recharts-bar-rectangle path');
      const heights = await bars.evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect().height));
      await bars.nth(heights.indexOf(Math.max(...heights))).click();
      await page.getByTestId('drill-chooser').waitFor();
      await page.getByTestId('drill-region-KZ-75').click();
      await page.waitForURL(/\/region\/KZ-75\?/);
      const url = new URL(page.url());
      expect(url.searchParams.get('category')).toBe('heating');
      const fromField = page.getByTestId('region-filter-from');
      await fromField.waitFor();
      const from = await fromField.inputValue();
      const to = await page.getByTestId('region-filter-to').inputValue();
      const most = Math.max(...series.points.map((p) => p.registered));
      const busiest = series.points.filter((p) => p.registered === most);
      expect(busiest.map((p) => [typed(p.start), typed(p.end)])).toContainEqual([from, to]);

      await page.goBack();
      await page.getByTestId('chart-period-regions').waitFor();
      const regionBar = page.getByTestId('chart-period-regions').locator('.recharts-bar-rectangle').first();
      await regionBar.click();
      await page.waitForURL(/\/region\/KZ-7[15]\?/);
      expect(await page.getByTestId('region-filter-from').inputValue()).toBe(typed(quarter.from));
      expect(await page.getByTestId('region-filter-to').inputValue()).toBe(typed(quarter.to));
      expect(new URL(page.url()).searchParams.get('category')).toBe('heating');
      expect(pageErrors).toEqual([]);
    },
    SLOW_MS,
  );

  it(
    'while the rollups are recomputed both pages say so (Kazakh), the briefing cannot be printed or saved; then final',
    async () => {
      // 70 days of both regions marked dirty (a backfill's worth): more than a report recomputes inline.
      await db.query(
        `INSERT INTO report_dirty (day, region)
         SELECT d::date, r FROM generate_series(now() - interval '70 days', now() - interval '1 day', interval '1 day') AS d,
                unnest($1::text[]) AS r
         ON CONFLICT DO NOTHING`,
        [[...REGIONS]],
      );
      await page.goto(`${server.url}/analytics?period=30d`);
      const note = page.getByTestId('period-recomputing');
      await note.waitFor({ timeout: 30_000 });
      expect(await note.textContent()).toContain('қайта есептелуде');
      expect(Number(await page.getByTestId('period-board').getAttribute('data-recomputing'))).toBeGreaterThan(7);

      await page.goto(`${server.url}/reports`);
      const briefingNote = page.getByTestId('report-recomputing');
      await briefingNote.waitFor({ timeout: 60_000 });
      expect(await briefingNote.textContent()).toContain('қайта есептелуде');
      expect(await page.getByTestId('report-print').isDisabled()).toBe(true);
      expect(await page.getByTestId('report-xlsx').count()).toBe(0);
      // Not frozen: no moment in the address while the figures are not final.
      expect(new URL(page.url()).searchParams.get('asOf')).toBeNull();

      // The job's work done: the page asks again by itself and freezes the final figures.
      await recomputeAllDirty(db);
      await expect.poll(() => briefingNote.count(), { timeout: 60_000 }).toBe(0);
      await expect.poll(() => new URL(page.url()).searchParams.get('asOf'), { timeout: 30_000 }).not.toBeNull();
      expect(await page.getByTestId('report-print').isDisabled()).toBe(false);
      expect(await page.getByTestId('report-xlsx').count()).toBe(1);
      expect(pageErrors).toEqual([]);
    },
    SLOW_MS,
  );
});
