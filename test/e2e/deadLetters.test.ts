import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import { DEAD_LETTER_STREAM } from '../../server/src/stream/deadLetter';
import { signIn, type TestSession } from '../support/auth';
import { launchChromium } from '../support/browser';
import { waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ staticDir: path.resolve('dist/client'), frameIntervalMs: 100 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

/** A page signed in as `session`, at the wall's size. */
async function pageFor(session: TestSession): Promise<Page> {
  const [name, value] = session.cookie.split('=') as [string, string];
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addCookies([{ name, value, url: server.url }]);
  return context.newPage();
}

/** Opens `path` and waits for the first health answer the page asks for. */
async function openAndReadHealth(page: Page, pathname: string): Promise<void> {
  const health = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/health');
  await page.goto(`${server.url}${pathname}`);
  await health;
}

describe('dead letters in headless Chromium', () => {
  let admin: Page;

  beforeAll(async () => {
    admin = await pageFor(await signIn(server, 'admin'));
  });

  it('shows no badge on the dashboard while nothing was rejected', async () => {
    await openAndReadHealth(admin, '/');
    await admin.getByTestId('link-status').and(admin.locator('[data-state="live"], [data-state="stale"]')).waitFor();
    expect(await admin.getByTestId('dead-letters-badge').count()).toBe(0);
  });

  it('shows a malformed entry on the admin page: count, reason, original id and the CLI', async () => {
    const sourceId = await server.log.append('events', { event: 'not json' });
    await waitFor(async () => (await server.log.info(DEAD_LETTER_STREAM)).length === 1, 10_000, 'the dead letter');

    await admin.goto(`${server.url}/admin`);
    const panel = admin.getByTestId('dead-letters-panel');
    await panel.and(admin.locator('[data-state="ready"]')).waitFor();
    expect(await admin.getByTestId('dead-letters-count').textContent()).toBe('1');
    const rows = admin.getByTestId('dead-letter');
    expect(await rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    expect(row).toContain(sourceId);
    expect(row).toContain('not JSON');
    // First and last seen in Kazakhstan time, as "dd.mm.yyyy, hh:mm:ss".
    expect(await admin.getByTestId('dead-letters-first').textContent()).toMatch(/^\d\d\.\d\d\.\d{4}, \d\d:\d\d:\d\d$/);
    expect(await panel.textContent()).toContain('npm run deadletters -- list');
    await panel.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: 'test-results/dead-letters.png' });
  });

  it('puts a badge in the dashboard header that opens the panel', async () => {
    await openAndReadHealth(admin, '/');
    const badge = admin.getByTestId('dead-letters-badge');
    await badge.waitFor();
    expect(await admin.getByTestId('dead-letters-badge-count').textContent()).toBe('1');
    expect(await badge.getAttribute('title')).toContain('not JSON');
    // The map stays on the dashboard beside the badge.
    expect(await admin.getByTestId('region-map').isVisible()).toBe(true);
    await admin.screenshot({ path: 'test-results/dead-letters-dashboard.png' });

    await badge.click();
    await admin.getByTestId('dead-letters-panel').and(admin.locator('[data-state="ready"]')).waitFor();
    expect(new URL(admin.url()).pathname).toBe('/admin');
    expect(new URL(admin.url()).hash).toBe('#dead-letters');
  });

  it('shows a national operator the badge with the last reason but no link, in Kazakh', async () => {
    const operator = await pageFor(await signIn(server, 'operator'));
    await openAndReadHealth(operator, '/');
    await operator.getByTestId('lang-kk').click();
    const badge = operator.getByTestId('dead-letters-badge');
    await badge.waitFor();
    expect(await badge.getAttribute('href')).toBeNull();
    expect(await badge.textContent()).toContain('Қабылданбаған жазбалар');
    expect(await badge.getAttribute('title')).toMatch(/^Соңғысы .*not JSON/);
  });
});
