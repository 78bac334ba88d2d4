import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import path from 'node:path';
import type { EventEnvelope } from '@shared';
import { ensureDemoUsers } from '../../server/src/auth/seedUsers';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope, uniqueId, waitFor } from '../support/events';
import { leaksIn, PHONE_SPELLINGS } from '../support/personalData';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let browser: Browser;
const appealId = uniqueId('A');
// Every spelling of the phone, in the description, the address, the service and a comment.
const PHONES = PHONE_SPELLINGS.slice(0, 13)
  .map((s) => s.text)
  .join('; ');
const MORE_PHONES = PHONE_SPELLINGS.slice(13)
  .map((s) => s.text)
  .join('; ');

beforeAll(async () => {
  server = await startTestServer({ staticDir: path.resolve('dist/client'), frameIntervalMs: 100 });
  await ensureDemoUsers(server.app.access.users);
  const registered = appealRegistered({ appealId, region: 'KZ-71' });
  if (registered.type !== 'appeal.registered') throw new Error('factory');
  const at = new Date().toISOString();
  const events: EventEnvelope[] = [
    {
      ...registered,
      data: {
        ...registered.data,
        description: `Нет отопления. ${PHONES}`,
        location: {
          lat: 51.13,
          lng: 71.44,
          address: `ул. Абая 10, кв. 389, ${MORE_PHONES.slice(0, 400)}`,
          district: MORE_PHONES.slice(0, 400),
        },
      },
    },
    {
      v: 1,
      id: uniqueId('evt'),
      type: 'appeal.assigned',
      at,
      region: 'KZ-71',
      data: { appealId, service: PHONES.slice(0, 480), assignee: MORE_PHONES.slice(0, 480) },
    },
    {
      v: 1,
      id: uniqueId('evt'),
      type: 'appeal.status_changed',
      at,
      region: 'KZ-71',
      data: { appealId, status: 'in_progress', comment: MORE_PHONES.slice(0, 480) },
    },
  ];
  for (const event of events) await appendEnvelope(server.log, event);
  await waitFor(() => server.app.store.state.appeals.get(appealId)?.status === 'in_progress', 5000, 'applied');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

describe('the appeal page (headless Chromium)', () => {
  it('shows an operator the appeal, its timeline and its address without a phone or the flat', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByTestId('login-username').fill('operator');
    await page.getByTestId('login-password').fill('ortalyq-operator');
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('user-role').waitFor();
    await page.goto(`${server.url}/appeals/${encodeURIComponent(appealId)}`);
    await page.getByTestId('appeal-description').waitFor();
    await page.getByTestId('appeal-timeline').locator('li').nth(1).waitFor();
    const text = (await page.locator('body').innerText()) ?? '';
    expect(text).toContain('Нет отопления.');
    expect(text).toContain('+7 7** *** ** 12');
    expect(leaksIn(text, PHONE_SPELLINGS)).toEqual([]);
    expect(text).not.toContain('389');
    expect(text).not.toContain('Сапарова');
    await context.close();
  }, 60_000);
});
