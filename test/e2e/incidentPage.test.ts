import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteAccepted } from '@shared';
import { ru } from '../../client/src/i18n/ru';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * Issue 18's incident page in headless Chromium on one real server: a supervisor opens an
 * incident from the dashboard's feed, sees its linked appeal and who opened it, links another
 * appeal of the region from the page, resolves it; a second browser on the same page sees
 * each change live. axe finds nothing serious on it.
 */

const REGION = 'KZ-71';
const SHORT_MS = 10_000;

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let supervisorSession: TestSession;
let incidentId = '';
const [appealA, appealB] = [0, 1].map(() => `A-${randomUUID().slice(0, 8).toUpperCase()}`) as [string, string];

beforeAll(async () => {
  server = await startTestServer({ staticDir: path.resolve('dist/client'), frameIntervalMs: 100 });
  browser = await launchChromium();
  for (const appealId of [appealA, appealB]) {
    await appendEnvelope(server.log, appealRegistered({ appealId, region: REGION }));
  }
  supervisorSession = await signIn(server, 'supervisor', [REGION]);
  const res = await authedFetch(supervisorSession, `${server.url}/api/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({
      title: 'Авария на теплотрассе',
      category: 'heating',
      severity: 'major',
      location: { lat: 51.128, lng: 71.43 },
      appealIds: [appealA],
    }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  incidentId = ((await res.json()) as WriteAccepted).incidentId ?? '';
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

async function openPage(cookie: string, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  contexts.push(context);
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(SHORT_MS);
  await page.goto(`${server.url}${url}`);
  await page.getByTestId('link-status').and(page.locator('[data-state="live"]')).waitFor();
  return page;
}

const linkedRow = (page: Page, appealId: string) =>
  page.locator(`[data-testid="incident-appeal"][data-appeal-id="${appealId}"]`);

async function seriousViolations(page: Page): Promise<string[]> {
  const require = createRequire(import.meta.url);
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the incident page (headless Chromium)', () => {
  let supervisor: Page;
  let watcher: Page;

  it('opens from the feed by keyboard-reachable link, with its appeal and who acted', async () => {
    supervisor = await openPage(supervisorSession.cookie, '/');
    const link = supervisor.locator(`[data-incident-id="${incidentId}"] [data-testid="feed-link"]`).first();
    expect(await link.getAttribute('href')).toBe(`/incidents/${incidentId}`);
    await link.focus();
    await supervisor.keyboard.press('Enter');
    await supervisor.getByTestId('incident-page').waitFor();
    expect(new URL(supervisor.url()).pathname).toBe(`/incidents/${incidentId}`);
    await linkedRow(supervisor, appealA).waitFor();
    const who = supervisor.getByTestId('timeline-actor').first();
    await who.filter({ hasText: supervisorSession.username }).waitFor();
    expect(await who.textContent()).toContain(ru.role.supervisor);
    expect(await seriousViolations(supervisor)).toEqual([]);
    await supervisor.screenshot({ path: 'test-results/incident-page-ru.png' });
  });

  it('links another appeal of the region and resolves it; a second browser sees both live', async () => {
    watcher = await openPage((await signIn(server, 'supervisor', [REGION])).cookie, `/incidents/${incidentId}`);
    await linkedRow(watcher, appealA).waitFor();
    expect(await linkedRow(watcher, appealB).count()).toBe(0);

    await supervisor.getByTestId('incident-link-search').fill(appealB.slice(2, 7));
    await supervisor.locator(`[data-testid="incident-link-choice"][data-appeal-id="${appealB}"]`).check();
    await supervisor.getByTestId('incident-link-submit').click();
    await linkedRow(supervisor, appealB).waitFor();
    await linkedRow(watcher, appealB).waitFor();

    await supervisor.getByTestId('incident-resolve-note').fill('Трубу заменили');
    await supervisor.getByTestId('incident-resolve-submit').click();
    // Asked once more before it is final.
    await supervisor.getByTestId('incident-resolve-submit').filter({ hasText: ru.incidentPage.confirmResolve }).click();
    await supervisor.getByTestId('incident-status').filter({ hasText: ru.incidentPage.status.resolved }).waitFor();
    await watcher.getByTestId('incident-status').filter({ hasText: ru.incidentPage.status.resolved }).waitFor();
    await watcher.getByTestId('incident-resolved-note').waitFor();
    // The watcher's timeline says who resolved it.
    // The timeline is fetched again after a live change: give it the time the waits above get.
    await expect
      .poll(async () => (await watcher.getByTestId('timeline-actor').allTextContents()).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);
    const whos = await watcher.getByTestId('timeline-actor').allTextContents();
    for (const text of whos) expect(text).toContain(supervisorSession.username);
  });
});
