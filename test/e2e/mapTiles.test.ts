import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { launchChromium } from '../support/browser';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

const staticDir = path.resolve('dist/client');
const ATTRIBUTION = 'Tiles © Ortalyq test tiles';
const servers: TestServer[] = [];
let browser: Browser;

/** A 256×256 RGB PNG of one dark colour, built by hand (signature, IHDR, IDAT, IEND). */
function tilePng(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(256, 0);
  header.writeUInt32BE(256, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3, 0x22)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: 256 }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A tile server on 127.0.0.1: /{z}/{x}/{y}.png answers a PNG, anything else 404; every request is counted. */
function startTileServer(): Promise<{ server: Server; origin: string; requests: string[] }> {
  const png = tilePng();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      res.end(png);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}`, requests });
    }),
  );
}

let tiles: Awaited<ReturnType<typeof startTileServer>>;

beforeAll(async () => {
  browser = await launchChromium();
  tiles = await startTileServer();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) {
    await s.stop();
    await deletePrefix(testRedisUrl(), s.prefix);
  }
  await new Promise((resolve) => tiles?.server.close(resolve));
});

/** A signed-in operator's wall, recording CSP violations and every URL the page asks for. */
async function openWall(
  server: TestServer,
): Promise<{ page: Page; urls: string[]; violations: () => Promise<string[]> }> {
  const session = await signIn(server, 'operator');
  const [name, value] = session.cookie.split('=') as [string, string];
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  await context.addCookies([{ name, value, url: server.url }]);
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { csp: string[] }).csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  await page.goto(`${server.url}/`);
  await page.getByTestId('region-shape').first().waitFor();
  return { page, urls, violations: () => page.evaluate(() => (window as unknown as { csp: string[] }).csp) };
}

describe('map tiles (headless Chromium, a local tile server)', () => {
  it('with TILE_URL loads the tiles under the outlines, within the CSP, with their attribution', async () => {
    const server = await startTestServer({
      staticDir,
      tiles: { url: `${tiles.origin}/{z}/{x}/{y}.png`, attribution: ATTRIBUTION },
    });
    servers.push(server);
    const before = tiles.requests.length;
    const { page, violations } = await openWall(server);

    await page.locator('img.leaflet-tile-loaded').first().waitFor({ timeout: 15_000 });
    const requested = tiles.requests.slice(before);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.every((url) => /^\/\d+\/\d+\/\d+\.png$/.test(url))).toBe(true);

    // Every tile Leaflet asked for has loaded as a real 256-px image (none blocked or broken).
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile')].every(
            (img) => img.complete && img.naturalWidth === 256 && img.src.includes('/'),
          ),
        ),
      )
      .toBe(true);
    const shown = await page.evaluate(() => ({
      tiles: document.querySelectorAll('img.leaflet-tile-loaded').length,
      sources: [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile')].map((img) => img.src),
    }));
    expect(shown.tiles).toBeGreaterThan(0);
    expect(shown.sources.every((src) => src.startsWith(`${tiles.origin}/`))).toBe(true);
    expect(await violations()).toEqual([]);
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain(ATTRIBUTION);
    // The outlines stay on top of the tiles.
    expect(await page.getByTestId('region-shape').count()).toBe(20);
    await page.screenshot({ path: 'test-results/map-tiles.png' });
  });

  it('without TILE_URL asks no tile server for anything (the default offline map)', async () => {
    const server = await startTestServer({ staticDir });
    servers.push(server);
    const before = tiles.requests.length;
    const { page, urls, violations } = await openWall(server);
    // Long enough for a tile layer to have asked for its first tiles.
    await page.waitForTimeout(1500);

    expect(tiles.requests.length).toBe(before);
    expect(await page.locator('img.leaflet-tile').count()).toBe(0);
    expect(await page.locator('.leaflet-tile-pane').evaluate((pane) => pane.children.length)).toBe(0);
    // Nothing left the wall's own origin.
    expect(urls.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith('data:'))).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(await page.locator('.leaflet-control-attribution').textContent()).not.toContain(ATTRIBUTION);
  });
});
