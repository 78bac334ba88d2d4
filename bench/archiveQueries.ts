/**
 * Archive reads at volume, over HTTP against the real server process (issue 16): N archived
 * appeals generated in SQL (`generate_series`: two years of them, regions weighted by
 * population, every category, channels, priorities, statuses; events — a whole timeline each —
 * for the newest tenth), then `server/src/index.ts` spawned on that archive (PostgreSQL by
 * `DATABASE_URL`, or PGlite under `DATA_DIR`) with its demo traffic live, and 8 concurrent
 * HTTP clients signed in as the demo's national operator for a fixed time: `GET /api/appeals/:id`
 * (appeal + timeline, audited), and the fixed mix of `GET /api/appeals?from=…` — one region ×
 * 30 days, one region × a year, national category + status × a year, a keyset page of 50 deep
 * in a national year, measured once the machine is quiet (`settleSeconds`: the demo's start-up
 * backlog written and its days' rollups recomputed). p95 per query; the server's own event-loop
 * delay beside (a preload, LOOP_PROBE). Sizes: the caller's, or ARCHIVE_BENCH_APPEALS (PostgreSQL) and
 * ARCHIVE_BENCH_PGLITE_APPEALS (PGlite). The generated database is dropped afterwards.
 * `total` in these answers is a count capped at 10,000 (appealSearch TOTAL_CAP), not a rollup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CATEGORY_CODES, REGIONS, appealSortFieldOf, encodeListCursor, type Appeal } from '@shared';
import type { ArchiveDb } from '../server/src/archive/archiveDb';
import { migrate } from '../server/src/archive/migrate';
import { createPgArchiveDb } from '../server/src/archive/pgArchiveDb';
import { createPgliteArchiveDb } from '../server/src/archive/pgliteArchiveDb';
import { createTestDatabase } from '../test/support/postgres';
import { startServerProcess, type SpawnedServer } from '../test/support/serverProcess';
import { target, type CaseResult } from './lib/figures';
import { untilQuiet } from './lib/processes';
import { benchRedisUrl, deletePrefix, uniquePrefix } from './lib/redisSetup';
import { percentile } from './lib/stats';

const DAY = 86_400_000;
const CLIENTS = 8;
const SPAN_DAYS = 730;
const TABLES = ['appeals', 'appeal_events'];

const sizeFrom = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : fallback;
};

/** Region codes repeated by population (one per ~100,000 people): Almaty and Astana write most. */
const WEIGHTED_REGIONS = REGIONS.flatMap((r) =>
  Array<string>(Math.max(1, Math.round(r.population / 1e5))).fill(r.code),
);
const sqlArray = (list: readonly string[]): string => `ARRAY[${list.map((v) => `'${v}'`).join(',')}]`;
/** Deterministic pseudo-random pick in SQL: Knuth's multiplicative hash of g. */
const pick = (list: readonly string[], salt: number): string =>
  `(${sqlArray(list)})[1 + ((g * 2654435761 + ${salt}) % ${list.length})]`;

/** Secondary indexes and primary keys of the generated tables, dropped for the bulk load and built after. */
async function dropIndexes(db: ArchiveDb): Promise<string[]> {
  const { rows } = await db.query<{ name: string; def: string; tbl: string; isKey: boolean }>(
    `SELECT i.indexname AS name, i.indexdef AS def, i.tablename AS tbl, c.conname IS NOT NULL AS "isKey"
       FROM pg_indexes i LEFT JOIN pg_constraint c ON c.conname = i.indexname
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])`,
    [TABLES],
  );
  const drops = rows.map((r) =>
    r.isKey ? `ALTER TABLE ${r.tbl} DROP CONSTRAINT ${r.name};` : `DROP INDEX ${r.name};`,
  );
  await db.exec(drops.join('\n'));
  return rows.map((r) =>
    r.isKey ? `ALTER TABLE ${r.tbl} ADD PRIMARY KEY (${r.tbl === 'appeals' ? 'id' : 'event_id'});` : `${r.def};`,
  );
}

