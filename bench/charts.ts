/**
 * Charts case of `npm run bench` (issue "Benchmarks"): the analytics page over a day of
 * demo traffic. Two figures against the targets: the points per series the server
 * sends (`GET /api/stats/analytics` for every window; the socket's `analytics:update`
 * carries the same object), at most 1,000, and what one live update of the page's charts
 * costs in headless Chromium, at most 15 ms (median). The update is timed as
 * test/e2e/analytics.test.ts does it: the store's flush runs in a timer task and React
 * renders and commits in a microtask of it, so the task up to a microtask queued after it
 * covers the whole update. Its CPU time is read from a trace as well (on a loaded machine
 * the wall time includes waiting for a core). The history shrinks with BENCH_SCALE; the
 * number of updates timed does not (they are what is measured).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import {
  CATEGORY_CODES,
  REGION_CODES,
  WINDOW_NAMES,
  type Analytics,
  type EventEnvelope,
  type RegionCode,
} from '@shared';
import { createTrafficModel } from '../server/src/simulator/createTrafficModel';
import { authedFetch, signIn } from '../test/support/auth';
import { launchChromium } from '../test/support/browser';
import { appealAssigned, appealRegistered, appendEnvelope, waitFor } from '../test/support/events';
import {
  deletePrefix,
  openTestLog,
  startTestServer,
  testRedisUrl,
  uniquePrefix,
  type TestServer,
} from '../test/support/testServer';
import { addNameShim } from './browser';
import { target, type CaseResult, type Figures } from './lib/figures';
import { median, percentile } from './lib/stats';
import { appendAll, ensureClientBuilt } from './mapBrowser';

const HOUR = 3_600_000;
/** Demo traffic (appeals per second on average) over the history, as the e2e test's day. */
const HISTORY_RATE = 0.1;
const HISTORY_HOURS = 25;
/** Pushes of the analytics to the page (the server's default is 2,000). */
const PUSH_MS = 1000;
/** Updates timed in each condition. */
const UPDATES = 10;
/** Live traffic while timing: a response every this many ms, spread over regions and categories. */
const FEED_MS = 250;

const CHART_IDS = [
  'chart-response-times',
  'chart-regions',
  'chart-distribution',
  'chart-intake-channel',
  'chart-intake-category',
] as const;

type CostWindow = Window & { benchUpdateCosts: number[] };
/** The name of the User Timing measure of one update. */
const UPDATE_MEASURE = 'ortalyq-bench:update';

/**
 * Times every timer task that changes the board's `data-as-of` (one analytics update),
 * up to a microtask queued after it (React's sync-lane render and commit run in one).
 */
function timeUpdates(measureName: string): void {
  const w = window as unknown as CostWindow;
  w.benchUpdateCosts = [];
  const original = window.setTimeout.bind(window);
  const timed = (handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    if (typeof handler !== 'function') return original(handler, ms, ...args);
    return original(() => {
      const asOf = () => document.querySelector('[data-testid="analytics-board"]')?.getAttribute('data-as-of');
      const before = asOf();
      const start = performance.now();
      (handler as (...a: unknown[]) => void)(...args);
      queueMicrotask(() => {
        if (asOf() === before) return;
        const end = performance.now();
        w.benchUpdateCosts.push(end - start);
        // In the trace too, to find the task and its CPU time (the wall time above stretches with the machine's load).
        performance.measure(measureName, { start, end });
      });
    }, ms);
  };
  window.setTimeout = timed as typeof window.setTimeout;
}

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Main-thread CPU time (ms) of each task that ran a timed update: the `RunTask` of the
 * page's main thread that contains the start of an UPDATE_MEASURE.
 */
