/**
 * Browser case of `npm run bench` (issue "Benchmarks"): the dashboard (`/`, the map) in
 * headless Chromium over a real server and a real stream. Phase one preloads 10,000 open
 * appeals with locations, opens the page and measures the first render (navigation start
 * → the frame that paints the markers of every preloaded appeal), then writes 100 changes
 * every 100 ms (the server's frames at 10 Hz: 1,000 events/s) and, after a 2 s warm-up,
 * counts animation frames and long tasks for 15 s. Phase two adds appeals up to 50,000
 * on the same stream and does the same in a fresh page. Counts and durations shrink with
 * BENCH_SCALE. Targets: 10k ≥ 60 fps, no long task over 50 ms, first render ≤ 1 s; 50k ≥ 45 fps.
 *
 * Headless Chromium paints at 60 Hz (rAF on an empty page: "rAF ceiling"), so 60 fps
 * means no frame dropped. Wall times stretch with the machine's load (printed); CPU times
 * (the renderer's share, each task's from a trace) do not. BENCH_BROWSER_STATIC_DIR serves
 * another client build (an A/B comparison), BENCH_BROWSER_PROFILE=dir saves CPU profiles
 * of the page, BENCH_BROWSER_TRACE=dir the traces of the measured windows.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { EventEnvelope, RegionCode } from '@shared';
import type { EventLog } from '../server/src/stream/eventLog';
import { launchChromium } from '../test/support/browser';
import { appendEnvelope, uniqueId, waitFor } from '../test/support/events';
import {
  deletePrefix,
  openTestLog,
  startTestServer,
  testRedisUrl,
  uniquePrefix,
  type TestServer,
} from '../test/support/testServer';
import { target, type CaseResult, type Figures, type TargetCheck } from './lib/figures';
import { median, percentile } from './lib/stats';
import { appendAll, createTraffic, ensureClientBuilt, mainThreadTasks, signInOperator } from './mapBrowser';

const MARKERS = [10_000, 50_000] as const;
/** Server frames (one per tick) and the producer's ticks. */
const TICK_MS = 100;
const CHANGES_PER_TICK = 100;
/** Of each tick's changes, this many appeals are resolved (their markers go) and as many registered (new markers). */
const TURNOVER_PER_TICK = 5;
const WARM_UP_MS = 2000;
const MEASURE_MS = 15_000;
/** After the first render, traffic starts once the page ran this long without a long task (at most SETTLE_MAX_MS). */
const SETTLE_QUIET_MS = 1000;
const SETTLE_MAX_MS = 15_000;
const FRAME_MS = 1000 / 60;
/** Page loads per phase; the first render is their median. */
const FIRST_RENDER_LOADS = 3;

/**
 * esbuild (tsx) wraps named functions in `__name(…)`, which does not exist in the page
 * where Playwright evaluates them: https://github.com/privatenumber/tsx/issues/113.
 */
export async function addNameShim(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
}

/** What the page records about itself (installed before any page script runs). */
interface Probe {
  /** requestAnimationFrame timestamps, from navigation on. */
  frames: number[];
  longTasks: { start: number; duration: number }[];
  /** When the map's marker summary first counted `expected` open appeals, and when the frame after it was out. */
  markersAt: number | null;
  paintedAt: number | null;
}

type ProbeWindow = Window & { ortalyqProbe: Probe };

function installProbe(expected: number): void {
  const probe: Probe = { frames: [], longTasks: [], markersAt: null, paintedAt: null };
  (window as unknown as ProbeWindow).ortalyqProbe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const onFrame = (t: number): void => {
    probe.frames.push(t);
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  // The canvas has no DOM per marker: MarkersLayer's hidden <output> carries what the last
  // redraw showed. Leaflet paints the canvas in the next animation frame; a timer queued
  // from our frame callback (after Leaflet's) runs once that frame is out.
  const observer = new MutationObserver(() => {
    const output = document.querySelector('[data-testid="map-marker-count"]');
    if (probe.markersAt !== null || Number(output?.getAttribute('data-open-appeals')) < expected) return;
    probe.markersAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (probe.paintedAt = performance.now()), 0));
  });
  observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-open-appeals'] });
}

