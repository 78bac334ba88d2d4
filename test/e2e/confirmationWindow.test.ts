import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ru } from '../../client/src/i18n/ru';
import { signIn } from '../support/auth';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope, uniqueId } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * The client counts the citizen's callback with the server's `CONFIRMATION_WINDOW_DAYS`
 * (issue 17), not the 14-day default: on a server with a 9-day window, an appeal resolved
 * 6½ days ago has about 2½ days left in the quality-control queue (the default would say 7½),
 * and one resolved 10 days ago is no longer awaited (the default would still list it).
 */

const REGION = 'KZ-71';
const DAY_MS = 86_400_000;
const WINDOW_DAYS = 9;

let server: TestServer;
let browser: Browser;
let context: BrowserContext | undefined;
const recent = `A-${randomUUID().slice(0, 8).toUpperCase()}`;
const lapsed = `A-${randomUUID().slice(0, 8).toUpperCase()}`;

/** Registers an appeal and resolves it through the stream, backdated as an outside producer would. */
async function resolvedAgo(appealId: string, resolvedDaysAgo: number): Promise<void> {
  const now = Date.now();
  await appendEnvelope(
    server.log,
    appealRegistered({ appealId, region: REGION, at: new Date(now - (resolvedDaysAgo + 1) * DAY_MS).toISOString() }),
  );
  await appendEnvelope(server.log, {
    v: 1,
    id: uniqueId('evt'),
    type: 'appeal.status_changed',
    at: new Date(now - resolvedDaysAgo * DAY_MS).toISOString(),
    region: REGION,
    data: { appealId, status: 'resolved', outcome: 'satisfied' },
  });
}

beforeAll(async () => {
  server = await startTestServer({
    staticDir: path.resolve('dist/client'),
    frameIntervalMs: 100,
    config: { CONFIRMATION_WINDOW_DAYS: String(WINDOW_DAYS) },
  });
  browser = await launchChromium();
  await resolvedAgo(lapsed, 10);
  await resolvedAgo(recent, 6.5);
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

async function openQueue(): Promise<Page> {
  const session = await signIn(server, 'agent', [REGION]);
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const [name, value] = session.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${server.url}/quality`);
  await page.getByTestId('link-status').and(page.locator('[data-state="live"]')).waitFor();
  return page;
}

describe("the client uses the server's confirmation window (headless Chromium)", () => {
  it("counts the queue's time left with CONFIRMATION_WINDOW_DAYS=9 and drops the lapsed appeal", async () => {
    const page = await openQueue();
    const row = page.locator(`[data-testid="quality-row"][data-appeal-id="${recent}"]`);
    await row.waitFor();
    // 9 days − 6½ days = 2 days and about 12 hours (the clock ticks between the event and now).
    const left = ru.quality.windowLeft.replace('{{time}}', ru.appeal.sla.days.replace('{{days}}', '2'));
    await expect
      .poll(() => row.locator('.quality-row__left').textContent())
      .toMatch(new RegExp(`^${escape(left)} 1[12]:\\d\\d$`));
    // Resolved 10 days ago: past a 9-day window, neither the server's list nor the replica keeps it.
    expect(
      await page.getByTestId('quality-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-appeal-id'))),
    ).toEqual([recent]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
