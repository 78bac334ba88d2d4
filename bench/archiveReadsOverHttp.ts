/**
 * The HTTP half of the archive reads bench (bench/archiveQueries.ts, whose header says what is
 * measured and why in two phases): the real server process on a generated archive, signed in,
 * then the by-id phase and the lists' phase, with the CPU each costs a request.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { CATEGORY_CODES, REGIONS, appealSortFieldOf, encodeListCursor, type Appeal } from '@shared';
import { startServerProcess, type SpawnedServer } from '../test/support/serverProcess';
import { createKeepAliveGet, type KeepAliveGet } from './lib/keepAliveGet';
import { cpuSecondsOf, untilQuiet } from './lib/processes';
import { benchRedisUrl, deletePrefix, uniquePrefix } from './lib/redisSetup';
import { percentile } from './lib/stats';

const DAY = 86_400_000;
/** The generated archive's span, newest appeal at `now`. */
export const SPAN_DAYS = 730;
const CLIENTS = 8;

export const BY_ID_NAMES = ['memoryByIdBaseline', 'byIdWithTimeline'] as const;
export const LIST_NAMES = ['region30Days', 'regionYear', 'categoryStatusYear', 'keysetPage50'] as const;
type QueryName = (typeof BY_ID_NAMES)[number] | (typeof LIST_NAMES)[number];

/** The bench's requests: each name draws a URL path (the same seeded sequence every run). */
function queryPaths(n: number, now: number, liveIds: readonly string[]): Record<QueryName, () => string> {
  const year = new Date(now - 365 * DAY).toISOString();
  const month = new Date(now - 30 * DAY).toISOString();
  const step = (SPAN_DAYS * DAY) / n;
  const regions = REGIONS.map((r) => r.code);
  const sort = '-registeredAt' as const;
  let seed = 1;
  const rand = (k: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % k;
  };
  const list = (query: string): string => `/api/appeals?sort=${sort}&limit=50&${query}`;
  return {
    // The same-run baseline: an appeal the live projection holds (the demo's traffic), by id over
    // the same HTTP stack, auth and presenting — what this machine's load alone costs a request.
    memoryByIdBaseline: () => `/api/appeals/${liveIds[rand(liveIds.length)] ?? 'none'}`,
    byIdWithTimeline: () => `/api/appeals/A-B-${n - rand(Math.floor(n / 10))}`,
    region30Days: () => list(`region=${regions[rand(regions.length)]}&from=${month}`),
    regionYear: () => list(`region=${regions[rand(regions.length)]}&from=${year}`),
    categoryStatusYear: () =>
      list(
        `category=${CATEGORY_CODES[rand(CATEGORY_CODES.length)]}&status=${rand(2) === 0 ? 'closed' : 'rejected'}&from=${year}`,
      ),
    keysetPage50: () => {
      // A position within the newest year (the period searched), as a previous page would have handed out.
      const g = n - rand(Math.floor((365 / SPAN_DAYS) * n) - 1);
      const last = { id: `A-B-${g}`, registeredAt: now - (n - g) * step } as Appeal;
      return list(`from=${year}&cursor=${encodeListCursor(sort, appealSortFieldOf(sort), last)}`);
    },
  };
}

/** CPU seconds used so far by the processes a phase is charged to. */
export interface CpuMeters {
  server(): number;
  /** Each PostgreSQL backend of the archive's database, by pid (PGlite runs inside the server: none). */
  database(): Promise<Map<number, number>>;
}

/** CPU seconds the backends used between two readings: a backend new since `before` counts whole, one gone is lost. */
function backendsDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, seconds] of after) sum += seconds - (before.get(pid) ?? 0);
  return after.size === 0 ? Number.NaN : sum;
}

/**
 * One phase: 8 closed-loop clients over one keep-alive Agent for `seconds`, each cycling
 * through `names`. p95 and count per query; CPU per request (ms) of the server, the database
 * backends and this bench process, over every request of the phase.
 */
