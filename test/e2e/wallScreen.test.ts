import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import { computeStats, type CategoryCode, type EventEnvelope, type Priority, type RegionCode } from '@shared';
import { authedFetch, signIn } from '../support/auth';
import { launchChromium } from '../support/browser';
import { appealAssigned, appealRegistered, appendEnvelope, uniqueId } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** No visible text below this at 1920×1080 (issue 18: about 36 px is needed at 5 m on a 65″ screen). */
const MIN_TEXT_PX = 36;

let server: TestServer;
let browser: Browser;
let cookie: { name: string; value: string };

beforeAll(async () => {
  server = await startTestServer({
    staticDir: path.resolve('dist/client'),
    frameIntervalMs: 100,
    config: { ANALYTICS_INTERVAL_MS: '1000', ALERT_BURST_COUNT: '5' },
  });
  browser = await launchChromium();
  const session = await signIn(server, 'operator');
  const [name, value] = session.cookie.split('=') as [string, string];
  cookie = { name, value };
  await seed();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

function registered(
  region: RegionCode,
  at: number,
  category: CategoryCode = 'heating',
  priority: Priority = 'high',
): EventEnvelope {
  const envelope = appealRegistered({ region, at: new Date(at).toISOString() });
  return { ...envelope, data: { ...envelope.data, category, priority } } as EventEnvelope;
}

function appealIdOf(envelope: EventEnvelope): string {
  return (envelope.data as { appealId: string }).appealId;
}

/**
 * A day of traffic across the country, so every panel has something to show: appeals
 * answered over the last 24 h (the response-time chart and the region board), some long
 * overdue, and fresh ones for the ticker.
 */
async function seed(): Promise<void> {
  const now = Date.now();
  const regions: RegionCode[] = ['KZ-71', 'KZ-75', 'KZ-79', 'KZ-35', 'KZ-63', 'KZ-47', 'KZ-55', 'KZ-23', 'KZ-11'];
  const categories: CategoryCode[] = ['heating', 'water_sewer', 'electricity', 'roads', 'waste', 'lifts'];
  for (let i = 0; i < 60; i += 1) {
    const region = regions[i % regions.length] as RegionCode;
    const at = now - (23 * 60 - i * 22) * MINUTE;
    const envelope = registered(region, at, categories[i % categories.length]);
    await appendEnvelope(server.log, envelope);
    // Slower responses in some regions, so the board has breaches to show.
    const responseMin = 5 + (i % 4) * 15 + (region === 'KZ-75' ? 90 : 0);
    if (i % 5 !== 0)
      await appendEnvelope(
        server.log,
        appealAssigned(appealIdOf(envelope), region, new Date(at + responseMin * MINUTE).toISOString()),
      );
  }
  for (let i = 0; i < 10; i += 1) {
    const region = regions[i % 4] as RegionCode;
    const at = now - (10 - i) * MINUTE;
    const envelope = registered(region, at, categories[(i + 2) % categories.length], i === 3 ? 'emergency' : 'normal');
    await appendEnvelope(server.log, envelope);
    if (i % 2 === 0)
      await appendEnvelope(
        server.log,
        appealAssigned(appealIdOf(envelope), region, new Date(at + 2 * MINUTE).toISOString()),
      );
  }
}

/** A fresh browser profile at a screen size, recording CSP violations (`cspViolations`). */
async function newScreen(width: number, height: number, withSession = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  if (withSession) await context.addCookies([{ ...cookie, url: server.url }]);
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { csp: string[] }).csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`),
    );
  });
  return context.newPage();
}

function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { csp: string[] }).csp);
}

/**
 * Waits until every panel has its data: map outlines, the headline, a ticker line. (The
 * 24-hour chart and the region board are not on the wall since issue 18: see docs/layout.md.)
 */
async function waitForPanels(page: Page): Promise<void> {
  await page.getByTestId('wall-screen').waitFor();
  await page.getByTestId('link-status').and(page.locator('[data-state="live"], [data-state="stale"]')).waitFor();
  await page.getByTestId('region-shape').first().waitFor({ timeout: 10_000 });
  await page.getByTestId('wall-headline').waitFor({ timeout: 10_000 });
  await page.locator('[data-testid="wall-ticker"] [data-testid="feed-item"]').first().waitFor({ timeout: 10_000 });
}

async function openWall(width: number, height: number, search = ''): Promise<Page> {
  const page = await newScreen(width, height);
  await page.goto(`${server.url}/wall${search}`);
  await waitForPanels(page);
  return page;
}

interface Overflow {
  scrollWidth: number;
  scrollHeight: number;
  innerWidth: number;
  innerHeight: number;
  /** Elements of the wall wider than the viewport, or reaching past its edges. */
  outside: string[];
  /** Panels whose content is taller or wider than the panel (something cut off). */
  clipped: string[];
}

function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const describe = (el: Element): string =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}.${String(el.className).slice(0, 60)}`;
    const wall = document.querySelector('[data-testid="wall-screen"]');
    const outside: string[] = [];
    for (const el of wall ? [wall, ...wall.querySelectorAll('*')] : []) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      // Leaflet's panes and renderers reach past the map on purpose and are clipped by it.
      // (The renderer's padding makes its SVG about twice the map's width: a larger map, since
      // issue 18, makes that more than the window, still clipped by the map.)
      const container = el.closest('.leaflet-container');
      if (container && el !== container) {
        if (rect.width > 2.5 * container.getBoundingClientRect().width) outside.push(describe(el));
        continue;
      }
      if (rect.width > window.innerWidth + 0.5 || rect.right > window.innerWidth + 0.5 || rect.left < -0.5) {
        outside.push(describe(el));
      }
      if (rect.bottom > window.innerHeight + 0.5 || rect.top < -0.5) outside.push(describe(el));
    }
    const clipped: string[] = [];
    for (const panel of document.querySelectorAll(
      '.wall-screen-panel__body, .wall-screen-headline, .wall-screen-spotlight, .wall-screen-map .map-panel, .wall-screen-map .map-legend',
    )) {
      if (panel.scrollHeight > panel.clientHeight + 1 || panel.scrollWidth > panel.clientWidth + 1) {
        clipped.push(`${describe(panel.parentElement ?? panel)} ${panel.scrollHeight}>${panel.clientHeight}`);
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      outside,
      clipped,
    };
  });
}

