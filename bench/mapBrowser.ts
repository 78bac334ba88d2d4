/**
 * Browser case of `npm run bench`: the wall with the map in headless Chromium over a real
 * server, with 20,000 open appeals on the stream and then 100 events/s for 60 s (the
 * duration scaled by BENCH_SCALE). Long tasks are recorded by a PerformanceObserver
 * installed before any page script runs. Target: no long task over 100 ms after the
 * first load. A trace of the same period gives each task's main-thread CPU time too: on
 * a shared, loaded machine wall times stretch with the load average (printed), CPU times
 * do not. Not a test: it prints figures. Run alone with `npx tsx bench/mapBrowser.ts`.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CATEGORY_CODES,
  REGIONS,
  type CategoryCode,
  type EventEnvelope,
  type Priority,
  type RegionCode,
  type StatusChange,
} from '@shared';
import { DEMO_USERS } from '../server/src/auth/seedUsers';
import type { EventLog } from '../server/src/stream/eventLog';
import { launchChromium } from '../test/support/browser';
import { appealAssigned, appealRegistered, appendEnvelope, uniqueId } from '../test/support/events';
import {
  deletePrefix,
  openTestLog,
  startTestServer,
  testRedisUrl,
  uniquePrefix,
  type TestServer,
} from '../test/support/testServer';

/** Open appeals on the stream before the page opens. */
const PRELOADED_APPEALS = 20_000;
const EVENTS_PER_SECOND = 100;
const LIVE_SECONDS = 60;
/** The target: no long task longer than this after the first load. */
const TARGET_MS = 100;
/** The first load has settled once the page ran this long without a long task (capped by SETTLE_MAX_MS). */
const SETTLE_QUIET_MS = 2000;
const SETTLE_MAX_MS = 30_000;

/** Deterministic pseudo-random numbers, so every run loads the same country. */
function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return (weighted[weighted.length - 1] as readonly [T, number])[0];
}

const PRIORITY_MIX = [
  ['low', 15],
  ['normal', 55],
  ['high', 28],
  ['emergency', 2],
] as const satisfies readonly (readonly [Priority, number])[];
/** Utilities carry most appeals (as in winter); the rest share what is left. */
const CATEGORY_MIX: readonly (readonly [CategoryCode, number])[] = CATEGORY_CODES.map((code) => [
  code,
  ['heating', 'water_sewer', 'electricity', 'winter_upkeep', 'lifts'].includes(code) ? 6 : 1,
]);
/** Regions by population: a city of 2 million sends more appeals than a steppe oblast. */
const REGION_MIX: readonly (readonly [(typeof REGIONS)[number], number])[] = REGIONS.map((r) => [r, r.population]);

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * A point where appeals come from: most near the region's centre (its towns), some spread
 * over the region; cities stay tight. Clamped to Kazakhstan's box.
 */
function locationIn(random: () => number, region: (typeof REGIONS)[number]): { lat: number; lng: number } {
  const spread = region.kind === 'city' ? 0.06 : random() < 0.6 ? 0.12 : 0.9;
  const lat = Math.min(55.3, Math.max(40.7, region.lat + gaussian(random) * spread));
  const lng = Math.min(87.2, Math.max(46.6, region.lng + gaussian(random) * spread * 1.5));
  return { lat: Math.round(lat * 1e5) / 1e5, lng: Math.round(lng * 1e5) / 1e5 };
}

interface Tracked {
  appealId: string;
  region: RegionCode;
  /** What the next event about it may be. */
  stage: 'registered' | 'assigned' | 'in_progress' | 'resolved';
}