/** Fills the archive with `n` appeals over two years before `now`, events for the newest n/10. */
export async function generateArchive(db: ArchiveDb, n: number, now: number): Promise<{ seconds: number }> {
  const startedAt = performance.now();
  const end = new Date(now).toISOString();
  const openFrom = n - Math.ceil(n / 100);
  const t = `'${end}'::timestamptz - (${n} - g) * (interval '${SPAN_DAYS} days' / ${n})`;
  const rebuild = await dropIndexes(db);
  await db.exec(`
    INSERT INTO appeals (id, region, category, channel, priority, status, service, lat, lng, address, description,
      citizen_name, citizen_phone, sla_minutes, registered_at, responded_at, resolved_at, closed_at,
      response_due_at, resolution_due_at, updated_at, last_event_id, last_stream_id, backfilled, legal_due_at)
    SELECT 'A-B-' || g, ${pick(WEIGHTED_REGIONS, 7)}, ${pick(CATEGORY_CODES, 13)},
      ${pick(['call', 'call', 'call', 'app', 'telegram', 'web', 'walk_in'], 3)},
      ${pick(['normal', 'normal', 'normal', 'normal', 'high', 'low', 'emergency'], 5)},
      CASE WHEN g > ${openFrom} THEN 'in_progress' WHEN g % 20 = 0 THEN 'rejected' WHEN g % 10 = 1 THEN 'resolved' ELSE 'closed' END,
      'Служба ' || (g % 40), 43 + (g % 900) / 100.0, 51 + (g % 2900) / 100.0, 'ул. Абая, ' || (g % 300),
      'Обращение ' || g || ': нет отопления в подъезде', 'Гражданин ' || g, '+7 701 ' || lpad((g % 10000000)::text, 7, '0'),
      1440, t, t + interval '20 minutes', t + interval '5 hours', t + interval '6 hours',
      t + interval '1 hour', t + interval '3 days', t + interval '6 hours', 'A-B-' || g || '.e4', '0-' || g, true,
      t + interval '15 days'
    FROM generate_series(1, ${n}) AS g, LATERAL (SELECT ${t} AS t) AS x;
    INSERT INTO appeal_events (event_id, appeal_id, type, at, stream_id, payload, backfilled)
    SELECT 'A-B-' || g || '.e' || k, 'A-B-' || g, type, t + k * interval '1 hour', '0-' || g,
      jsonb_build_object('v', 1, 'id', 'A-B-' || g || '.e' || k, 'type', type, 'at', t + k * interval '1 hour',
        'region', 'KZ-71', 'data', CASE k
          WHEN 0 THEN jsonb_build_object('appealId', 'A-B-' || g, 'channel', 'call', 'category', 'heating',
            'priority', 'normal', 'description', 'Обращение ' || g,
            'location', jsonb_build_object('lat', 51.13, 'lng', 71.43, 'address', 'ул. Абая, 1'),
            'citizen', jsonb_build_object('name', 'Гражданин ' || g, 'phone', '+7 701 234 56 12'))
          WHEN 1 THEN jsonb_build_object('appealId', 'A-B-' || g, 'service', 'Служба ' || (g % 40))
          ELSE jsonb_build_object('appealId', 'A-B-' || g, 'status', (ARRAY['in_progress','resolved','closed'])[k - 1])
        END),
      true
    FROM generate_series(${n - Math.floor(n / 10) + 1}, ${n}) AS g,
      LATERAL generate_series(0, CASE WHEN g > ${openFrom} THEN 2 ELSE 4 END) AS k,
      LATERAL (SELECT ${t} AS t,
        (ARRAY['appeal.registered','appeal.assigned','appeal.status_changed','appeal.status_changed','appeal.status_changed'])[k + 1] AS type) AS x
    ORDER BY g, k;`);
  await db.exec(`SET maintenance_work_mem = '256MB'; ${rebuild.join('\n')}`);
  // As autovacuum would have left a real archive: statistics, and a visibility map for index-only counts.
  for (const table of TABLES) await db.exec(`VACUUM (ANALYZE) ${table}`);
  return { seconds: (performance.now() - startedAt) / 1000 };
}

