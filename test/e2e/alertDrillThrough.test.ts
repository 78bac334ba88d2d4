import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryCode, EventEnvelope, RegionCode } from '@shared';
import { signIn } from '../support/auth';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * Issue 18, "everything clickable leads somewhere": a click on a burst alert on the dashboard
 * opens the region's list filtered to the alert's category and window, and for a supervisor
 * the "group into an incident" form is open with the burst's appeals chosen. An operator (no
 * region desk) gets the region's panel on the dashboard and no grouping tools. Real server,
 * real Redis, real Chromium.
 */

const REGION: RegionCode = 'KZ-75';
const MINUTE = 60_000;
const WAIT_MS = 20_000;

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** The burst's appeals (water, the last minutes), and the appeals the filter must leave out. */
const burst: string[] = [];
const outside: string[] = [];

function registered(region: RegionCode, at: number, category: CategoryCode): EventEnvelope {
  const envelope = appealRegistered({ region, at: new Date(at).toISOString() });
  return { ...envelope, data: { ...envelope.data, category } } as EventEnvelope;
}

async function add(region: RegionCode, at: number, category: CategoryCode): Promise<string> {
  const envelope = registered(region, at, category);
  await appendEnvelope(server.log, envelope);
  return (envelope.data as { appealId: string }).appealId;
}

beforeAll(async () => {
  server = await startTestServer({
    staticDir: path.resolve('dist/client'),
    frameIntervalMs: 100,
    config: { ALERT_BURST_COUNT: '5', ALERT_BURST_MINUTES: '15' },
  });
  browser = await launchChromium();
  const now = Date.now();
  // Before the window: the same category an hour ago, outside the alert's period.
  outside.push(await add(REGION, now - 60 * MINUTE, 'water_sewer'));
  // In the window but another category, and the same category in another region.
  outside.push(await add(REGION, now - 4 * MINUTE, 'heating'));
  outside.push(await add('KZ-71', now - 3 * MINUTE, 'water_sewer'));
  for (let i = 0; i < 6; i += 1) burst.push(await add(REGION, now - (8 - i) * MINUTE, 'water_sewer'));
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

async function dashboardAs(role: 'supervisor' | 'operator'): Promise<Page> {
  const session = await signIn(server, role);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  contexts.push(context);
  const [name, value] = session.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.addInitScript(() => localStorage.setItem('ortalyq.language', 'ru'));
  await page.goto(server.url);
  return page;
}

/** Clicks the burst alert's title on the dashboard and waits for the region's list. */
async function openBurst(page: Page): Promise<void> {
  const alert = page.locator(`[data-testid="alert"][data-kind="burst"][data-region="${REGION}"]`);
  await alert.getByTestId('alert-link').click();
  await page.waitForURL((url) => url.pathname === `/region/${REGION}`);
  await page.locator('[data-testid="region-row"]').first().waitFor();
}

async function listedIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="region-row"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-appeal-id') ?? ''));
}

describe('alert drill-through', () => {
  it('a supervisor: the alert opens its category and window with the burst chosen for an incident', async () => {
    const page = await dashboardAs('supervisor');
    await openBurst(page);
    await expect.poll(() => listedIds(page), { timeout: WAIT_MS }).toHaveLength(burst.length);
    expect((await listedIds(page)).sort()).toEqual([...burst].sort());
    // The category filter shows in the bar, and the period starts at the burst's first minute.
    const search = new URL(page.url()).searchParams;
    expect(search.get('category')).toBe('water_sewer');
    expect(search.get('from')).not.toBeNull();
    // "Group into an incident" is ready: the form is open with the burst's appeals chosen.
    const form = page.getByTestId('incident-group');
    await form.waitFor();
    await expect.poll(() => page.getByTestId('region-selected-count').textContent()).toContain(String(burst.length));
    const chosen = await page
      .locator('[data-testid="region-row"]:has([data-testid="region-row-select"]:checked)')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-appeal-id') ?? ''));
    expect(chosen.sort()).toEqual([...burst].sort());
    await expect.poll(() => page.getByTestId('incident-group-submit').isEnabled()).toBe(true);
    // The one-shot `incident=` is gone from the address, so a reload does not reopen the form.
    expect(new URL(page.url()).searchParams.get('incident')).toBeNull();
  }, 90_000);

  it('an operator (no region desk): the region opens in the dashboard panel, without grouping tools', async () => {
    const page = await dashboardAs('operator');
    const alert = page.locator(`[data-testid="alert"][data-kind="burst"][data-region="${REGION}"]`);
    await alert.getByTestId('alert-link').click();
    await page.waitForURL((url) => url.pathname === `/region/${REGION}`);
    await page.getByTestId('region-panel').waitFor();
    expect(await page.getByTestId('region-panel').getAttribute('data-region')).toBe(REGION);
    expect(new URL(page.url()).searchParams.get('category')).toBe('water_sewer');
    expect(new URL(page.url()).searchParams.get('incident')).toBeNull();
    expect(await page.getByTestId('incident-group').count()).toBe(0);
  }, 90_000);
});