/** The live appeals the producer moves between open statuses. */
interface OpenAppeal {
  appealId: string;
  region: RegionCode;
  isInProgress: boolean;
}

function openAppealOf(envelope: EventEnvelope): OpenAppeal {
  const { appealId } = envelope.data as { appealId: string };
  return { appealId, region: envelope.region as RegionCode, isInProgress: false };
}

/**
 * One tick of changes: status changes that keep appeals open (in progress ⇄ redirected),
 * and a few resolved and as many registered, so markers also go and come while their
 * number stays.
 */
function createChanges(traffic: ReturnType<typeof createTraffic>, open: OpenAppeal[]) {
  let next = 0;
  const statusChanged = (a: OpenAppeal, status: 'in_progress' | 'redirected' | 'resolved', at: number) =>
    ({
      v: 1,
      id: uniqueId('evt'),
      type: 'appeal.status_changed',
      at: new Date(at).toISOString(),
      region: a.region,
      data: { appealId: a.appealId, status },
    }) as EventEnvelope;
  return (at: number): EventEnvelope[] => {
    const out: EventEnvelope[] = [];
    for (let i = 0; i < TURNOVER_PER_TICK && open.length > 1; i += 1) {
      const slot = (next += 1) % open.length;
      out.push(statusChanged(open[slot] as OpenAppeal, 'resolved', at));
      open[slot] = open[open.length - 1] as OpenAppeal;
      open.pop();
      const registered = traffic.register(at);
      open.push(openAppealOf(registered));
      out.push(registered);
    }
    while (out.length < CHANGES_PER_TICK) {
      const a = open[(next += 1) % open.length] as OpenAppeal;
      a.isInProgress = !a.isInProgress;
      out.push(statusChanged(a, a.isInProgress ? 'in_progress' : 'redirected', at));
    }
    return out;
  };
}

/** CPU seconds of each Chromium process by id (CDP SystemInfo), with its type. */
async function processCpu(cdp: CDPSession): Promise<Map<number, { type: string; cpu: number }>> {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  return new Map(processInfo.map((p) => [p.id, { type: p.type, cpu: p.cpuTime }]));
}

/** The largest CPU share (% of one core) among processes of a type between two readings. */
function cpuPercent(
  before: Map<number, { type: string; cpu: number }>,
  after: Map<number, { type: string; cpu: number }>,
  type: string,
  seconds: number,
): number {
  let most = 0;
  for (const [id, p] of after) {
    if (p.type !== type) continue;
    most = Math.max(most, (100 * (p.cpu - (before.get(id)?.cpu ?? 0))) / seconds);
  }
  return most;
}

async function mainThreadBusySeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/** Frames per second, frames dropped and the longest gap from rAF timestamps. */
function frameFigures(frames: readonly number[]): { fps: number; dropped: number; longestFrameMs: number } {
  const gaps = frames.slice(1).map((t, i) => t - (frames[i] as number));
  const span = (frames.at(-1) ?? 0) - (frames[0] ?? 0);
  return {
    fps: span > 0 ? (1000 * gaps.length) / span : 0,
    dropped: gaps.reduce((sum, gap) => sum + Math.max(0, Math.round(gap / FRAME_MS) - 1), 0),
    longestFrameMs: Math.max(0, ...gaps),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** rAF rate of an empty page in this browser: what headless Chromium paints at most. */
async function rafCeiling(browser: Browser): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await addNameShim(context);
  const page = await context.newPage();
  await page.goto('data:text/html,<p>idle</p>');
  const frames = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        const onFrame = (t: number): void => {
          out.push(t);
          if (out.length < 120) requestAnimationFrame(onFrame);
          else resolve(out);
        };
        requestAnimationFrame(onFrame);
      }),
  );
  await context.close();
  return frameFigures(frames).fps;
}

