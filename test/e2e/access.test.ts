import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { DEMO_USERS, ensureDemoUsers } from '../../server/src/auth/seedUsers';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ staticDir: path.resolve('dist/client'), frameIntervalMs: 100 });
  await ensureDemoUsers(server.app.access.users);
  await appendEnvelope(server.log, appealRegistered({ region: 'KZ-71' }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

/** A fresh browser profile that records every Content-Security-Policy violation. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page; violations: () => Promise<string[]> }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  return {
    context,
    page,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
}

describe('signing in as each demo user (headless Chromium)', () => {
  it('refuses a wrong password with a message and keeps the user on the login form', async () => {
    const { context, page } = await freshPage();
    await logIn(page, 'operator', 'not-the-password');
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-form').isVisible()).toBe(true);
    await context.close();
  });

  it.each(DEMO_USERS.map((u) => [u.username, u.password, u.role] as const))(
    '%s sees only what the role allows, with no CSP violation',
    async (username, password, role) => {
      const { context, page, violations } = await freshPage();
      await logIn(page, username, password);
      await page.getByTestId('user-role').waitFor();
      expect(await page.getByTestId('user-role').getAttribute('data-role')).toBe(role);
      await page.getByTestId('link-status').and(page.locator('[data-state="live"], [data-state="stale"]')).waitFor();
      expect(await page.getByTestId('admin-link').count()).toBe(role === 'admin' ? 1 : 0);

      await page.goto(`${server.url}/admin`);
      if (role === 'admin') {
        await page.getByTestId('user-row').first().waitFor();
        const rows = await page.getByTestId('user-row').count();
        expect(rows).toBeGreaterThanOrEqual(DEMO_USERS.length);
        await page.getByTestId('audit-table').waitFor();
      } else {
        await page.getByTestId('forbidden').waitFor();
        expect(await page.getByTestId('admin-users').count()).toBe(0);
      }
      const body = (await page.locator('body').textContent()) ?? '';
      expect(body).not.toMatch(/234\s?56\s?12/);
      expect(await violations()).toEqual([]);

      await page.goto(`${server.url}/`);
      await page.getByTestId('logout').click();
      await page.getByTestId('login-form').waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      expect(me).toBe(401);
      await context.close();
    },
  );

  it('a kiosk link opens the wall with no user menu and no sign-in', async () => {
    const { secret } = await server.app.access.kiosks.issue('Ситуационный зал', 'all', 'test');
    const { context, page, violations } = await freshPage();
    await page.goto(`${server.url}/kiosk/${secret}`);
    await page.getByTestId('kpi-open').waitFor();
    expect(new URL(page.url()).pathname).toBe('/wall');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    expect(await page.getByTestId('logout').count()).toBe(0);
    expect(await violations()).toEqual([]);
    await page.screenshot({ path: 'test-results/wall-kiosk.png' });
    await context.close();
  });
});