async function runPhase(
  client: KeepAliveGet,
  paths: Record<QueryName, () => string>,
  names: readonly QueryName[],
  seconds: number,
  cpu: CpuMeters,
): Promise<{ queries: Record<string, number>; phase: Record<string, number> }> {
  const samples = new Map<QueryName, number[]>(names.map((name) => [name, []]));
  let errors = 0;
  const before = { server: cpu.server(), database: await cpu.database(), client: process.cpuUsage() };
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, id) => {
      for (let i = id; performance.now() < until; i += 1) {
        const name = names[i % names.length] as QueryName;
        const startedAt = performance.now();
        const status = await client.get(paths[name]());
        if (status !== 200) errors += 1;
        else samples.get(name)?.push(performance.now() - startedAt);
      }
    }),
  );
  const clientCpu = process.cpuUsage(before.client);
  const requests = [...samples.values()].reduce((sum, list) => sum + list.length, errors);
  const perRequestMs = (cpuSeconds: number): number => Math.round((cpuSeconds / requests) * 1e5) / 100;
  const phase: Record<string, number> = {
    errors,
    requestsPerSecond: Math.round(requests / seconds),
    serverCpuMsPerRequest: perRequestMs(cpu.server() - before.server),
    databaseCpuMsPerRequest: perRequestMs(backendsDelta(before.database, await cpu.database())),
    clientCpuMsPerRequest: perRequestMs((clientCpu.user + clientCpu.system) / 1e6),
  };
  const queries: Record<string, number> = {};
  for (const [name, list] of samples) {
    queries[`${name}P95Ms`] = Math.round(percentile(list, 0.95) * 100) / 100;
    // Beside p95: a single connection (PGlite) held by a write answers most reads fast and a
    // few very late, which p95 alone hides (requests/s then says less than 8 ÷ p95).
    queries[`${name}P99Ms`] = Math.round(percentile(list, 0.99) * 100) / 100;
    queries[`${name}Count`] = list.length;
  }
  return { queries, phase };
}

/**
 * Preloaded into the server under test (NODE_OPTIONS --import of a data: URL, so the real entry
 * point runs unchanged): its event-loop delay, printed as `loop-delay {…}` on SIGUSR2, then reset.
 * With ARCHIVE_BENCH_CPU_PROFILE=<dir> each SIGUSR2 also ends the CPU profile running (written
 * as <dir>/phase-<n>.cpuprofile: 1 the by-id phase, 2 the lists) and starts the next, before
 * it answers, so a profile covers one phase and writing it falls outside both.
 */
const LOOP_PROBE = `import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const dir = process.env.ARCHIVE_BENCH_CPU_PROFILE;
const session = dir ? new Session() : null;
const post = (method) => new Promise((resolve, reject) => session.post(method, (e, r) => (e ? reject(e) : resolve(r))));
let phase = 0;
if (session) session.connect();
process.on('SIGUSR2', async () => {
  if (session) {
    if (phase > 0) writeFileSync(dir + '/phase-' + phase + '.cpuprofile', JSON.stringify((await post('Profiler.stop')).profile));
    else await post('Profiler.enable');
    phase += 1;
    await post('Profiler.start');
  }
  process.stdout.write('loop-delay ' + JSON.stringify({ p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 }) + '\\n');
  delay.reset();
});`;