function updateCpuTimes(trace: Buffer): number[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const starts = events.filter((e) => e.name === UPDATE_MEASURE && (e.ph === 'b' || e.ph === 'B' || e.ph === 'X'));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`));
  return starts.flatMap((m) => {
    const task = tasks.find((t) => t.pid === m.pid && t.ts <= m.ts && m.ts <= t.ts + (t.dur ?? 0));
    return task ? [(task.tdur ?? 0) / 1000] : [];
  });
}

interface UpdateTimes {
  /** Wall time of each update (ms). */
  costs: number[];
  /** CPU time of each update's task (ms), from a trace. */
  cpu: number[];
  busyMsPerSecond: number;
}

/** The costs of the next `count` updates, and the page's main-thread busy time per second meanwhile. */
async function timeNextUpdates(page: Page, count: number): Promise<UpdateTimes> {
  await page.evaluate(() => ((window as unknown as CostWindow).benchUpdateCosts = []));
  const browser = page.context().browser();
  await browser?.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  const before = await busy();
  const startedAt = performance.now();
  await page.waitForFunction((n) => (window as unknown as CostWindow).benchUpdateCosts.length >= n, count, {
    timeout: 60_000,
    polling: 200,
  });
  const busyMsPerSecond = ((await busy()) - before) * 1000 * (1000 / (performance.now() - startedAt));
  await cdp.detach();
  const cpu = browser ? updateCpuTimes(await browser.stopTracing()) : [];
  const costs = await page.evaluate(() => (window as unknown as CostWindow).benchUpdateCosts.slice());
  return { costs, cpu, busyMsPerSecond };
}

/** Longest series of an analytics answer (points, buckets or rows), by name. */
function seriesLengths(a: Analytics): Record<string, number> {
  return {
    responseTimes: a.responseTimes.points.length,
    intake: a.intake.points.length,
    distribution: a.distribution.length,
    regions: a.regions.length,
  };
}

/** The charts case: see the file comment. Stops by itself and deletes its Redis keys. */
export async function benchCharts(scale: number): Promise<CaseResult> {
  const staticDir = path.resolve(process.env.BENCH_BROWSER_STATIC_DIR ?? 'dist/client');
  await ensureClientBuilt(staticDir);
  const prefix = uniquePrefix('bench-charts');
  const producer = await openTestLog(prefix);
  let server: TestServer | null = null;
  const browser = await launchChromium();
  try {
    // A day of demo traffic as history (its `at` in the past), written before the server starts.
    const now = Date.now();
    const model = createTrafficModel({
      seed: 76,
      startAt: now - HISTORY_HOURS * HOUR,
      rate: HISTORY_RATE * scale,
      burstChance: 0,
    });
    const history = model.step(now);
    await appendAll(producer, history);
    server = await startTestServer({ prefix, staticDir, config: { ANALYTICS_INTERVAL_MS: String(PUSH_MS) } });
    const started = server;
    await waitFor(() => started.app.store.state.counters.applied >= history.length, 120_000, 'the history applied');

    // Points per series, for every window the API offers.
    const supervisor = await signIn(server, 'supervisor');
    const lengths: Record<string, number> = {};
    for (const window of WINDOW_NAMES) {
      const res = await authedFetch(supervisor, `${server.url}/api/stats/analytics?window=${window}`);
      if (res.status !== 200) throw new Error(`analytics ${window}: ${res.status}`);
      for (const [series, n] of Object.entries(seriesLengths((await res.json()) as Analytics))) {
        lengths[series] = Math.max(lengths[series] ?? 0, n);
      }
    }
    const largest = Math.max(...Object.values(lengths));

    // The page: every chart drawn, then updates timed with nothing new and under live traffic.
    const [name = '', value = ''] = supervisor.cookie.split('=');
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addCookies([{ name, value, url: server.url }]);
    await addNameShim(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/analytics?window=24h`);
    for (const id of CHART_IDS) {
      await page.locator(`[data-testid="${id}"][data-state="ready"] svg`).first().waitFor({ timeout: 30_000 });
    }
    await page.evaluate(timeUpdates, UPDATE_MEASURE);
    const quiet = await timeNextUpdates(page, Math.max(3, Math.round(UPDATES / 2)));

    const live = server;
    let isFeeding = true;
    let fed = 0;
    const feeding = (async () => {
      for (let i = 0; isFeeding; i += 1) {
        // Registered ten minutes ago and routed now: a response in every chart's newest bucket.
        const region = REGION_CODES[i % REGION_CODES.length] as RegionCode;
        const registered = appealRegistered({ region, at: new Date(Date.now() - 10 * 60_000).toISOString() });
        const data = {
          ...(registered.data as { appealId: string }),
          category: CATEGORY_CODES[i % CATEGORY_CODES.length],
        };
        await appendEnvelope(live.log, { ...registered, data } as EventEnvelope);
        await appendEnvelope(live.log, appealAssigned(data.appealId, region));
        fed += 1;
        await new Promise((resolve) => setTimeout(resolve, FEED_MS));
      }
    })();
    let busy: UpdateTimes;
    try {
      await page.waitForTimeout(2 * PUSH_MS);
      const profileDir = process.env.BENCH_BROWSER_PROFILE;
      const cdp = profileDir ? await context.newCDPSession(page) : null;
      await cdp?.send('Profiler.enable');
      await cdp?.send('Profiler.start');
      busy = await timeNextUpdates(page, UPDATES);
      if (cdp && profileDir) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(path.join(profileDir, 'charts-live.cpuprofile'), JSON.stringify(profile));
      }
    } finally {
      isFeeding = false;
      await feeding;
    }
    await context.close();

    const liveMedian = median(busy.costs);
    const figures: Figures = {
      'history events': history.length,
      ...Object.fromEntries(Object.entries(lengths).map(([series, n]) => [`points: ${series} (largest window)`, n])),
      'points per series, largest': largest,
      'push interval ms': PUSH_MS,
      'quiet updates timed': quiet.costs.length,
      'quiet update ms (median)': median(quiet.costs),
      'quiet update ms (p95)': percentile(quiet.costs, 0.95),
      'live responses fed': fed,
      'live updates timed': busy.costs.length,
      'live update ms (median)': liveMedian,
      'live update ms (p95)': percentile(busy.costs, 0.95),
      'live update ms (min)': Math.min(...busy.costs),
      'live update ms (max)': Math.max(...busy.costs),
      'live update CPU ms (median)': median(busy.cpu),
      'live update CPU ms (p95)': percentile(busy.cpu, 0.95),
      'quiet update CPU ms (median)': median(quiet.cpu),
      'live main thread busy ms/s': busy.busyMsPerSecond,
      'load average': loadavg()[0] ?? NaN,
      cores: availableParallelism(),
    };
    return {
      figures,
      targets: [
        target('charts: points per series (server-side buckets)', largest, '<=', 1000, 'points'),
        target('charts: one live update of the analytics page (median)', liveMedian, '<=', 15, 'ms'),
      ],
    };
  } finally {
    await browser.close();
    await server?.stop();
    await producer.close();
    await deletePrefix(testRedisUrl(), prefix);
  }
}

// `npx tsx bench/charts.ts`: this case alone (BENCH_SCALE applies).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await benchCharts(Number(process.env.BENCH_SCALE ?? 1));
  console.table(Object.entries(result.figures).map(([k, v]) => ({ charts: k, value: v })));
  console.table(result.targets);
}
