import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { NotableIncidents, ReportSummary } from '@shared';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../server/src/archive/archiveDb';
import { createHistoryBackfill } from '../../server/src/archive/history/createHistoryBackfill';
import { migrate } from '../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../server/src/archive/pgArchiveDb';
import { createSilentLogger } from '../../server/src/logger';
import { createReportsSource } from '../../server/src/reports/reportsSource';
import { recomputeAllDirty } from '../../server/src/reports/rollups';
import { presetRange } from '../../client/src/features/reports/reportPeriods';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { launchChromium } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * The briefing note (/reports) in Chromium over a real PostgreSQL archive holding half a year
 * of the demo's history: a supervisor of Almaty picks "last quarter", sees the figures, the
 * tables, the chart and the map with the numbers of the API's JSON (the page's own frozen
 * link), prints it to an A4 landscape PDF without the controls, and downloads the XLSX.
 */
const REGION = 'KZ-75';
/** Enough days back to hold the last finished quarter from any day of the year. */
const HISTORY_DAYS = 190;
const SLOW_MS = 600_000;

let database: TestDatabase;
let db: ArchiveDb;
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let supervisor: TestSession;
const pageErrors: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPgArchiveDb({ url: database.url });
  await migrate(db);
  // The history ends at the start of the current hour: every finished quarter lies in it.
  const liveStartAt = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  await createHistoryBackfill({
    db,
    logger: createSilentLogger(),
    days: HISTORY_DAYS,
    perDay: 30,
    // A tenth of the default mass outages (150–400 appeals each): the span stays small.
    burstsPerDay: 0.1,
    liveStartAt,
    seed: 19,
    out: null,
  }).run();
  // The rollups as the server's rollup job leaves them a while after a backfill (the page is
  // under test here, not how long a first report over half a year of dirty days takes).
  await recomputeAllDirty(db);
  server = await startTestServer({
    staticDir: path.resolve('dist/client'),
    reportsSource: createReportsSource(() => db),
  });
  supervisor = await signIn(server, 'supervisor', [REGION]);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const [name, value] = supervisor.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, SLOW_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.close();
  await database?.drop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
}, 60_000);

/** The API's answers for the page's own address (its frozen link). */
async function apiFor(search: string): Promise<{ summary: ReportSummary; incidents: NotableIncidents }> {
  const summary = await authedFetch(supervisor, `${server.url}/api/reports/summary${search}`);
  const incidents = await authedFetch(supervisor, `${server.url}/api/reports/incidents${search}`);
  expect(summary.status).toBe(200);
  expect(incidents.status).toBe(200);
  return {
    summary: (await summary.json()) as ReportSummary,
    incidents: (await incidents.json()) as NotableIncidents,
  };
}

const numberOrNull = (text: string | null): number | null => (text === null || text === '' ? null : Number(text));