/** The traffic of one run: appeals with the state needed to send sensible follow-ups. */
export function createTraffic(seed: number) {
  const random = createRandom(seed);
  const open: Tracked[] = [];

  const register = (at: number, priority?: Priority): EventEnvelope => {
    const region = pick(random, REGION_MIX);
    const base = appealRegistered({ region: region.code, at: new Date(at).toISOString() });
    const data = base.data as Record<string, unknown>;
    const envelope = {
      ...base,
      data: {
        ...data,
        category: pick(random, CATEGORY_MIX),
        priority: priority ?? pick(random, PRIORITY_MIX),
        location: { ...locationIn(random, region), address: 'ул. Абая, 1' },
      },
    } as EventEnvelope;
    open.push({ appealId: data.appealId as string, region: region.code, stage: 'registered' });
    return envelope;
  };

  const statusChanged = (t: Tracked, status: StatusChange, at: number): EventEnvelope => ({
    v: 1,
    id: uniqueId('evt'),
    type: 'appeal.status_changed',
    at: new Date(at).toISOString(),
    region: t.region,
    data: { appealId: t.appealId, status },
  });

  /** The next step of a random open appeal: assigned → in progress → resolved → closed. */
  const advance = (at: number, wanted: Tracked['stage']): EventEnvelope | null => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const i = Math.floor(random() * open.length);
      const t = open[i];
      if (!t || t.stage !== wanted) continue;
      switch (t.stage) {
        case 'registered':
          t.stage = 'assigned';
          return appealAssigned(t.appealId, t.region, new Date(at).toISOString());
        case 'assigned':
          t.stage = 'in_progress';
          return statusChanged(t, 'in_progress', at);
        case 'in_progress':
          t.stage = 'resolved';
          return statusChanged(t, 'resolved', at);
        case 'resolved':
          open[i] = open[open.length - 1] as Tracked;
          open.pop();
          return statusChanged(t, 'closed', at);
      }
    }
    return null;
  };

  const incident = (at: number): EventEnvelope => {
    const region = pick(random, REGION_MIX);
    return {
      v: 1,
      id: uniqueId('evt'),
      type: 'incident.opened',
      at: new Date(at).toISOString(),
      region: region.code,
      data: {
        incidentId: uniqueId('I'),
        title: 'Авария на теплотрассе',
        category: 'heating',
        severity: 'critical',
        location: locationIn(random, region),
      },
    } as EventEnvelope;
  };

  /** One live event: new appeals, assignments and status changes, now and then an emergency. */
  const live = (at: number): EventEnvelope => {
    const r = random();
    if (r < 0.005) return incident(at);
    if (r < 0.025) return register(at, 'emergency');
    if (r < 0.4) return register(at);
    const stage = r < 0.65 ? 'registered' : r < 0.8 ? 'assigned' : r < 0.92 ? 'in_progress' : 'resolved';
    return advance(at, stage) ?? register(at);
  };

  return { random, register, advance, live, openCount: () => open.length };
}

/** XADDs in pipelined batches (the stream contract: one field `event`). */
export async function appendAll(log: EventLog, envelopes: readonly EventEnvelope[]): Promise<void> {
  for (let i = 0; i < envelopes.length; i += 500) {
    await Promise.all(envelopes.slice(i, i + 500).map((e) => appendEnvelope(log, e)));
  }
}

interface LongTask {
  start: number;
  duration: number;
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The page's main-thread tasks from a Chrome trace (`RunTask` events): wall and CPU
 * (thread) time of each, in ms. On a loaded machine a task's wall time includes the time
 * its thread waited for a core; its CPU time is what the page's own code cost.
 */
export function mainThreadTasks(trace: Buffer): { wall: number; cpu: number }[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, { wall: number; cpu: number }[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'RunTask' || !mains.has(thread)) continue;
    const list = byThread.get(thread) ?? [];
    list.push({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 });
    byThread.set(thread, list);
  }
  // A spare renderer may exist; the page's is the busy one.
  const busiest = (list: { cpu: number }[]) => list.reduce((sum, t) => sum + t.cpu, 0);
  return [...byThread.values()].sort((a, b) => busiest(b) - busiest(a))[0] ?? [];
}

