/**
 * Archive reads at volume: N appeals generated in SQL (`generate_series`, a year of them,
 * newest first), events (five each) for the newest tenth, then 8 concurrent clients for a
 * fixed time: an appeal by id with its timeline, and a fixed mix — one region × 30 days, one
 * region × a year, national category + status × a year, a keyset page of 50 deep in the list.
 * Reads go through the archive reader (`createArchiveReader`) where it has the query; the
 * category + status search is not in the reader yet (helper archread adds HTTP search): it
 * runs the same keyset SQL directly. On PGlite, the main thread's event-loop delay is printed
 * beside (the queries run in PGlite's worker; the delay is what the live dashboard would feel).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CATEGORY_CODES, REGIONS } from '@shared';
import type { ArchiveDb } from '../server/src/archive/archiveDb';
import { createArchiveReader } from '../server/src/archive/archiveReader';
import { migrate } from '../server/src/archive/migrate';
import { createPgArchiveDb } from '../server/src/archive/pgArchiveDb';
import { createPgliteArchiveDb } from '../server/src/archive/pgliteArchiveDb';
import { createTestDatabase } from '../test/support/postgres';
import { percentile } from './lib/stats';

const DAY = 86_400_000;
const CLIENTS = 8;
const REGION_CODES = REGIONS.map((r) => r.code);

/** Deterministic pseudo-random pick in SQL: Knuth's multiplicative hash of g. */
const pick = (list: readonly string[], salt: number): string =>
  `(ARRAY[${list.map((v) => `'${v}'`).join(',')}])[1 + ((g * 2654435761 + ${salt}) % ${list.length})]`;

/** Fills the archive with `n` appeals over the year before `now` and events for the newest n/10. */
export async function generateArchive(db: ArchiveDb, n: number, now: number): Promise<{ seconds: number }> {
  const startedAt = performance.now();
  const end = new Date(now).toISOString();
  const step = `(interval '365 days' / ${n})`;
  await db.exec(`
    INSERT INTO appeals (id, region, category, channel, priority, status, lat, lng, description,
      citizen_name, citizen_phone, registered_at, responded_at, resolved_at, closed_at,
      response_due_at, resolution_due_at, updated_at, last_event_id, last_stream_id, backfilled)
    SELECT 'A-B-' || g, ${pick(REGION_CODES, 7)}, ${pick(CATEGORY_CODES, 13)}, 'call', 'normal',
      CASE WHEN g > ${n} - ${Math.ceil(n / 100)} THEN 'in_progress' WHEN g % 31 = 0 THEN 'rejected' ELSE 'closed' END,
      43 + (g % 900) / 100.0, 51 + (g % 2900) / 100.0, 'Сгенерированное обращение ' || g,
      'Гражданин ' || g, '+7 701 ' || lpad((g % 10000000)::text, 7, '0'),
      t, t + interval '20 minutes', t + interval '5 hours', t + interval '6 hours',
      t + interval '1 hour', t + interval '3 days', t + interval '6 hours', 'A-B-' || g || '.e4', '0-' || g, true
    FROM generate_series(1, ${n}) AS g, LATERAL (SELECT '${end}'::timestamptz - (${n} - g) * ${step} AS t) AS x;
    INSERT INTO appeal_events (event_id, appeal_id, type, at, stream_id, payload, backfilled)
    SELECT 'A-B-' || g || '.e' || k, 'A-B-' || g, (ARRAY['appeal.registered','appeal.assigned','appeal.status_changed','appeal.status_changed','appeal.status_changed'])[k + 1],
      t + k * interval '1 hour', '0-' || g,
      jsonb_build_object('v', 1, 'id', 'A-B-' || g || '.e' || k, 'at', t + k * interval '1 hour', 'data',
        jsonb_build_object('appealId', 'A-B-' || g, 'status', (ARRAY['registered','assigned','in_progress','resolved','closed'])[k + 1])),
      true
    FROM generate_series(${n - Math.floor(n / 10) + 1}, ${n}) AS g, generate_series(0, 4) AS k,
      LATERAL (SELECT '${end}'::timestamptz - (${n} - g) * ${step} AS t) AS x
    ORDER BY g, k;
    ANALYZE appeals; ANALYZE appeal_events;`);
  return { seconds: (performance.now() - startedAt) / 1000 };
}