async function seriousViolations(target: Page): Promise<string[]> {
  const require = createRequire(import.meta.url);
  await target.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await target.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the briefing report in Chromium', () => {
  let search = '';
  let api: { summary: ReportSummary; incidents: NotableIncidents };

  it(
    'shows a supervisor last quarter of their region with the numbers of the API',
    async () => {
      await page.goto(`${server.url}/reports`);
      await page.getByTestId('report-page').and(page.locator('[data-state="ready"]')).waitFor({ timeout: 120_000 });
      await page.getByTestId('report-period').selectOption('quarter');
      // A new period: loaded, then frozen (asOf in the address).
      const quarter = presetRange('quarter', Date.now());
      await page.waitForURL((url) => url.searchParams.get('from') === quarter.from && url.searchParams.has('asOf'), {
        timeout: 120_000,
      });
      await page.getByTestId('report-page').and(page.locator('[data-state="ready"]')).waitFor({ timeout: 120_000 });
      search = new URL(page.url()).search;
      const params = new URLSearchParams(search);
      expect(params.get('to')).toBe(quarter.to);
      // The supervisor's scope is one region: the report is that region's, whatever is asked.
      api = await apiFor(search);
      expect(api.summary.regions).toEqual([REGION]);
      expect(api.summary.from).toBe(params.get('from'));
      expect(api.summary.asOf).toBe(params.get('asOf'));
      expect(api.summary.figures.flow.registered).toBeGreaterThan(100);

      const headline = async (key: string) =>
        numberOrNull(await page.getByTestId(`headline-${key}-value`).getAttribute('data-value'));
      expect(await headline('registered')).toBe(api.summary.figures.flow.registered);
      expect(await headline('resolved')).toBe(api.summary.figures.flow.resolved);
      expect(await headline('onTime')).toBe(api.summary.figures.cohort.onTimeShare);
      expect(await headline('legalOnTime')).toBe(api.summary.figures.cohort.legalOnTimeShare);
      expect(await headline('solvedPositively')).toBe(api.summary.figures.cohort.solvedPositivelyShare);
      expect(await headline('medianResponse')).toBe(api.summary.figures.flow.response.p50);
      // Each figure names its basis and clock.
      const basis = page.getByTestId('headline-onTime').locator('[data-basis]');
      expect(await basis.getAttribute('data-basis')).toBe('cohort');
      expect(await basis.getAttribute('data-clock')).toBe('operational');
      expect(await page.getByTestId('headline-registered').locator('[data-basis]').getAttribute('data-basis')).toBe(
        'flow',
      );

      // The region table: the supervisor's one region, its figures those of the JSON.
      const rows = page.getByTestId('report-regions').locator('tbody tr');
      expect(await rows.count()).toBe(1);
      const regionRow = rows.first();
      expect(await regionRow.getAttribute('data-region')).toBe(REGION);
      const cell = async (column: string) =>
        numberOrNull(await regionRow.locator(`[data-column="${column}"]`).getAttribute('data-value'));
      const regionFigures = api.summary.byRegion.find((r) => r.region === REGION)?.figures;
      expect(await cell('registered')).toBe(regionFigures?.flow.registered);
      expect(await cell('onTime')).toBe(regionFigures?.cohort.onTimeShare);
      expect(await cell('overdue')).toBe(regionFigures?.cohort.overdue);

      // Categories: the busiest first, with the JSON's count.
      const busiest = [...api.summary.byCategory].sort(
        (a, b) => b.figures.flow.registered - a.figures.flow.registered,
      )[0];
      const firstCategory = page.getByTestId('report-categories').locator('tbody tr').first();
      expect(await firstCategory.locator('[data-column="registered"]').getAttribute('data-value')).toBe(
        String(busiest?.figures.flow.registered),
      );

      // The league: every service of the period, sortable.
      const league = page.getByTestId('report-services').locator('tbody tr[data-service]');
      expect(await league.count()).toBe(api.summary.byService.length);
      await page.getByTestId('league-sort-onTime').click();
      await page.getByTestId('league-sort-onTime').click();
      const shares = await league.evaluateAll((trs) =>
        trs
          .map((tr) => tr.querySelector('[data-column="onTime"]')?.getAttribute('data-value') ?? '')
          .filter((v) => v !== '')
          .map(Number),
      );
      expect(shares).toEqual([...shares].sort((a, b) => a - b));

      // The chart: the period's intake, drawn.
      const chart = page.getByTestId('report-intake');
      await chart.locator('.recharts-bar-rectangle').first().waitFor({ timeout: 30_000 });
      const chartTotal = api.summary.byDay.reduce((sum, d) => sum + d.registered, 0);
      expect(Number(await chart.getAttribute('data-registered'))).toBe(chartTotal);
      expect(chartTotal).toBe(api.summary.figures.flow.registered);

      // The map: shapes drawn, Almaty's badge its on-time share.
      await page.getByTestId('report-map').locator('[data-testid="region-shape"]').first().waitFor({ timeout: 30_000 });

      // Notable incidents: the API's biggest, in its order.
      const biggest = await page
        .getByTestId('report-incidents-biggest')
        .locator('tbody tr[data-incident]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-incident')));
      expect(biggest).toEqual(api.incidents.biggest.map((i) => i.id));

      expect(await seriousViolations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    SLOW_MS,
  );

  it(
    'prints to an A4 landscape PDF without navigation or buttons',
    async () => {
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('report-controls').isVisible()).toBe(false);
      expect(await page.getByTestId('user-menu').isVisible()).toBe(false);
      expect(await page.getByTestId('report-print').isVisible()).toBe(false);
      expect(await page.getByTestId('report-services').isVisible()).toBe(false);
      expect(await page.getByTestId('report-worst-services').isVisible()).toBe(true);
      expect(await page.getByTestId('report-regions').isVisible()).toBe(true);
      const breaks = await page
        .locator('.report-section--break')
        .evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
      expect(breaks).toEqual(['page', 'page', 'page']);
      const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: false });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(1);
      await page.emulateMedia({ media: 'screen' });
      expect(await page.getByTestId('report-controls').isVisible()).toBe(true);
    },
    SLOW_MS,
  );

  it(
    'downloads the XLSX of the same frozen report, with the numbers of the JSON',
    async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
      expect(download.suggestedFilename()).toMatch(/^ortalyq-report-.*\.xlsx$/);
      const file = await download.path();
      const workbook = new ExcelJS.Workbook();
      const bytes = await readFile(file);
      await workbook.xlsx.load(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      );
      const values = new Map<string, unknown>();
      workbook.getWorksheet('summary')?.eachRow((row, index) => {
        if (index > 1) values.set(String(row.getCell(1).value), row.getCell(4).value);
      });
      const { figures } = api.summary;
      expect(values.get('flow.registered')).toBe(figures.flow.registered);
      expect(values.get('flow.resolved')).toBe(figures.flow.resolved);
      expect(values.get('cohort.onTimeShare')).toBe(figures.cohort.onTimeShare);
      expect(values.get('cohort.solvedPositivelyShare')).toBe(figures.cohort.solvedPositivelyShare);
      expect(values.get('flow.response.p50')).toBe(figures.flow.response.p50);
      const regions = workbook.getWorksheet('regions');
      expect(regions?.getRow(2).getCell(1).value).toBe(REGION);
      expect(regions?.rowCount).toBe(2);
    },
    SLOW_MS,
  );

  it(
    'gives a national user every region, those without appeals included, in Kazakh',
    async () => {
      const admin = await signIn(server, 'admin');
      const [name, value] = admin.cookie.split('=') as [string, string];
      const national = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
      await national.addCookies([{ name, value, url: server.url }]);
      await national.addInitScript(() => window.localStorage.setItem('ortalyq.language', 'kk'));
      const other = await national.newPage();
      const params = new URLSearchParams(search);
      params.delete('region');
      await other.goto(`${server.url}/reports?${params.toString()}`);
      await other.getByTestId('report-page').and(other.locator('[data-state="ready"]')).waitFor({ timeout: 120_000 });
      expect(await other.getByTestId('report-regions').locator('tbody tr').count()).toBe(20);
      expect(await other.getByTestId('report-heading').textContent()).toContain('Бүкіл Қазақстан');
      // On paper: 20 rows and 8 columns fit the width of A4 landscape inside its margins (≈ 1,040 px).
      await other.emulateMedia({ media: 'print' });
      await other.setViewportSize({ width: 1040, height: 735 });
      expect(await other.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1040);
      await national.close();
    },
    SLOW_MS,
  );
});