export interface MapBrowserFigures {
  preloadedAppeals: number;
  liveEvents: number;
  liveSeconds: number;
  firstLoadMs: number;
  longTasksDuringLoad: number;
  /** Long tasks (PerformanceObserver 'longtask', > 50 ms wall) after the first load. */
  longTasksAfterLoad: number;
  longestAfterLoadMs: number;
  p95AfterLoadMs: number;
  /** The target: no long task over 100 ms after the first load. */
  targetMet: boolean;
  /** The same tasks by main-thread CPU time (trace): tasks over 50 ms, the longest. */
  cpuLongTasksAfterLoad: number;
  cpuLongestAfterLoadMs: number;
  /** Main-thread CPU time over the live period, as a share of it (%). */
  cpuMainThreadBusyPercent: number;
  /** This process (server, producer) over the same period, % of one core: it competes for the same cores. */
  serverCpuPercent: number;
  /** 1-minute load average of the machine at the end, and its cores: wall times above stretch with it. */
  loadAverage: number;
  cores: number;
}

/** The newest modification time (ms) of any file under these paths. */
function newestChange(paths: readonly string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const stat = statSync(p);
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else for (const entry of readdirSync(p)) newest = Math.max(newest, newestChange([path.join(p, entry)]));
  }
  return newest;
}

/**
 * Builds the client bundle the server serves (as test/e2e/globalSetup.ts does) unless one
 * newer than every client and shared source is there: a stale bundle would be measured.
 */
export async function ensureClientBuilt(staticDir: string): Promise<void> {
  const index = path.join(staticDir, 'index.html');
  const sources = newestChange(['client', 'shared', 'vite.config.ts', 'package-lock.json']);
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const { build } = await import('vite');
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
}

/** Signs the demo operator in through the real login route; returns the session cookie. */
export async function signInOperator(server: TestServer): Promise<{ name: string; value: string }> {
  const operator = DEMO_USERS.find((u) => u.role === 'operator');
  if (!operator) throw new Error('no demo operator');
  await server.app.access.users.add(operator);
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: operator.username, password: operator.password }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const [name = '', value = ''] = (login.headers.get('set-cookie') ?? '').split(';')[0]?.split('=') ?? [];
  return { name, value };
}

/**
 * The map case: see the file comment. Stops by itself and cleans up after itself.
 * BENCH_MAP_STATIC_DIR serves another client build (an A/B comparison);
 * BENCH_MAP_PROFILE=file.cpuprofile saves a CPU profile of the page during the live
 * traffic, BENCH_MAP_TRACE=file.json its Chrome trace, BENCH_MAP_SCREENSHOT=file.png a
 * screenshot at the end.
 */