/** Visible text whose rendered size (font size × CSS zoom) is below `minPx`. */
function smallText(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      // Off-screen helpers (Recharts measures text in a span far above the page).
      if (rect.bottom <= 0 || rect.right <= 0 || rect.top >= window.innerHeight || rect.left >= window.innerWidth)
        continue;
      if (parent.closest('[hidden], .visually-hidden, [aria-hidden="true"] .visually-hidden')) continue;
      // The map's credit (Leaflet, OpenStreetMap) is a licence notice kept for the record, not
      // information for the room: at 36 px it took two lines over the southern regions' labels,
      // so the wall draws it small on one line at the map's edge (wallDistance.css).
      if (parent.closest('.leaflet-control-attribution')) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      const zoom = (parent as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
      const size = parseFloat(style.fontSize) * zoom;
      if (size < min - 0.01)
        out.push(
          `${size.toFixed(1)}px "${text.slice(0, 40)}" in ${parent.tagName.toLowerCase()}.${String(parent.className).slice(0, 40)}`,
        );
    }
    return out;
  }, minPx);
}

interface WallLayout {
  /** The map panel's area over the viewport's. */
  mapShare: number;
  /** The other panels' shares (alerts, ticker). */
  otherPanelShares: number[];
  /** Distinct tops of the headline's tiles. */
  headlineRows: number;
  /** Ticker and alert texts wider than their box (cut with "…"). */
  cut: string[];
}

