import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { BUILT_IN_CALENDAR, legalDeadline, workingDaysBetween } from '@shared';
import { kk } from '../../client/src/i18n/kk';
import { ru } from '../../client/src/i18n/ru';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope, uniqueId } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * Issue 17's confirmation loop in headless Chromium, on one real server: a supervisor
 * resolves an appeal with an outcome on its page; it shows up in the agents' quality-control
 * queue; "not confirmed" reopens it and the wall's backlog counts it again; "confirmed"
 * moves the "solved positively" KPI; a callback a week after the resolution still finds its
 * appeal.
 *
 * The week: the third appeal is registered and resolved through the stream with backdated
 * `at`s (eight and seven days ago), as an outside producer or a history import would, and
 * the callback is recorded now. Moving the server's injected clock forward instead does not
 * work: the decoder holds an event's `at` to the stream id's time (Redis's own clock), so a
 * write stamped a week ahead would be dead-lettered as too far in the future.
 */

const REGION = 'KZ-71';
const SHORT_MS = 8000;
const DAY_MS = 86_400_000;

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

let supervisorSession: TestSession;
let wall: Page;
let supervisor: Page;
let agent: Page;
let agentSession: TestSession;
const [appealA, appealB, appealC] = [0, 1, 2].map(() => `A-${randomUUID().slice(0, 8).toUpperCase()}`) as [
  string,
  string,
  string,
];

beforeAll(async () => {
  server = await startTestServer({
    staticDir: path.resolve('dist/client'),
    frameIntervalMs: 100,
  });
  browser = await launchChromium();
  for (const appealId of [appealA, appealB]) {
    await appendEnvelope(server.log, appealRegistered({ appealId, region: REGION }));
  }
  // Registered eight days ago and resolved seven days ago, in the stream as a producer writes it.
  const now = Date.now();
  await appendEnvelope(
    server.log,
    appealRegistered({ appealId: appealC, region: REGION, at: new Date(now - 8 * DAY_MS).toISOString() }),
  );
  await appendEnvelope(server.log, {
    v: 1,
    id: uniqueId('evt'),
    type: 'appeal.status_changed',
    at: new Date(now - 7 * DAY_MS).toISOString(),
    region: REGION,
    data: { appealId: appealC, status: 'resolved', outcome: 'explained' },
  });
  supervisorSession = await signIn(server, 'supervisor', [REGION]);
  agentSession = await signIn(server, 'agent', [REGION]);
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

/** Resolves an appeal through the write API, as another supervisor's desk would. */
async function resolveByApi(appealId: string, outcome: string): Promise<void> {
  const response = await authedFetch(supervisorSession, `${server.url}/api/appeals/${appealId}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), origin: server.url },
    body: JSON.stringify({ status: 'resolved', outcome }),
  });
  expect(response.status, await response.clone().text()).toBe(202);
}

const row = (page: Page, appealId: string) => page.locator(`[data-testid="quality-row"][data-appeal-id="${appealId}"]`);

async function setLanguage(page: Page, language: 'ru' | 'kk'): Promise<void> {
  await page.getByTestId(`lang-${language}`).click();
}

describe('the confirmation loop (headless Chromium)', () => {
  it('resolving asks for the outcome, with nothing preselected', async () => {
    wall = await openPage((await signIn(server, 'operator')).cookie, '/');
    await expect.poll(() => wall.getByTestId('kpi-open').textContent()).toBe('2');

    supervisor = await openPage(supervisorSession.cookie, `/appeals/${appealA}`);
    const page = supervisor;
    await page.getByTestId('appeal-legal-clock').waitFor();
    // Both clocks side by side: the operational target and the law's 15 working days.
    // Registered just now: 15 working days after today (the count the shared calendar makes).
    const daysLeft = workingDaysBetween(BUILT_IN_CALENDAR, Date.now(), legalDeadline(BUILT_IN_CALENDAR, Date.now()).at);
    expect(daysLeft.days).toBe(15);
    expect(await page.getByTestId('appeal-legal-clock').textContent()).toBe(
      ru.legal.daysLeft.replace('{{days}}', '15'),
    );
    expect(await page.getByTestId('appeal-sla').isVisible()).toBe(true);
    expect(await page.getByTestId('appeal-status-select').inputValue()).toBe('');

    // Submitting without a choice says what is missing, and sends nothing.
    await page.getByTestId('appeal-status-submit').click();
    await page.getByRole('alert').filter({ hasText: ru.appeal.actions.statusRequired }).waitFor();
    await page.getByTestId('appeal-status-select').selectOption('resolved');
    await page.getByTestId('appeal-status-submit').click();
    await page.getByRole('alert').filter({ hasText: ru.outcome.required }).waitFor();
    expect(await page.getByTestId('appeal-outcome-select').evaluate((e) => e === document.activeElement)).toBe(true);

    await page.getByTestId('appeal-outcome-select').selectOption('satisfied');
    await page.getByTestId('appeal-status-submit').click();
    await page.getByTestId('appeal-status').filter({ hasText: ru.status.resolved }).waitFor();
    await page.getByTestId('appeal-outcome').and(page.locator('[data-outcome="satisfied"]')).waitFor();
    await page.getByTestId('appeal-confirmation').and(page.locator('[data-confirmation="awaiting"]')).waitFor();
    expect(await page.getByTestId('appeal-legal-clock').textContent()).toBe(ru.legal.met);
    await expect.poll(() => wall.getByTestId('kpi-open').textContent()).toBe('1');

    await page.screenshot({ path: 'test-results/appeal-law-ru.png' });
    await setLanguage(page, 'kk');
    await page.getByTestId('appeal-legal-clock').filter({ hasText: kk.legal.met }).waitFor();
    await page.screenshot({ path: 'test-results/appeal-law-kk.png' });
    await setLanguage(page, 'ru');
  });

  it('the queue lists it; "not confirmed" from the keyboard reopens it and the wall counts it again', async () => {
    agent = await openPage(agentSession.cookie, '/quality');
    const page = agent;
    await row(page, appealA).waitFor();
    // Oldest resolution first: the one resolved a week ago, then the one just resolved.
    expect(
      await page.getByTestId('quality-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-appeal-id'))),
    ).toEqual([appealC, appealA]);
    await page.screenshot({ path: 'test-results/quality-ru.png' });
    await setLanguage(page, 'kk');
    await page.getByText(kk.quality.intro).waitFor();
    await page.screenshot({ path: 'test-results/quality-kk.png' });
    await setLanguage(page, 'ru');

    // Keyboard only: focus the row, Enter opens the form on its first result.
    await row(page, appealA).getByTestId('quality-row-open').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('quality-feedback-confirmed').and(page.locator(':focus')).waitFor();
    await page.keyboard.press('ArrowDown'); // the radio group moves to "not confirmed"
    expect(await page.getByTestId('quality-feedback-not_confirmed').isChecked()).toBe(true);
    await page.getByText(ru.feedback.reopens).waitFor();
    await page.keyboard.press('4');
    expect(await page.getByTestId('quality-feedback-rating-4').isChecked()).toBe(true);
    await page.getByTestId('quality-feedback-submit').press('Enter');

    await page.getByTestId('quality-write-status').and(page.locator('[data-state="confirmed"]')).waitFor();
    await row(page, appealA).waitFor({ state: 'detached' });
    // Reopened, and back in the wall's backlog.
    await supervisor.getByTestId('appeal-status').filter({ hasText: ru.status.reopened }).waitFor();
    await supervisor.getByTestId('appeal-confirmation').and(supervisor.locator('[data-confirmation=""]')).waitFor();
    await expect.poll(() => wall.getByTestId('kpi-open').textContent()).toBe('2');
  });

  it('"confirmed" counts as solved positively and feeds the average rating', async () => {
    // Finished: C (a week ago, awaiting); A went back into work. Nothing solved positively yet.
    await expect.poll(() => wall.getByTestId('kpi-solved-positively').textContent()).toMatch(/^0\s?%$/);
    await resolveByApi(appealB, 'partly');

    const page = agent;
    await row(page, appealB).waitFor();
    await row(page, appealB).getByTestId('quality-row-open').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('quality-feedback-confirmed').and(page.locator(':focus')).waitFor();
    await page.keyboard.press('Space');
    await page.keyboard.press('5');
    await page.getByTestId('quality-feedback-submit').press('Enter');
    await row(page, appealB).waitFor({ state: 'detached' });

    // B of the two finished (B, C).
    await expect.poll(() => wall.getByTestId('kpi-solved-positively').textContent()).toMatch(/^50\s?%$/);
    // Both callbacks were rated: (4 + 5) / 2.
    await expect.poll(() => wall.getByTestId('kpi-average-rating').textContent()).toBe('4,5');
  });

  it('a callback recorded a week after the resolution still finds its appeal', async () => {
    const page = agent;
    await row(page, appealC).waitFor();
    expect(await row(page, appealC).textContent()).toContain(ru.quality.resolvedDaysAgo.replace('{{days}}', '7'));
    await row(page, appealC).getByTestId('quality-row-open').click();
    await page.getByTestId('quality-feedback-confirmed').check();
    await page.getByTestId('quality-feedback-comment').fill('Батарея горячая, спасибо');
    await page.getByTestId('quality-feedback-submit').click();
    await page.getByTestId('quality-write-status').and(page.locator('[data-state="confirmed"]')).waitFor();
    await row(page, appealC).waitFor({ state: 'detached' });
    await page.getByTestId('quality-empty').waitFor();
    await expect.poll(() => wall.getByTestId('kpi-solved-positively').textContent()).toMatch(/^100\s?%$/);

    await page.goto(`${server.url}/appeals/${appealC}`);
    await page.getByTestId('appeal-confirmation').and(page.locator('[data-confirmation="confirmed"]')).waitFor();
    expect(await page.getByTestId('appeal-confirmation').textContent()).toContain('Батарея горячая');
    // Its legal clock judged by the resolution a week ago: on time.
    expect(await page.getByTestId('appeal-legal-clock').textContent()).toBe(ru.legal.met);
  });
});