interface Phase {
  markers: number;
  liveMs: number;
}

interface PhaseResult {
  figures: Figures;
  firstRenderMs: number;
  fps: number;
  longestLongTaskMs: number;
}

/** "10k" for 10,000; small counts (a smoke run) as they are. */
const countLabel = (n: number): string => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

/** A fresh browser context signed in as the operator, with the probe installed. */
async function newDashboardPage(
  browser: Browser,
  server: TestServer,
  cookie: { name: string; value: string },
  expected: number,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addCookies([{ ...cookie, url: server.url }]);
  await addNameShim(context);
  await context.addInitScript(installProbe, expected);
  return { context, page: await context.newPage() };
}

/** Opens `/` and waits for the frame that paints every expected marker; returns its time after navigation start. */
async function loadDashboard(page: Page, server: TestServer): Promise<number> {
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => (window as unknown as ProbeWindow).ortalyqProbe.paintedAt !== null, null, {
    timeout: 120_000,
    polling: 100,
  });
  return page.evaluate(() => (window as unknown as ProbeWindow).ortalyqProbe.paintedAt ?? NaN);
}

/**
 * One phase over the server: the first render (median of FIRST_RENDER_LOADS page loads,
 * each in a fresh context), then live traffic on the last page with frames, long tasks
 * and CPU measured.
 */
