import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import { signIn } from '../support/auth';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer({ staticDir: path.resolve('dist/client'), frameIntervalMs: 100 });
  browser = await launchChromium();
  // The wall screen signs in as an operator; the login form itself has its own test.
  const session = await signIn(server, 'operator');
  const [name, value] = session.cookie.split('=') as [string, string];
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addCookies([{ name, value, url: server.url }]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

async function kpi(testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

describe('wall view in headless Chromium', () => {
  it('shows an XADDed appeal in the feed and the KPI tiles, live', async () => {
    await page.goto(`${server.url}/`);
    await page.getByTestId('link-status').and(page.locator('[data-state="live"], [data-state="stale"]')).waitFor();
    expect(await kpi('kpi-open')).toBe(0);

    const envelope = appealRegistered({ region: 'KZ-75' });
    const appealId = (envelope.data as { appealId: string }).appealId;
    const sentAt = Date.now();
    await appendEnvelope(server.log, envelope);
    const item = page.locator(`[data-testid="feed-item"][data-appeal-id="${appealId}"]`);
    await item.waitFor({ timeout: 10_000 });
    const latencyMs = Date.now() - sentAt;
    console.log(`XADD → visible in the browser feed: ${latencyMs} ms`);

    await expect.poll(() => kpi('kpi-open'), { timeout: 5000 }).toBe(1);
    await expect.poll(() => kpi('kpi-registered-today'), { timeout: 5000 }).toBe(1);
    // The wall never shows personal data.
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('Сапарова');
    expect(body).not.toMatch(/234\s?56\s?12/);
    await page.screenshot({ path: 'test-results/wall-ru.png' });
  });

  it('switches to Kazakh and shows Kazakh labels', async () => {
    await page.getByTestId('lang-kk').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('kk');
    const body = (await page.locator('body').textContent()) ?? '';
    // Glossary terms: "жылумен жабдықтау" (heating), "Алматы" region name, "ашық өтініштер" (backlog).
    expect(body).toContain('жылумен жабдықтау');
    expect(body.toLowerCase()).toContain('ашық өтініштер');
    expect(body).not.toContain('теплоснабжение');
    // Units come from our own Kazakh words, not from the browser's (possibly missing) ICU data.
    const link = (await page.getByTestId('link-status').textContent()) ?? '';
    expect(link).toMatch(/\d+ (секунд|минут|сағат) бұрын/);
    expect(link).not.toMatch(/-\d|\b(s|sec|min)\b/);
    await page.screenshot({ path: 'test-results/wall-kk.png' });
  });
});