const QUERY_NAMES = [
  'memoryByIdBaseline',
  'byIdWithTimeline',
  'region30Days',
  'regionYear',
  'categoryStatusYear',
  'keysetPage50',
] as const;
type QueryName = (typeof QUERY_NAMES)[number];

/** 8 clients over HTTP, `seconds` long, each doing by-id and the mix in turn: p95 per query, ms. */
export async function runQueryMix(
  baseUrl: string,
  cookie: string,
  n: number,
  now: number,
  seconds: number,
): Promise<Record<string, number>> {
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
  // The same-run baseline: an appeal the live projection holds (the demo's traffic), by id over
  // the same HTTP stack, auth and audit — what this machine's load alone costs a request.
  const live = (await (await fetch(`${baseUrl}/api/appeals?limit=20`, { headers: { cookie } })).json()) as {
    items: { id: string }[];
  };
  const liveIds = live.items.map((item) => item.id);
  const urls: Record<QueryName, () => string> = {
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
  const samples = Object.fromEntries(QUERY_NAMES.map((name) => [name, [] as number[]])) as Record<QueryName, number[]>;
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = client; performance.now() < until; i += 1) {
        const name = QUERY_NAMES[i % QUERY_NAMES.length] as QueryName;
        const startedAt = performance.now();
        const res = await fetch(`${baseUrl}${urls[name]()}`, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) errors += 1;
        else samples[name].push(performance.now() - startedAt);
      }
    }),
  );
  const figures: Record<string, number> = { errors };
  for (const name of QUERY_NAMES) {
    figures[`${name}P95Ms`] = Math.round(percentile(samples[name], 0.95) * 100) / 100;
    figures[`${name}Count`] = samples[name].length;
  }
  return figures;
}

/**
 * Preloaded into the server under test (NODE_OPTIONS --import of a data: URL, so the real entry
 * point runs unchanged): its event-loop delay, printed as `loop-delay {…}` on SIGUSR2, then reset.
 */
const LOOP_PROBE = `import { monitorEventLoopDelay } from 'node:perf_hooks';
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.on('SIGUSR2', () => {
  process.stdout.write('loop-delay ' + JSON.stringify({ p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 }) + '\\n');
  delay.reset();
});`;

/** The server's event-loop delay since the last reading (LOOP_PROBE answers SIGUSR2). */
async function loopDelay(server: SpawnedServer): Promise<{ p99Ms: number; maxMs: number }> {
  const before = server.output().split('loop-delay ').length;
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 100; i += 1) {
    const parts = server.output().split('loop-delay ');
    if (parts.length > before) return JSON.parse((parts.at(-1) as string).split('\n')[0] as string) as never;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { p99Ms: Number.NaN, maxMs: Number.NaN };
}

/** Spawns the real server on the archive, signs in the national (demo) operator, runs the mix. */
async function measureOverHttp(
  env: Record<string, string>,
  n: number,
  now: number,
  seconds: number,
): Promise<Record<string, number>> {
  const prefix = uniquePrefix('bench-archq');
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
    // The mix is measured in the steady state: the demo's live traffic only, not its start-up
    // backlog (~26 k entries) and the rollups of those days, which took the first minutes.
    const settleSeconds = await untilQuiet(0.8);
    await loopDelay(server);
    const figures = await runQueryMix(server.url, cookie, n, now, seconds);
    const delay = await loopDelay(server);
    return {
      archiveOpenSeconds,
      settleSeconds,
      ...figures,
      serverEventLoopP99Ms: Math.round(delay.p99Ms * 100) / 100,
      serverEventLoopMaxMs: Math.round(delay.maxMs),
    };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    await deletePrefix(benchRedisUrl(), prefix);
  }
}