function wallLayout(page: Page): Promise<WallLayout> {
  return page.evaluate(() => {
    const area = (selector: string) => {
      const rect = document.querySelector(selector)?.getBoundingClientRect();
      return rect ? (rect.width * rect.height) / (window.innerWidth * window.innerHeight) : 0;
    };
    const tops = new Set(
      [...document.querySelectorAll('[data-testid="wall-headline"] .kpi-tile')].map((tile) =>
        Math.round(tile.getBoundingClientRect().top),
      ),
    );
    const cut = [
      ...document.querySelectorAll(
        '.wall-screen-ticker__line > *, .wall-screen-alert__tag, .wall-screen-alert__region, .wall-screen-alert__category, .kpi-tile__label, .kpi-tile__value',
      ),
    ]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.className}: ${el.textContent ?? ''}`);
    return {
      mapShare: area('[data-testid="wall-map"]'),
      otherPanelShares: [area('[data-testid="wall-alerts"]'), area('[data-testid="wall-ticker"]')],
      headlineRows: tops.size,
      cut,
    };
  });
}

/** The country as drawn over the wall's map area: its outline's box over the map's, each way. */
function countryFill(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const map = document.querySelector('[data-testid="wall-map"] .leaflet-container')?.getBoundingClientRect();
    const shapes = [...document.querySelectorAll('[data-testid="wall-map"] [data-testid="region-shape"]')].map(
      (shape) => shape.getBoundingClientRect(),
    );
    if (!map || shapes.length === 0) return { width: 0, height: 0 };
    const left = Math.min(...shapes.map((box) => box.left));
    const right = Math.max(...shapes.map((box) => box.right));
    const top = Math.min(...shapes.map((box) => box.top));
    const bottom = Math.max(...shapes.map((box) => box.bottom));
    return { width: (right - left) / map.width, height: (bottom - top) / map.height };
  });
}

/** Kazakhstan fills the map (issue 18: about 60 % of its width at 4K, the fit snapped to a coarse zoom). */
const MIN_COUNTRY_FILL = 0.85;

function controls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'button, select, input, textarea, [role="button"], [contenteditable="true"], a[href]',
      ),
    ].map((el) => `${el.tagName.toLowerCase()} ${el.textContent?.trim().slice(0, 30) ?? ''}`),
  );
}

describe('wall mode /wall (headless Chromium)', () => {
  it('fills 1920×1080 without scrolling, text under 36 px or anything to press', async () => {
    const page = await openWall(1920, 1080, '?rotate=5');
    await page.getByTestId('wall-spotlight').and(page.locator('[data-region]')).waitFor();
    await page.waitForTimeout(1500);

    const overflow = await measureOverflow(page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    expect(overflow.scrollHeight).toBeLessThanOrEqual(overflow.innerHeight);
    expect(overflow.outside).toEqual([]);
    expect(overflow.clipped).toEqual([]);
    expect(await smallText(page, MIN_TEXT_PX)).toEqual([]);
    expect(await controls(page)).toEqual([]);
    expect(await page.locator('.leaflet-control-zoom').count()).toBe(0);
    expect(await cspViolations(page)).toEqual([]);

    // Every panel carries its own "as of" time (shown once it is old: docs/layout.md).
    for (const id of ['wall-map', 'wall-headline', 'wall-alerts', 'wall-ticker', 'wall-spotlight']) {
      expect(await page.locator(`[data-testid="${id}"] [data-testid="as-of"] time`).count(), id).toBe(1);
    }
    // The spotlight's region is outlined on the map.
    const spotlight = await page.getByTestId('wall-spotlight').getAttribute('data-region');
    expect(spotlight).toMatch(/^KZ-\d\d$/);
    await expect.poll(() => page.locator('.region-shape--selected').count()).toBe(1);
    // Masked data only: no citizen names, phones or addresses from the events.
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('Сапарова');
    expect(body).not.toContain('Кенесары');
    expect(body).not.toMatch(/234\s?56\s?12/);
    // The ticker counts the appeals of the last 15 minutes (10 seeded).
    expect(await page.getByTestId('wall-ticker-count').textContent()).toMatch(/\b10\b/);

    const fill1080 = await countryFill(page);
    expect(Math.max(fill1080.width, fill1080.height), JSON.stringify(fill1080)).toBeGreaterThanOrEqual(
      MIN_COUNTRY_FILL,
    );

    await page.screenshot({ path: 'test-results/wall-screen-1080.png' });
    await page.context().close();
  });

  it('raises a burst alert for five appeals of one category in one region, on the wall', async () => {
    const page = await openWall(1920, 1080);
    const burst = page.locator(
      '[data-testid="wall-alerts"] [data-testid="wall-alert"][data-kind="burst"][data-region="KZ-39"]',
    );
    expect(await burst.count()).toBe(0);
    const now = Date.now();
    for (let i = 0; i < 5; i += 1)
      await appendEnvelope(server.log, registered('KZ-39', now - i * 1000, 'gas', 'emergency'));
    await burst.waitFor({ timeout: 10_000 });
    const text = (await burst.textContent()) ?? '';
    expect(text).toContain('массовый инцидент');
    expect(text).toContain('газоснабжение');
    expect(text).toContain('Костанайская');
    // Issue 18: the map is the largest panel by far, the headline one row, nothing cut.
    const layout = await wallLayout(page);
    expect(layout.mapShare).toBeGreaterThanOrEqual(0.4);
    expect(layout.otherPanelShares.every((share) => share < layout.mapShare / 2)).toBe(true);
    expect(layout.headlineRows).toBe(1);
    expect(layout.cut).toEqual([]);
    expect(await smallText(page, MIN_TEXT_PX)).toEqual([]);
    // The burst card whole inside its panel (it was clipped by 2 px).
    const [card, panel] = await Promise.all([
      burst.boundingBox(),
      page.locator('[data-testid="wall-alerts"] .wall-screen-panel__body').boundingBox(),
    ]);
    expect(card && panel && card.y + card.height <= panel.y + panel.height + 0.5).toBe(true);
    await page.screenshot({ path: 'test-results/wall-screen-burst.png' });
    await page.context().close();
  });

  it('shows the stale banner within ?stale=3 s of the last event, and drops it when events return', async () => {
    const page = await openWall(1920, 1080, '?stale=3');
    const banner = page.getByTestId('stale-banner');
    const status = page.getByTestId('link-status');
    // Loading the data took longer than 3 s: the wall is stale already. An event clears it.
    await appendEnvelope(server.log, registered('KZ-71', Date.now()));
    await banner.waitFor({ state: 'detached', timeout: 3000 });
    expect(await status.getAttribute('data-state')).toBe('live');
    const lastEventAt = Date.now();

    // The stream stops: the banner comes once 3 s have passed (on the 1 s clock tick), not before.
    await banner.waitFor({ timeout: 3000 + 2500 });
    const after = Date.now() - lastEventAt;
    expect(after).toBeGreaterThanOrEqual(2500);
    expect(after).toBeLessThanOrEqual(3000 + 2500);
    expect(await banner.getAttribute('data-state')).toBe('stale');
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await status.getAttribute('data-state')).toBe('stale');
    // The banner must not push anything off the screen.
    const overflow = await measureOverflow(page);
    expect(overflow.scrollHeight).toBeLessThanOrEqual(overflow.innerHeight);
    expect(overflow.outside).toEqual([]);
    expect(await smallText(page, MIN_TEXT_PX)).toEqual([]);
    await page.screenshot({ path: 'test-results/wall-screen-stale.png' });

    await appendEnvelope(server.log, registered('KZ-71', Date.now()));
    await banner.waitFor({ state: 'detached', timeout: 3000 });
    expect(await status.getAttribute('data-state')).toBe('live');
    await page.context().close();
  });

  it('fills 3840×2160 the same way', async () => {
    const page = await openWall(3840, 2160, '?rotate=5&lang=kk');
    await page.getByTestId('wall-spotlight').and(page.locator('[data-region]')).waitFor();
    await page.waitForTimeout(1500);
    const overflow = await measureOverflow(page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    expect(overflow.scrollHeight).toBeLessThanOrEqual(overflow.innerHeight);
    expect(overflow.outside).toEqual([]);
    expect(overflow.clipped).toEqual([]);
    // Twice the pixels, twice the text: nothing under 0.9rem (the root size follows the width).
    const rootPx = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(rootPx).toBeGreaterThan(39);
    expect(await smallText(page, 0.9 * rootPx)).toEqual([]);
    const layout = await wallLayout(page);
    expect(layout.headlineRows).toBe(1);
    expect(layout.cut).toEqual([]);
    // ?lang=kk: Kazakh on the wall, and not remembered as the browser's choice.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('kk');
    expect((await page.locator('body').textContent()) ?? '').toContain('Ахуалдық орталық');
    expect(await page.evaluate(() => localStorage.getItem('ortalyq.language'))).toBeNull();
    const fill2160 = await countryFill(page);
    expect(Math.max(fill2160.width, fill2160.height), JSON.stringify(fill2160)).toBeGreaterThanOrEqual(
      MIN_COUNTRY_FILL,
    );
    await page.screenshot({ path: 'test-results/wall-screen-2160.png' });
    await page.context().close();
  });

  it('a kiosk link carries its wall settings (?rotate, ?lang) to /wall', async () => {
    const { secret } = await server.app.access.kiosks.issue('Ситуационный зал', 'all', 'test');
    const page = await newScreen(1920, 1080, false);
    await page.goto(`${server.url}/kiosk/${secret}?rotate=5&lang=en&next=//example.com`);
    await waitForPanels(page);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/wall');
    expect(url.search).toBe('?rotate=5&lang=en');
    await page.getByTestId('wall-spotlight').and(page.locator('[data-region]')).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByTestId('wall-ticker').textContent()).toContain('Last 15 minutes');
    expect(await controls(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a revoked Kazakh wall asks for a sign-in in Kazakh, not in Russian', async () => {
    const { token, secret } = await server.app.access.kiosks.issue('Жоғалған экран', 'all', 'test');
    const page = await newScreen(1920, 1080, false);
    await page.goto(`${server.url}/kiosk/${secret}?lang=kk`);
    await waitForPanels(page);
    const admin = await signIn(server, 'admin');
    const revoked = await authedFetch(admin, `${server.url}/api/admin/kiosk-tokens/${token.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(204);
    // The socket is closed with the token; the wall finds its session gone and shows the form.
    const form = page.getByTestId('login-form');
    await form.waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).search).toContain('lang=kk');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('kk');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('Жүйеге кіру');
    expect(text).not.toContain('Вход');
    expect(text).not.toContain('Пароль');
    await page.screenshot({ path: 'test-results/wall-screen-revoked-kk.png' });
    await page.context().close();
  });

  it('shows both clocks: overdue by target and by law, and the share solved positively, as the projection counts them', async () => {
    const page = await openWall(1920, 1080);
    const legal = page.getByTestId('kpi-legal-overdue');
    const solved = page.getByTestId('kpi-solved-positively');
    // The seed has nothing past its legal deadline and nothing finished yet.
    expect(await legal.textContent()).toBe('0');
    expect((await solved.textContent())?.trim()).toBe('—');
    // Three appeals registered 40 days ago and still open: past 15 working days, whatever the holidays.
    const now = Date.now();
    for (const region of ['KZ-71', 'KZ-75', 'KZ-79'] as const)
      await appendEnvelope(server.log, registered(region, now - 40 * DAY, 'roads', 'normal'));
    // One resolved and confirmed by the citizen (solved positively), one resolved and awaiting the callback.
    const confirmed = registered('KZ-71', now - 10 * DAY, 'waste', 'normal');
    const awaiting = registered('KZ-75', now - 5 * DAY, 'waste', 'normal');
    const event = (type: string, at: number, region: RegionCode, data: object) =>
      ({ v: 1, id: uniqueId('evt'), type, at: new Date(at).toISOString(), region, data }) as EventEnvelope;
    await appendEnvelope(server.log, confirmed);
    await appendEnvelope(server.log, awaiting);
    await appendEnvelope(
      server.log,
      event('appeal.status_changed', now - 9 * DAY, 'KZ-71', {
        appealId: appealIdOf(confirmed),
        status: 'resolved',
        outcome: 'satisfied',
      }),
    );
    await appendEnvelope(
      server.log,
      event('appeal.feedback', now - 8 * DAY, 'KZ-71', {
        appealId: appealIdOf(confirmed),
        result: 'confirmed',
        rating: 5,
      }),
    );
    await appendEnvelope(
      server.log,
      event('appeal.status_changed', now - 4 * DAY, 'KZ-75', {
        appealId: appealIdOf(awaiting),
        status: 'resolved',
        outcome: 'partly',
      }),
    );
    await expect.poll(() => legal.textContent(), { timeout: 10_000 }).toBe('3');
    await expect.poll(async () => (await solved.textContent())?.replace(/\s/g, ''), { timeout: 10_000 }).toBe('50%');
    // The same figures as the projection's own count.
    const stats = computeStats(server.app.store.state, Date.now());
    expect(stats.overall.legalOverdue).toBe(3);
    expect(stats.overall.solvedPositively / stats.overall.finished).toBe(0.5);
    // Each overdue tile names its clock; the legal one is drawn as an alert.
    const labelOf = (testId: string) =>
      page.locator(`.kpi-tile:has([data-testid="${testId}"]) .kpi-tile__label`).textContent();
    expect(await labelOf('kpi-overdue')).toBe('Просрочено (норматив)');
    expect(await labelOf('kpi-legal-overdue')).toBe('Просрочено (по закону)');
    expect(await labelOf('kpi-solved-positively')).toBe('Решено положительно');
    expect(await page.locator('.kpi-tile:has([data-testid="kpi-legal-overdue"])').getAttribute('class')).toContain(
      'kpi-tile--alert',
    );
    await page.screenshot({ path: 'test-results/wall-screen-law.png' });
    // Still nothing cut and no small text with the new tiles (the alerts panel is the burst test's business).
    const overflow = await measureOverflow(page);
    expect(overflow.outside).toEqual([]);
    expect(overflow.clipped.filter((panel) => panel.includes('headline'))).toEqual([]);
    const cutValues = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          '[data-testid="wall-headline"] .kpi-tile, [data-testid="wall-headline"] .headline__figure',
        ),
      ]
        .filter((tile) => tile.scrollWidth > tile.clientWidth + 1 || tile.scrollHeight > tile.clientHeight + 1)
        .map((tile) => tile.textContent),
    );
    expect(cutValues).toEqual([]);
    expect(await smallText(page, MIN_TEXT_PX)).toEqual([]);
    await page.context().close();
  });
});
