/**
 * Wall CLS case of `npm run bench` (issue 18: "CLS 0.13 → 0.70 in three minutes: clock and
 * badges jitter"): the wall screen (/wall) at 1920×1080 in headless Chromium over a real
 * server, with a few hours of appeals on the stream, then live demo traffic for 2 minutes
 * (scaled by BENCH_SCALE). Layout shifts are recorded by a PerformanceObserver
 * ('layout-shift') installed before any page script runs. The baseline is the same page in
 * the same run with live updates paused (no events; the clock still ticks). Target: the
 * cumulative shift over the live period ≤ 0.05. Not a test: it prints figures. Run alone
 * with `npx tsx bench/wallCls.ts`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { EventEnvelope } from '@shared';
import { launchChromium } from '../test/support/browser';
import { appendEnvelope } from '../test/support/events';
import { deletePrefix, openTestLog, startTestServer, testRedisUrl, uniquePrefix } from '../test/support/testServer';
import { appendAll, createTraffic, ensureClientBuilt, signInOperator } from './mapBrowser';

const PRELOADED_APPEALS = 3000;
/** About the demo simulator's pace: a busy evening of a country's call centres. */
const EVENTS_PER_SECOND = 10;
const LIVE_SECONDS = 120;
const BASELINE_SECONDS = 30;
/** The target for the live period. */
export const TARGET_CLS = 0.05;

interface Shift {
  start: number;
  value: number;
  sources: string[];
}

export interface WallClsFigures {
  liveSeconds: number;
  liveEvents: number;
  /** Sum of every layout shift (no recent input) over the live period. */
  liveCls: number;
  /** The largest session window (web-vitals CLS: shifts < 1 s apart, windows ≤ 5 s). */
  liveMaxSessionWindow: number;
  liveShifts: number;
  baselineSeconds: number;
  /** The same sums over the same page with no events. */
  baselineCls: number;
  baselineShifts: number;
  /** The elements that moved most in the live period (for whoever chases a regression). */
  topSources: string;
  /** Shifts of the first load (before the baseline): shows the observer sees shifts at all. */
  firstLoadCls: number;
  /** Ticker lines seen at the top during the live period (sampled each 5 s): shows the wall was live. */
  tickerTopLinesSeen: number;
  targetMet: boolean;
}

function sessionWindows(shifts: readonly Shift[]): number {
  let best = 0;
  let current = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const shift of shifts) {
    if (shift.start - last > 1000 || shift.start - first > 5000) {
      current = 0;
      first = shift.start;
    }
    current += shift.value;
    last = shift.start;
    best = Math.max(best, current);
  }
  return best;
}

async function shiftsSince(page: Page, from: number): Promise<Shift[]> {
  return page.evaluate(
    (since) => (window as unknown as { benchShifts: Shift[] }).benchShifts.filter((s) => s.start >= since),
    from,
  );
}

/**
 * Installed before any page script: layout shifts (no recent input) with the elements that
 * moved. A string, not a function: tsx would wrap the
 * function's inner helpers in its own `__name`, which the page does not have.
 */
const OBSERVERS = `
  window.benchShifts = [];
  new PerformanceObserver(function (list) {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.benchShifts.push({
        start: entry.startTime,
        value: entry.value,
        sources: (entry.sources || []).map(function (source) {
          const node = source.node;
          if (!(node instanceof Element)) return node ? node.nodeName : '?';
          const test = node.getAttribute('data-testid');
          return test ? '[data-testid=' + test + ']' : node.tagName.toLowerCase() + '.' + Array.from(node.classList).join('.');
        }),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
`;

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