/** The PostgreSQL run: a fresh database, `n` appeals (ARCHIVE_BENCH_APPEALS), the mix; dropped after. */
export async function benchQueriesPostgres(size: number, seconds: number): Promise<Record<string, number>> {
  const n = sizeFrom('ARCHIVE_BENCH_APPEALS', size);
  const database = await createTestDatabase();
  try {
    const db = createPgArchiveDb({ url: database.url, max: 1 });
    const now = Date.now();
    let generated: { seconds: number };
    let bytes: number;
    try {
      await migrate(db);
      generated = await generateArchive(db, n, now);
      const size = await db.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
      bytes = Number(size.rows[0]?.bytes);
    } finally {
      await db.close();
    }
    const figures = await measureOverHttp({ DATABASE_URL: database.url }, n, now, seconds);
    return {
      appeals: n,
      generateSeconds: Math.round(generated.seconds),
      databaseGb: Math.round((bytes / 2 ** 30) * 100) / 100,
      ...figures,
    };
  } finally {
    await database.drop();
  }
}

/** The PGlite run: `n` appeals (ARCHIVE_BENCH_PGLITE_APPEALS) under a DATA_DIR, the server on it, the mix. */
export async function benchQueriesPglite(size: number, seconds: number): Promise<Record<string, number>> {
  const n = sizeFrom('ARCHIVE_BENCH_PGLITE_APPEALS', size);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ortalyq-archq-'));
  try {
    const db = await createPgliteArchiveDb({ dataDir: path.join(dataDir, 'archive') });
    const now = Date.now();
    let generated: { seconds: number };
    try {
      await migrate(db);
      generated = await generateArchive(db, n, now);
    } finally {
      await db.close();
    }
    const figures = await measureOverHttp({ DATA_DIR: dataDir }, n, now, seconds);
    return { appeals: n, generateSeconds: Math.round(generated.seconds), ...figures };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- archiveQueries`: the reads alone (the `archive` case runs them too, after
 * the catch-up). 1 M appeals on PostgreSQL and 200,000 on PGlite × BENCH_SCALE, or the env sizes.
 */
export async function benchArchiveQueries(scale: number): Promise<CaseResult> {
  const seconds = sizeFrom('ARCHIVE_BENCH_SECONDS', 20);
  const size = (count: number): number => Math.max(1000, Math.round(count * scale));
  const figures: Record<string, number | string> = {};
  const parts = { postgres: benchQueriesPostgres, pglite: benchQueriesPglite };
  const sizes = { postgres: size(1_000_000), pglite: size(200_000) };
  const results: Record<string, Record<string, number>> = {};
  for (const [name, run] of Object.entries(parts) as [keyof typeof parts, typeof benchQueriesPostgres][]) {
    // ARCHIVE_BENCH_PGLITE_APPEALS=0 (or ARCHIVE_BENCH_APPEALS=0) leaves that part out.
    if (process.env[name === 'postgres' ? 'ARCHIVE_BENCH_APPEALS' : 'ARCHIVE_BENCH_PGLITE_APPEALS'] === '0') continue;
    try {
      results[name] = await run(sizes[name], seconds);
      for (const [key, value] of Object.entries(results[name])) figures[`${name}.${key}`] = value;
    } catch (error) {
      figures[`${name}.error`] = (error as Error).message;
    }
  }
  const checks = (name: 'postgres' | 'pglite', factor: number) => {
    const r = results[name] ?? {};
    const label = `archive ${name} (${r.appeals ?? '?'} appeals) over HTTP`;
    return [
      target(`${label}: by id + timeline p95`, r.byIdWithTimelineP95Ms ?? NaN, '<=', 5 * factor, 'ms'),
      ...QUERY_NAMES.slice(2).map((q) => target(`${label}: ${q} p95`, r[`${q}P95Ms`] ?? NaN, '<=', 150 * factor, 'ms')),
    ];
  };
  return { figures, targets: [...checks('postgres', 1), ...checks('pglite', 10)] };
}
