import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import path from 'node:path';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ staticDir: path.resolve('dist/client'), frameIntervalMs: 100 });
  await appendEnvelope(server.log, appealRegistered({ region: 'KZ-71' }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

describe('a one-time password (headless Chromium)', () => {
  it('signs in, is kept on the change screen, changes it by keyboard alone and lands on the dashboard', async () => {
    await server.app.access.users.add({
      username: 'dana',
      password: 'Temp-from-admin-42',
      role: 'agent',
      regions: ['KZ-71'],
      mustChangePassword: true,
    });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/analytics`);
    await page.getByTestId('login-username').fill('dana');
    await page.getByTestId('login-password').fill('Temp-from-admin-42');
    await page.getByTestId('login-password').press('Enter');

    // Kept on the change screen, whatever address it was asked for; the API refuses everything else.
    await page.getByTestId('password-required').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/password');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    const stats = await page.evaluate(async () => {
      const res = await fetch('/api/stats');
      return { status: res.status, code: ((await res.json()) as { code: string }).code };
    });
    expect(stats).toEqual({ status: 403, code: 'password_change_required' });

    // The current password field has focus; Tab moves on; the policy answers as one types.
    await page.keyboard.type('Temp-from-admin-42');
    await page.keyboard.press('Tab');
    await page.keyboard.type('qwertyuiop');
    await expect.poll(() => page.getByTestId('password-check').textContent()).toMatch(/1234567890, qwertyuiop/);
    await page.getByTestId('password-next').fill('');
    await page.keyboard.type('Steppe wind at dawn');
    await expect.poll(() => page.getByTestId('password-check').textContent()).toMatch(/подходит|acceptable|жарайды/);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Steppe wind at dawn');
    await page.keyboard.press('Enter');

    await page.getByTestId('user-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('link-status').and(page.locator('[data-state="live"], [data-state="stale"]')).waitFor();
    expect(await page.getByTestId('password-link').count()).toBe(1);
    // The new password is the one that signs in now.
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('login-username').fill('dana');
    await page.getByTestId('login-password').fill('Steppe wind at dawn');
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('user-menu').waitFor();
    await context.close();
  });
});
