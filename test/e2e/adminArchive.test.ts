import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveService } from '../../server/src/archive/createArchiveService';
import { createSilentLogger } from '../../server/src/logger';
import { signIn } from '../support/auth';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope } from '../support/events';
import { createTestDatabase, testPostgresAdminUrl, type TestDatabase } from '../support/postgres';
import { createRedisLog } from '../../server/src/stream/redisLog';
import type { EventLog } from '../../server/src/stream/eventLog';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { startTestArchiveService } from '../support/testArchive';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The admin page's archive section in Chromium (issue 16), over a real PostgreSQL database of
 * its own: an admin sees the archive archiving (state, database, lag, stream), then — the
 * database made unreachable (connections refused, the open ones ended) — says it is down
 * while the page keeps working, and back once the database answers again.
 */
const prefix = uniquePrefix('e2e-archive');
let database: TestDatabase;
let log: EventLog;
let service: ArchiveService;
let server: TestServer;
let browser: Browser;

async function asAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresAdminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  log = await createRedisLog({ url: testRedisUrl(), prefix, logger: createSilentLogger() });
  service = startTestArchiveService(database.url, log, 'inline', { statusEveryMs: 200 });
  server = await startTestServer({ prefix, log, archive: service, staticDir: path.resolve('dist/client') });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await service?.close().catch(() => undefined);
  await log?.close();
  await database?.drop();
  await deletePrefix(testRedisUrl(), prefix);
}, 60_000);

async function adminPage(): Promise<Page> {
  const session = await signIn(server, 'admin');
  const [name, value] = session.cookie.split('=') as [string, string];
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addCookies([{ name, value, url: server.url }]);
  return context.newPage();
}

describe('the admin page archive section in Chromium', () => {
  let page: Page;

  it('shows the archive archiving into PostgreSQL, with its lag and the stream', async () => {
    await appendEnvelope(log, appealRegistered());
    page = await adminPage();
    await page.goto(`${server.url}/admin`);
    const section = page.getByTestId('archive-status');
    await section.and(page.locator('[data-state="ok"]')).waitFor({ timeout: 30_000 });
    const stateText = (await page.getByTestId('archive-state').textContent()) ?? '';
    expect(stateText.length).toBeGreaterThan(0);
    expect(await section.textContent()).toContain('PostgreSQL');
    expect(await page.getByTestId('archive-lag').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('archive-stream').textContent()).toMatch(/\d/);
  }, 60_000);

  it('says down when the database cannot be reached, and recovers when it can', async () => {
    const okText = await page.getByTestId('archive-state').textContent();
    await asAdmin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
    await asAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}'`);
    // The live side goes on: a new appeal while the archive is down.
    await appendEnvelope(log, appealRegistered());
    const section = page.getByTestId('archive-status');
    // The section reads health every 10 s: a reload asks at once.
    await page.reload();
    await section.and(page.locator('[data-state="down"]')).waitFor({ timeout: 40_000 });
    const downText = await page.getByTestId('archive-state').textContent();
    expect(downText).not.toBe(okText);
    expect(await page.locator('.archive-status__state.is-bad').count()).toBe(1);

    await asAdmin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
    await page.reload();
    await section.and(page.locator('[data-state="ok"]')).waitFor({ timeout: 40_000 });
    expect(await page.getByTestId('archive-state').textContent()).toBe(okText);
  }, 120_000);
});
