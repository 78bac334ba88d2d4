import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import type { EventEnvelope } from '@shared';
import { loadBuiltinLayer } from '../../server/src/regions/loadRegionLayer';
import { signIn } from '../support/auth';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

const staticDir = path.resolve('dist/client');
const servers: TestServer[] = [];
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) {
    await s.stop();
    await deletePrefix(testRedisUrl(), s.prefix);
  }
});

/** A signed-in operator's wall in a fresh browser profile, recording CSP violations. */
async function openWall(
  server: TestServer,
  pathname = '/',
): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const session = await signIn(server, 'operator');
  const [name, value] = session.cookie.split('=') as [string, string];
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addCookies([{ name, value, url: server.url }]);
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { csp: string[] }).csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
  });
  const page = await context.newPage();
  await page.goto(`${server.url}${pathname}`);
  await page.getByTestId('region-shape').first().waitFor();
  return { page, violations: () => page.evaluate(() => (window as unknown as { csp: string[] }).csp) };
}

function locatedOnly(lat: number, lng: number): { envelope: EventEnvelope; appealId: string } {
  const { region: _region, ...rest } = appealRegistered();
  const envelope = { ...rest, data: { ...rest.data, location: { lat, lng } } } as EventEnvelope;
  return { envelope, appealId: (envelope.data as { appealId: string }).appealId };
}