async function measurePhase(
  browser: Browser,
  server: TestServer,
  cookie: { name: string; value: string },
  producer: EventLog,
  changes: (at: number) => EventEnvelope[],
  phase: Phase,
): Promise<PhaseResult> {
  const firstRenders: number[] = [];
  for (let i = 1; i < FIRST_RENDER_LOADS; i += 1) {
    const { context, page } = await newDashboardPage(browser, server, cookie, phase.markers);
    firstRenders.push(await loadDashboard(page, server));
    await context.close();
  }
  const { context, page } = await newDashboardPage(browser, server, cookie, phase.markers);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const browserCdp = await browser.newBrowserCDPSession();

    const label = countLabel(phase.markers);
    const profileDir = process.env.BENCH_BROWSER_PROFILE;
    const saveProfile = async (name: string): Promise<void> => {
      if (!profileDir) return;
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(path.join(profileDir, `${label}-${name}.cpuprofile`), JSON.stringify(profile));
    };
    if (profileDir) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    firstRenders.push(await loadDashboard(page, server));
    const loadLongTasks = await page.evaluate(
      async ({ quiet, max }) => {
        const probe = (window as unknown as ProbeWindow).ortalyqProbe;
        const started = performance.now();
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          const last = probe.longTasks.at(-1);
          const now = performance.now();
          if (now - (last ? last.start + last.duration : 0) >= quiet || now - started >= max) break;
        }
        return probe.longTasks.map((t) => t.duration);
      },
      { quiet: SETTLE_QUIET_MS, max: SETTLE_MAX_MS },
    );

    await saveProfile('load');
    // The producer: a tick of changes every TICK_MS on a schedule (a late tick is not made up in a burst).
    let isRunning = true;
    let written = 0;
    const appliedBefore = server.app.store.state.counters.applied;
    const producerStarted = Date.now();
    const producing = (async () => {
      const started = producerStarted;
      for (let tick = 0; isRunning; tick += 1) {
        const wait = started + tick * TICK_MS - Date.now();
        if (wait > 0) await sleep(wait);
        const batch = changes(Date.now());
        await Promise.all(batch.map((e) => appendEnvelope(producer, e)));
        written += batch.length;
      }
    })();
    let sample: {
      t0: number;
      t1: number;
      seconds: number;
      renderer: number;
      gpu: number;
      busy: number;
      bench: number;
      cpuLongTasks: number;
      cpuLongest: number;
    };
    try {
      await sleep(WARM_UP_MS);
      if (profileDir) await cdp.send('Profiler.start');
      // Each task's CPU time too: on a loaded machine a task's wall time includes waiting for a core.
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      const t0 = await page.evaluate(() => performance.now());
      const [cpu0, busy0, bench0, wall0] = [
        await processCpu(browserCdp),
        await mainThreadBusySeconds(cdp),
        process.cpuUsage(),
        performance.now(),
      ];
      await sleep(phase.liveMs);
      const t1 = await page.evaluate(() => performance.now());
      const [cpu1, busy1, bench1] = [
        await processCpu(browserCdp),
        await mainThreadBusySeconds(cdp),
        process.cpuUsage(bench0),
      ];
      const seconds = (performance.now() - wall0) / 1000;
      await saveProfile('live');
      const trace = await browser.stopTracing();
      const traceDir = process.env.BENCH_BROWSER_TRACE;
      if (traceDir) writeFileSync(path.join(traceDir, `${label}-live.json`), trace);
      const taskCpu = mainThreadTasks(trace).map((task) => task.cpu);
      sample = {
        t0,
        t1,
        seconds,
        renderer: cpuPercent(cpu0, cpu1, 'renderer', seconds),
        gpu: cpuPercent(cpu0, cpu1, 'GPU', seconds),
        busy: (100 * (busy1 - busy0)) / seconds,
        bench: (bench1.user + bench1.system) / 10_000 / seconds,
        cpuLongTasks: taskCpu.filter((ms) => ms > 50).length,
        cpuLongest: Math.max(0, ...taskCpu),
      };
    } finally {
      isRunning = false;
      await producing;
    }
    const producerSeconds = (Date.now() - producerStarted) / 1000;
    await waitFor(
      () => server.app.store.state.counters.applied >= appliedBefore + written,
      30_000,
      'the live events applied',
    );
    // The markers follow at most once per MARKER_UPDATE_MS (1 s): let the last events reach the map.
    await sleep(1500);
    const measured = await page.evaluate(({ t0, t1 }) => {
      const probe = (window as unknown as ProbeWindow).ortalyqProbe;
      const output = document.querySelector('[data-testid="map-marker-count"]');
      return {
        frames: probe.frames.filter((t) => t >= t0 && t <= t1),
        longTasks: probe.longTasks.filter((t) => t.start >= t0 && t.start < t1).map((t) => t.duration),
        openAppeals: Number(output?.getAttribute('data-open-appeals')),
        visibleClusters: Number(output?.getAttribute('data-visible-clusters')),
      };
    }, sample);
    await browserCdp.detach();
    const frames = frameFigures(measured.frames);
    const longest = Math.max(0, ...measured.longTasks);
    const figures: Figures = {
      [`${label} markers`]: phase.markers,
      [`${label} markers shown at the end`]: measured.openAppeals,
      [`${label} clusters drawn`]: measured.visibleClusters,
      [`${label} first render ms (median)`]: median(firstRenders),
      [`${label} first render ms (each load)`]: firstRenders.map((ms) => Math.round(ms)).join(' '),
      [`${label} long tasks during load`]: loadLongTasks.length,
      [`${label} longest long task during load ms`]: Math.max(0, ...loadLongTasks),
      [`${label} events written /s`]: written / producerSeconds,
      [`${label} fps`]: frames.fps,
      [`${label} frames dropped`]: frames.dropped,
      [`${label} longest frame ms`]: frames.longestFrameMs,
      [`${label} long tasks`]: measured.longTasks.length,
      [`${label} longest long task ms`]: longest,
      [`${label} p95 long task ms`]: measured.longTasks.length > 0 ? percentile(measured.longTasks, 0.95) : 0,
      [`${label} tasks over 50 ms of CPU`]: sample.cpuLongTasks,
      [`${label} longest task CPU ms`]: sample.cpuLongest,
      [`${label} renderer CPU % of a core`]: sample.renderer,
      [`${label} renderer main thread busy %`]: sample.busy,
      [`${label} GPU process CPU %`]: sample.gpu,
      [`${label} bench process (server, producer) CPU %`]: sample.bench,
      [`${label} load average`]: loadavg()[0] ?? NaN,
    };
    return { figures, firstRenderMs: median(firstRenders), fps: frames.fps, longestLongTaskMs: longest };
  } finally {
    await context.close();
  }
}