type QueryName = 'byIdWithTimeline' | 'region30Days' | 'regionYear' | 'categoryStatusYear' | 'keysetPage50';

/** 8 clients, `seconds` long, each doing by-id and the mix in turn; p95 per query, ms. */
export async function runQueryMix(
  db: ArchiveDb,
  n: number,
  now: number,
  seconds: number,
): Promise<Record<string, number>> {
  const reader = createArchiveReader(db);
  const year = new Date(now - 365 * DAY).toISOString();
  const month = new Date(now - 30 * DAY).toISOString();
  const step = (365 * DAY) / n;
  const withEvents = Math.floor(n / 10);
  const samples: Record<QueryName, number[]> = {
    byIdWithTimeline: [],
    region30Days: [],
    regionYear: [],
    categoryStatusYear: [],
    keysetPage50: [],
  };
  let seed = 1;
  const rand = (k: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % k;
  };
  const queries: Record<QueryName, () => Promise<unknown>> = {
    byIdWithTimeline: () => reader.getAppeal(`A-B-${n - rand(withEvents)}`),
    region30Days: () => reader.listAppeals({ region: REGION_CODES[rand(20)] as string, from: month, limit: 50 }),
    regionYear: () => reader.listAppeals({ region: REGION_CODES[rand(20)] as string, from: year, limit: 50 }),
    categoryStatusYear: () =>
      db.query(
        `SELECT * FROM appeals WHERE category = $1 AND status = $2 AND registered_at >= $3
          ORDER BY registered_at DESC, id DESC LIMIT 50`,
        [CATEGORY_CODES[rand(CATEGORY_CODES.length)], rand(2) === 0 ? 'closed' : 'rejected', year],
      ),
    keysetPage50: () => {
      const g = 1 + rand(n);
      const key = { registeredAt: new Date(now - (n - g) * step).toISOString(), id: `A-B-${g}` };
      return reader.listAppeals({ limit: 50, after: key });
    },
  };
  const names = Object.keys(queries) as QueryName[];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = client; performance.now() < until; i += 1) {
        const name = names[i % names.length] as QueryName;
        const startedAt = performance.now();
        await queries[name]();
        samples[name].push(performance.now() - startedAt);
      }
    }),
  );
  const figures: Record<string, number> = {};
  for (const name of names) {
    figures[`${name}P95Ms`] = Math.round(percentile(samples[name], 0.95) * 100) / 100;
    figures[`${name}Count`] = samples[name].length;
  }
  return figures;
}

/** The PostgreSQL run: a fresh database, `n` appeals, the mix. */
export async function benchQueriesPostgres(n: number, seconds: number): Promise<Record<string, number>> {
  const database = await createTestDatabase();
  const db = createPgArchiveDb({ url: database.url, max: CLIENTS });
  try {
    await migrate(db);
    const now = Date.now();
    const generated = await generateArchive(db, n, now);
    const size = await db.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    const figures = await runQueryMix(db, n, now, seconds);
    return {
      appeals: n,
      generateSeconds: Math.round(generated.seconds),
      databaseGb: Math.round((Number(size.rows[0]?.bytes) / 2 ** 30) * 100) / 100,
      ...figures,
    };
  } finally {
    await db.close();
    await database.drop();
  }
}

/** The PGlite run (in its worker, in memory): `n` appeals, the mix, the main thread's delay. */
export async function benchQueriesPglite(n: number, seconds: number): Promise<Record<string, number>> {
  const db = await createPgliteArchiveDb({ dataDir: null });
  try {
    await migrate(db);
    const now = Date.now();
    const generated = await generateArchive(db, n, now);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const figures = await runQueryMix(db, n, now, seconds);
    delay.disable();
    return {
      appeals: n,
      generateSeconds: Math.round(generated.seconds),
      ...figures,
      eventLoopP99Ms: Math.round(delay.percentile(99) / 1e4) / 100,
    };
  } finally {
    await db.close();
  }
}
