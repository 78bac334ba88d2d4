import { almatyDateOf, compareStreamIds } from '@shared';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoUsers } from '../../server/src/auth/seedUsers';
import { launchChromium } from '../support/browser';
import { waitFor } from '../support/events';
import {
  appendOldAppealThenNewer,
  openTestArchive,
  type OldAppealScenario,
  type TestArchive,
} from '../support/testArchive';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * Issue 16 end to end, in Chromium over real Redis and PostgreSQL: a supervisor opens an
 * appeal finished before 25,000 newer ones (the projection dropped it long ago), and finds
 * it again with the region page's period search.
 */

const SLOW_MS = 300_000;
let archive: TestArchive;
let server: TestServer;
let browser: Browser;
let scenario: OldAppealScenario;

beforeAll(async () => {
  archive = await openTestArchive();
  server = await startTestServer({ staticDir: path.resolve('dist/client'), history: archive.history });
  await ensureDemoUsers(server.app.access.users);
  archive.startArchiver(server.log);
  scenario = await appendOldAppealThenNewer(server.log, { now: Date.now(), count: 25_000, ageDays: 45, prefix: 'E' });
  await waitFor(
    () => compareStreamIds(server.app.store.state.cursor, scenario.lastStreamId) >= 0,
    SLOW_MS / 2,
    'projection caught up',
  );
  await archive.waitForCursor(scenario.lastStreamId, SLOW_MS / 2);
  browser = await launchChromium();
}, SLOW_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await archive?.cleanup();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
}, SLOW_MS);

/** `2026-10-23` as typed in the period fields: `23.10.2026`. */
const typed = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

describe('an appeal finished before 25,000 newer ones (headless Chromium)', () => {
  it(
    'opens from the archive with its timeline, and is found again by the region page’s period search',
    async () => {
      expect(server.app.store.state.appeals.has(scenario.oldId)).toBe(false);
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'ru-RU' });
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.getByTestId('login-username').fill('supervisor');
      await page.getByTestId('login-password').fill('ortalyq-supervisor');
      await page.getByTestId('login-password').press('Enter');
      await page.getByTestId('user-role').waitFor();

      await page.goto(`${server.url}/appeals/${encodeURIComponent(scenario.oldId)}`);
      await page.getByTestId('appeal-from-archive').waitFor();
      await page.getByTestId('appeal-timeline').locator('li').nth(3).waitFor();
      expect(await page.getByTestId('appeal-timeline').locator('li').count()).toBe(4);
      const text = await page.locator('body').innerText();
      expect(text).toContain('Нет отопления');
      expect(text).not.toMatch(/701\D?234\D?56\D?12/);
      expect(await page.getByTestId('appeal-timeline-partial').count()).toBe(0);

      // The region page: live, the old appeal is not listed; a period search back then finds it.
      await page.goto(`${server.url}/region/KZ-71`);
      await page.getByTestId('region-filter-from').waitFor();
      const day = almatyDateOf(scenario.oldAt);
      await page.getByTestId('region-filter-from').fill(typed(day));
      await page.getByTestId('region-filter-from').press('Enter');
      await page.getByTestId('region-filter-to').fill(typed(day));
      await page.getByTestId('region-filter-to').press('Enter');
      const row = page.locator(`[data-testid="region-row"][data-appeal-id="${scenario.oldId}"]`);
      await row.waitFor();
      expect(page.url()).toContain('from=');
      // Opened from the list, it is the archived appeal again.
      await row.locator('a.region-row__id').click();
      await page.getByTestId('appeal-from-archive').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/appeals/${encodeURIComponent(scenario.oldId)}`);
      await context.close();
    },
    SLOW_MS,
  );
});