describe('the map (headless Chromium)', () => {
  it('shows today’s 20 regions with the ODbL attribution; a click opens the region panel; live updates keep the view', async () => {
    const server = await startTestServer({ staticDir, frameIntervalMs: 100 });
    servers.push(server);
    const { page, violations } = await openWall(server);
    expect(await page.getByTestId('region-shape').count()).toBe(20);
    for (const code of ['KZ-10', 'KZ-33', 'KZ-62'])
      expect(await page.locator(`.region-shape--${code}`).count()).toBe(1);
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain(
      'Boundaries © OpenStreetMap contributors (ODbL)',
    );

    await page.locator('.region-shape--KZ-35').click();
    await page.getByTestId('region-panel').waitFor();
    expect(await page.getByTestId('region-panel-name').textContent()).toContain('Карагандинская');
    expect(new URL(page.url()).pathname).toBe('/region/KZ-35');

    await page.locator('.leaflet-control-zoom-in').click();
    await page.waitForTimeout(600);
    const view = () =>
      page.evaluate(() => ({
        pane: (document.querySelector('.leaflet-map-pane') as HTMLElement).style.transform,
        shape: document.querySelector('.region-shape--KZ-35')?.getAttribute('d'),
      }));
    const before = await view();
    const markers = async () => Number(await page.getByTestId('map-marker-count').getAttribute('data-open-appeals'));
    const markersBefore = await markers();

    // An appeal with only a point in Karaganda city: located by the server, shown in the open panel and as a marker.
    const { envelope, appealId } = locatedOnly(49.8, 73.1);
    await appendEnvelope(server.log, envelope);
    await page.locator(`[data-testid="region-appeal"][data-appeal-id="${appealId}"]`).waitFor({ timeout: 10_000 });
    await expect.poll(markers, { timeout: 5000 }).toBe(markersBefore + 1);
    await page.waitForTimeout(300);
    expect(await view()).toEqual(before);
    expect(await page.getByTestId('region-panel').isVisible()).toBe(true);
    expect(await violations()).toEqual([]);
    // The page's socket opened as a WebSocket (not a first long-poll) that negotiated
    // permessage-deflate, so its snapshot came as the server's one compressed frame.
    const transports = [...server.app.io.sockets.sockets.values()].map((socket) => {
      const transport = socket.conn.transport as unknown as { name: string; socket?: { _extensions?: object } };
      const upgraded = (socket.conn as unknown as { upgraded: boolean }).upgraded;
      return { name: transport.name, upgraded, deflate: Object.keys(transport.socket?._extensions ?? {}) };
    });
    expect(transports).toEqual([{ name: 'websocket', upgraded: false, deflate: ['permessage-deflate'] }]);
    await page.screenshot({ path: 'test-results/map-region.png' });
  });

  it('shows one count badge per region at the country view, clusters only closer in, and a legend with the fixed thresholds', async () => {
    const server = await startTestServer({ staticDir, frameIntervalMs: 100 });
    servers.push(server);
    // Three open appeals in Karaganda oblast, one in Astana, at their regions' points.
    for (let i = 0; i < 3; i += 1) await appendEnvelope(server.log, locatedOnly(49.8 + i * 0.01, 73.1).envelope);
    await appendEnvelope(server.log, locatedOnly(51.17, 71.45).envelope);
    const { page } = await openWall(server);
    const badge = (code: string) =>
      page.locator(`[data-testid="region-label"][data-code="${code}"] [data-testid="region-badge"]`);
    await expect.poll(() => badge('KZ-35').textContent(), { timeout: 10_000 }).toBe('3');
    expect(await badge('KZ-71').textContent()).toBe('1');
    expect(await badge('KZ-35').isVisible()).toBe(true);
    // The Astana label shows its name with its badge; no clusters are drawn at the country view.
    expect(await page.locator('[data-testid="region-label"][data-code="KZ-71"] .region-label__plate').isVisible()).toBe(
      true,
    );
    const output = page.getByTestId('map-marker-count');
    await expect.poll(() => output.getAttribute('data-open-appeals')).toBe('4');
    expect(await output.getAttribute('data-visible-clusters')).toBe('0');
    expect(await output.getAttribute('data-visible-points')).toBe('0');

    // The legend prints the fixed load steps (25/50/100 % of the backlog alert threshold of 60).
    const legend = page.getByTestId('map-legend');
    expect(await legend.getAttribute('data-basis')).toBe('fixed');
    expect(await page.getByTestId('map-legend-step').allTextContents()).toEqual(['< 15', '15 – 30', '30 – 60', '≥ 60']);
    expect(await legend.textContent()).toContain('60');
    // Ranked colours only when asked for, and only with enough distinct figures to rank
    // (here three: the fixed steps stay, colorScale.test.ts ranks a real spread).
    await page.getByTestId('map-scale-select').selectOption('ranked');
    await page.waitForTimeout(300);
    expect(await legend.getAttribute('data-basis')).toBe('fixed');
    await page.getByTestId('map-scale-select').selectOption('fixed');

    // Closer in: the markers show and the badges go.
    await page.locator('.leaflet-control-zoom-in').click();
    await expect
      .poll(
        async () =>
          Number(await output.getAttribute('data-visible-clusters')) +
          Number(await output.getAttribute('data-visible-points')),
      )
      .toBeGreaterThan(0);
    expect(await badge('KZ-35').isVisible()).toBe(false);
    // Back out: the badges again, no markers.
    await page.locator('.leaflet-control-zoom-out').click();
    await expect.poll(() => badge('KZ-35').isVisible()).toBe(true);
    expect(await output.getAttribute('data-visible-clusters')).toBe('0');
    await page.screenshot({ path: 'test-results/map-badges.png' });
  });

  it('shows a point in Semey in Abai, under its official name', async () => {
    const server = await startTestServer({ staticDir, frameIntervalMs: 100 });
    servers.push(server);
    const { page } = await openWall(server, '/region/KZ-10');
    await page.getByTestId('region-panel').waitFor();
    expect(await page.getByTestId('region-panel-name').textContent()).toBe('область Абай');
    const { envelope, appealId } = locatedOnly(50.4111, 80.2275);
    await appendEnvelope(server.log, envelope);
    await page.locator(`[data-testid="region-appeal"][data-appeal-id="${appealId}"]`).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: 'test-results/map-abai.png' });
  });

  it('with REGION_LAYER=2018 draws 17 shapes and still shows Abai’s appeals in East Kazakhstan', async () => {
    const server = await startTestServer({ staticDir, layer: loadBuiltinLayer('2018'), frameIntervalMs: 100 });
    servers.push(server);
    const { page } = await openWall(server, '/region/KZ-63');
    expect(await page.getByTestId('region-shape').count()).toBe(17);
    expect(await page.locator('.region-shape--KZ-10').count()).toBe(0);
    expect(await page.locator('.leaflet-control-attribution').textContent()).not.toContain('OpenStreetMap');
    await page.getByTestId('region-panel').waitFor();
    const abai = appealRegistered({ region: 'KZ-10' });
    await appendEnvelope(server.log, abai);
    const appealId = (abai.data as { appealId: string }).appealId;
    await page.locator(`[data-testid="region-appeal"][data-appeal-id="${appealId}"]`).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('region-panel').textContent()).toContain('область Абай');
    await page.screenshot({ path: 'test-results/map-2018.png' });
  });
});