/** The browser case: see the file comment. Stops by itself and deletes its Redis keys. */
export async function benchBrowser(scale: number): Promise<CaseResult> {
  const staticDir = path.resolve(process.env.BENCH_BROWSER_STATIC_DIR ?? 'dist/client');
  await ensureClientBuilt(staticDir);
  const [small, large] = MARKERS.map((n) => Math.max(100, Math.round(n * scale))) as [number, number];
  const liveMs = Math.max(3000, Math.round(MEASURE_MS * scale));
  const prefix = uniquePrefix('bench-browser');
  const traffic = createTraffic(211);
  const producer = await openTestLog(prefix);
  let server: TestServer | null = null;
  const browser = await launchChromium();
  try {
    const ceiling = await rafCeiling(browser);
    // Registered over the last 8 hours (some overdue), as the wall would see a backlog.
    const now = Date.now();
    const preload = Array.from({ length: small }, () => traffic.register(now - traffic.random() * 8 * 3_600_000));
    const open = preload.map(openAppealOf);
    await appendAll(producer, preload);
    server = await startTestServer({ prefix, staticDir, frameIntervalMs: TICK_MS });
    const cookie = await signInOperator(server);
    const changes = createChanges(traffic, open);
    const first = await measurePhase(browser, server, cookie, producer, changes, { markers: small, liveMs });

    const more = Array.from({ length: large - open.length }, () =>
      traffic.register(Date.now() - traffic.random() * 8 * 3_600_000),
    );
    open.push(...more.map(openAppealOf));
    const appliedBefore = server.app.store.state.counters.applied;
    await appendAll(producer, more);
    const live = server;
    await waitFor(
      () => live.app.store.state.counters.applied >= appliedBefore + more.length,
      60_000,
      'the larger backlog applied',
    );
    const second = await measurePhase(browser, server, cookie, producer, changes, { markers: large, liveMs });

    const [s, l] = [countLabel(small), countLabel(large)];
    const figures: Figures = {
      'rAF ceiling (empty page) fps': ceiling,
      'changes per tick': CHANGES_PER_TICK,
      'tick ms': TICK_MS,
      'measured s': liveMs / 1000,
      ...first.figures,
      ...second.figures,
      cores: availableParallelism(),
    };
    const targets: TargetCheck[] = [
      target(`browser ${s} markers, ${CHANGES_PER_TICK} changes/tick at 10 Hz: fps`, first.fps, '>=', 60, 'fps'),
      target(`browser ${s} markers: longest long task`, first.longestLongTaskMs, '<=', 50, 'ms'),
      target(`browser ${s} markers: first render`, first.firstRenderMs, '<=', 1000, 'ms'),
      target(`browser ${l} markers, same traffic: fps`, second.fps, '>=', 45, 'fps'),
    ];
    return { figures, targets };
  } finally {
    await browser.close();
    await server?.stop();
    await producer.close();
    await deletePrefix(testRedisUrl(), prefix);
  }
}

// `npx tsx bench/browser.ts`: this case alone (BENCH_SCALE applies).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await benchBrowser(Number(process.env.BENCH_SCALE ?? 1));
  console.table(Object.entries(result.figures).map(([k, v]) => ({ browser: k, value: v })));
  console.table(result.targets);
}