/** The server's event-loop delay since the last reading (LOOP_PROBE answers SIGUSR2). */
async function loopDelay(server: SpawnedServer): Promise<Record<string, number>> {
  const before = server.output().split('loop-delay ').length;
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 200; i += 1) {
    const parts = server.output().split('loop-delay ');
    if (parts.length > before) {
      const delay = JSON.parse((parts.at(-1) as string).split('\n')[0] as string) as { p99Ms: number; maxMs: number };
      return {
        serverEventLoopP99Ms: Math.round(delay.p99Ms * 100) / 100,
        serverEventLoopMaxMs: Math.round(delay.maxMs),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { serverEventLoopP99Ms: Number.NaN, serverEventLoopMaxMs: Number.NaN };
}

/** Each key of `figures` under `prefix.`. */
const prefixed = (prefix: string, figures: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(figures).map(([key, value]) => [`${prefix}.${key}`, value]));

/**
 * Spawns the real server on the archive, signs in the national (demo) operator, then the two
 * phases: by id (the archive's and the memory baseline, interleaved), then the lists' mix.
 */
export async function measureOverHttp(
  env: Record<string, string>,
  n: number,
  now: number,
  seconds: number,
  databaseCpu: () => Promise<Map<number, number>> = () => Promise.resolve(new Map()),
  /**
   * Whether the report rollups are current (no dirty day before yesterday): the demo's start-up
   * backlog marks 28 days, whose recompute on a 10 M archive ran through both phases (server CPU
   * per request 3×, event-loop p99 ~420 ms). Measured once true, or after 5 minutes (printed).
   */
  isRollupSettled: () => Promise<boolean> = () => Promise.resolve(true),
): Promise<Record<string, number>> {
  const prefix = uniquePrefix('bench-archq');
  const profileDir = process.env.ARCHIVE_BENCH_CPU_PROFILE;
  const server = await startServerProcess(
    {
      ...env,
      REDIS_URL: benchRedisUrl(),
      REDIS_PREFIX: prefix,
      HOST: '127.0.0.1',
      DEMO: 'true',
      SIM_HISTORY_DAYS: '0',
      SIM_BACKFILL_MINUTES: '0',
      NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(LOOP_PROBE)}`,
      ...(profileDir ? { ARCHIVE_BENCH_CPU_PROFILE: path.resolve(profileDir) } : {}),
    },
    120_000,
  );
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password: 'ortalyq-operator' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    // The archive opens in the background (503 until then): wait for the first archived answer.
    const openedAt = performance.now();
    for (;;) {
      const res = await fetch(`${server.url}/api/appeals/A-B-${n}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status === 200) break;
      if (performance.now() - openedAt > 300_000) throw new Error(`the archive never answered (${res.status})`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const archiveOpenSeconds = Math.round((performance.now() - openedAt) / 100) / 10;
    // Measured in the steady state: the demo's live traffic only, not its start-up backlog
    // (~26 k entries) and the rollups of those days, which took the first minutes.
    const rollupStartedAt = performance.now();
    while (!(await isRollupSettled()) && performance.now() - rollupStartedAt < 300_000) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const rollupSettleSeconds = Math.round((performance.now() - rollupStartedAt) / 1000);
    const settleSeconds = await untilQuiet(0.8);
    const live = (await (await fetch(`${server.url}/api/appeals?limit=20`, { headers: { cookie } })).json()) as {
      items: { id: string }[];
    };
    const paths = queryPaths(
      n,
      now,
      live.items.map((item) => item.id),
    );
    const client = createKeepAliveGet(server.url, { cookie }, CLIENTS);
    const pid = server.child.pid as number;
    const cpu: CpuMeters = { server: () => cpuSecondsOf(pid), database: databaseCpu };
    try {
      await loopDelay(server);
      const byId = await runPhase(client, paths, BY_ID_NAMES, seconds, cpu);
      const byIdDelay = await loopDelay(server);
      const lists = await runPhase(client, paths, LIST_NAMES, seconds, cpu);
      const listsDelay = await loopDelay(server);
      return {
        archiveOpenSeconds,
        rollupSettleSeconds,
        settleSeconds,
        loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
        ...byId.queries,
        ...lists.queries,
        ...prefixed('byIdPhase', { ...byId.phase, ...byIdDelay }),
        ...prefixed('listPhase', { ...lists.phase, ...listsDelay }),
      };
    } finally {
      client.close();
    }
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    await deletePrefix(benchRedisUrl(), prefix);
  }
}