export async function benchWallCls(scale = 1): Promise<WallClsFigures> {
  const staticDir = path.resolve('dist/client');
  await ensureClientBuilt(staticDir);
  const prefix = uniquePrefix('bench-cls');
  const liveSeconds = Math.max(5, Math.round(LIVE_SECONDS * scale));
  const baselineSeconds = Math.max(5, Math.round(BASELINE_SECONDS * scale));
  const traffic = createTraffic(18);
  const producer = await openTestLog(prefix);
  const browser = await launchChromium();
  let stop: (() => Promise<void>) | null = null;
  try {
    const now = Date.now();
    const preload: EventEnvelope[] = [];
    for (let i = 0; i < PRELOADED_APPEALS; i += 1)
      preload.push(traffic.register(now - traffic.random() * 6 * 3_600_000));
    for (let i = 0; i < PRELOADED_APPEALS / 2; i += 1) {
      const assigned = traffic.advance(now - traffic.random() * 3_600_000, 'registered');
      if (assigned) preload.push(assigned);
    }
    await appendAll(producer, preload);
    const server = await startTestServer({ prefix, staticDir, frameIntervalMs: 200 });
    stop = () => server.stop();
    const cookie = await signInOperator(server);
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addCookies([{ ...cookie, url: server.url }]);
    await context.addInitScript(OBSERVERS);
    const page = await context.newPage();
    await page.goto(`${server.url}/wall`);
    await page.locator('[data-testid="region-shape"]').first().waitFor({ state: 'attached', timeout: 60_000 });
    await page.locator('[data-testid="wall-ticker"] [data-testid="feed-item"]').first().waitFor({ timeout: 60_000 });
    // The first load's own shifts (fonts, charts' first draw) are not what the issue measures.
    await page.waitForTimeout(5000);

    // Baseline: the same page, live updates paused (no events arrive; the clock ticks on).
    const baselineFrom = await page.evaluate(() => performance.now());
    await page.waitForTimeout(baselineSeconds * 1000);
    const baseline = await shiftsSince(page, baselineFrom);

    // Live: demo traffic on a schedule (an append that falls behind is not made up in a burst).
    const liveFrom = await page.evaluate(() => performance.now());
    const topLines = new Set<string>();
    const sampler = setInterval(() => {
      page
        .evaluate(
          () => document.querySelector('[data-testid="wall-ticker"] [data-testid="feed-item"]')?.outerHTML ?? '',
        )
        .then((line) => topLines.add(line))
        .catch(() => undefined);
    }, 5000);
    const total = EVENTS_PER_SECOND * liveSeconds;
    const started = Date.now();
    for (let i = 0; i < total; i += 1) {
      const wait = started + (i * 1000) / EVENTS_PER_SECOND - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await appendEnvelope(producer, traffic.live(Date.now()));
    }
    await page.waitForTimeout(1500);
    const live = await shiftsSince(page, liveFrom);
    const firstLoad = (await shiftsSince(page, 0)).filter((shift) => shift.start < baselineFrom);
    clearInterval(sampler);
    await context.close();

    const sum = (shifts: readonly Shift[]) => shifts.reduce((total, shift) => total + shift.value, 0);
    const bySource = new Map<string, number>();
    for (const shift of live)
      for (const source of shift.sources) bySource.set(source, (bySource.get(source) ?? 0) + shift.value);
    const topSources = [...bySource.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([source, value]) => `${source} ${round(value)}`)
      .join('; ');
    const liveCls = sum(live);
    return {
      liveSeconds,
      liveEvents: total,
      liveCls: round(liveCls),
      liveMaxSessionWindow: round(sessionWindows(live)),
      liveShifts: live.length,
      baselineSeconds,
      baselineCls: round(sum(baseline)),
      baselineShifts: baseline.length,
      topSources: topSources || 'none',
      firstLoadCls: round(sum(firstLoad)),
      tickerTopLinesSeen: topLines.size,
      targetMet: liveCls <= TARGET_CLS,
    };
  } finally {
    await browser.close();
    await stop?.();
    await producer.close();
    await deletePrefix(testRedisUrl(), prefix);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const figures = await benchWallCls(Number(process.env.BENCH_SCALE ?? 1));
  console.table(Object.entries(figures).map(([k, v]) => ({ wallCls: k, value: v })));
}