export async function benchMapBrowser(scale = 1): Promise<MapBrowserFigures> {
  const staticDir = path.resolve(process.env.BENCH_MAP_STATIC_DIR ?? 'dist/client');
  await ensureClientBuilt(staticDir);
  const prefix = uniquePrefix('bench-map');
  const liveSeconds = Math.max(1, Math.round(LIVE_SECONDS * scale));
  const traffic = createTraffic(109);
  const producer = await openTestLog(prefix);
  let server: TestServer | null = null;
  const browser = await launchChromium();
  try {
    // The backlog: registered over the last 8 hours (so some are overdue), a third of it already taken.
    const now = Date.now();
    const preload: EventEnvelope[] = [];
    for (let i = 0; i < PRELOADED_APPEALS; i += 1)
      preload.push(traffic.register(now - traffic.random() * 8 * 3_600_000));
    for (let i = 0; i < PRELOADED_APPEALS / 3; i += 1) {
      const assigned = traffic.advance(now - 60_000, 'registered');
      if (assigned) preload.push(assigned);
    }
    await appendAll(producer, preload);

    server = await startTestServer({ prefix, staticDir, frameIntervalMs: 200 });
    const cookie = await signInOperator(server);
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addCookies([{ ...cookie, url: server.url }]);
    await context.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      (window as unknown as { benchLongTasks: typeof tasks }).benchLongTasks = tasks;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();

    // First load: navigation until the map's markers show the whole backlog.
    const loadStarted = performance.now();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(
      (expected) =>
        Number(document.querySelector('[data-testid="map-marker-count"]')?.getAttribute('data-open-appeals')) >=
        expected,
      PRELOADED_APPEALS,
      { timeout: 120_000, polling: 100 },
    );
    const firstLoadMs = performance.now() - loadStarted;

    // Settled: SETTLE_QUIET_MS without a long task (or SETTLE_MAX_MS, whichever comes first).
    const settledAt = await page.evaluate(
      async ({ quiet, max }) => {
        const tasks = (window as unknown as { benchLongTasks: { start: number; duration: number }[] }).benchLongTasks;
        const started = performance.now();
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          const t = performance.now();
          const last = tasks.at(-1);
          const lastEnd = last ? last.start + last.duration : 0;
          if (t - lastEnd >= quiet || t - started >= max) return t;
        }
      },
      { quiet: SETTLE_QUIET_MS, max: SETTLE_MAX_MS },
    );

    const profilePath = process.env.BENCH_MAP_PROFILE;
    const cdp = profilePath ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });

    // Live traffic, on a schedule (an append that falls behind is not made up in a burst).
    const total = EVENTS_PER_SECOND * liveSeconds;
    const started = Date.now();
    const liveStarted = performance.now();
    const cpuStarted = process.cpuUsage();
    for (let i = 0; i < total; i += 1) {
      const wait = started + (i * 1000) / EVENTS_PER_SECOND - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await appendEnvelope(producer, traffic.live(Date.now()));
    }
    await page.waitForTimeout(1500);

    const trace = await browser.stopTracing();
    if (process.env.BENCH_MAP_TRACE) writeFileSync(process.env.BENCH_MAP_TRACE, trace);
    const cpuTasks = mainThreadTasks(trace);
    const liveMs = performance.now() - liveStarted;
    const serverCpu = process.cpuUsage(cpuStarted);
    if (cdp && profilePath) writeFileSync(profilePath, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const screenshotPath = process.env.BENCH_MAP_SCREENSHOT;
    if (screenshotPath) await page.screenshot({ path: screenshotPath });
    const tasks = await page.evaluate(() =>
      (window as unknown as { benchLongTasks: LongTask[] }).benchLongTasks.slice(),
    );
    await context.close();

    const after = tasks
      .filter((t) => t.start >= settledAt)
      .map((t) => t.duration)
      .sort((a, b) => a - b);
    const longest = after.at(-1) ?? 0;
    const cpu = cpuTasks.map((t) => t.cpu);
    return {
      preloadedAppeals: PRELOADED_APPEALS,
      liveEvents: total,
      liveSeconds,
      firstLoadMs: Math.round(firstLoadMs),
      longTasksDuringLoad: tasks.length - after.length,
      longTasksAfterLoad: after.length,
      longestAfterLoadMs: round(longest),
      p95AfterLoadMs: round(percentile(after, 0.95)),
      targetMet: longest <= TARGET_MS,
      cpuLongTasksAfterLoad: cpu.filter((ms) => ms > 50).length,
      cpuLongestAfterLoadMs: round(Math.max(0, ...cpu)),
      cpuMainThreadBusyPercent: round((100 * cpu.reduce((sum, ms) => sum + ms, 0)) / liveMs),
      serverCpuPercent: round((100 * (serverCpu.user + serverCpu.system)) / 1000 / liveMs),
      loadAverage: round(loadavg()[0] ?? NaN),
      cores: availableParallelism(),
    };
  } finally {
    await browser.close();
    await server?.stop();
    await producer.close();
    await deletePrefix(testRedisUrl(), prefix);
  }
}

// `npx tsx bench/mapBrowser.ts`: this case alone (BENCH_SCALE applies).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const figures = await benchMapBrowser(Number(process.env.BENCH_SCALE ?? 1));
  console.table(Object.entries(figures).map(([k, v]) => ({ map: k, value: v })));
}
