import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBin } from '../../server/src/services/demoServices';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let browser: Browser;
const HEAT = demoBin(910);
const WATER = demoBin(911);
const APPEAL = 'A-SERVICES-E2E';

beforeAll(async () => {
  server = await startTestServer({ staticDir: path.resolve('dist/client'), frameIntervalMs: 100 });
  await appendEnvelope(server.log, appealRegistered({ region: 'KZ-71', appealId: APPEAL }));
  await server.app.access.users.add({
    username: 'dir-admin',
    password: 'Directory-admin-42',
    role: 'admin',
    regions: 'all',
  });
  await server.app.access.users.add({
    username: 'dir-supervisor',
    password: 'Directory-super-42',
    role: 'supervisor',
    regions: ['KZ-71'],
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

async function signedIn(username: string, password: string, at: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto(`${server.url}${at}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
  return page;
}

const HEADER = 'bin;name_ru;name_kk;name_en;kind;regions;categories;phone;active';

describe('the service directory (headless Chromium)', () => {
  it('an admin imports a CSV, a supervisor picks a service for an appeal, and sees it in the Services panel', async () => {
    // 1. The admin imports a file written by Excel (BOM, `;`): a bad row first stops the whole import.
    const admin = await signedIn('dir-admin', 'Directory-admin-42', '/admin');
    const section = admin.getByTestId('admin-services');
    await section.waitFor();
    const bad = `\uFEFF${HEADER}\r\n${HEAT};ТОО «Тепло Столицы»;«Астана Жылу» ЖШС;;utility;KZ-71;heating;;1\r\n123;;;;;;;;\r\n`;
    await admin.getByTestId('services-import-file').setInputFiles({
      name: 'services.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad, 'utf8'),
    });
    await expect.poll(() => admin.getByTestId('services-import-text').inputValue()).toContain(HEAT);
    await admin.getByTestId('services-import-submit').click();
    await expect.poll(() => admin.getByTestId('services-import-errors').textContent()).toMatch(/3/);
    expect(await server.app.services.list()).toEqual([]);

    const good = [
      `\uFEFF${HEADER}`,
      `${HEAT};"ТОО «Тепло Столицы»";"«Астана Жылу» ЖШС";;utility;KZ-71;heating;+7 7172 00 00 00;1`,
      `${WATER};"ГКП «Вода Столицы»";"«Астана Су» МКК";;utility;KZ-71;water_sewer;;1`,
    ].join('\r\n');
    await admin.getByTestId('services-import-file').setInputFiles({
      name: 'services.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(good, 'utf8'),
    });
    await expect.poll(() => admin.getByTestId('services-import-text').inputValue()).toContain(WATER);
    await admin.getByTestId('services-import-submit').click();
    await expect.poll(() => admin.getByTestId('services-import-result').textContent()).toMatch(/2/);
    await admin.locator(`[data-testid="service-row"][data-bin="${HEAT}"]`).waitFor();
    await admin.context().close();

    // 2. The supervisor routes the appeal by keyboard: type, the directory suggests, Enter takes it.
    const desk = await signedIn('dir-supervisor', 'Directory-super-42', `/appeals/${APPEAL}`);
    const picker = desk.getByTestId('appeal-assign-service');
    await picker.waitFor();
    await picker.click();
    await desk.keyboard.type('тепло');
    const option = desk.locator(`[data-testid="appeal-assign-service-option"][data-value="bin:${HEAT}"]`);
    await option.waitFor();
    // Filtered by the appeal's category (heating): the water utility is not offered.
    expect(await desk.locator(`[data-value="bin:${WATER}"]`).count()).toBe(0);
    await desk.keyboard.press('Enter');
    expect(await picker.inputValue()).toBe('ТОО «Тепло Столицы»');
    await expect.poll(() => desk.getByTestId('appeal-assign-source').textContent()).toContain(HEAT);
    await desk.getByTestId('appeal-assign-submit').click();
    await waitFor(() => server.app.store.state.appeals.get(APPEAL)?.serviceId === HEAT, 10_000, 'assignment applied');
    expect(server.app.store.state.appeals.get(APPEAL)?.service).toBe('ТОО «Тепло Столицы»');

    // 3. The region page's Services panel shows the organisation's load.
    await desk.goto(`${server.url}/region/KZ-71`);
    const row = desk.locator(`[data-testid="services-panel-row"][data-bin="${HEAT}"]`);
    await row.waitFor();
    expect(await row.getByTestId('services-panel-open').textContent()).toBe('1');
    expect(await row.locator('th').textContent()).toContain('Тепло Столицы');
    await desk.context().close();
  });
});
