import { getCategory, type EventEnvelope } from '@shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { createArchiveReader, type AppealPageKey } from '../../../server/src/archive/archiveReader';
import { createArchiver, type Archiver, type ArchiverOptions } from '../../../server/src/archive/createArchiver';
import { loadMigrations, migrate } from '../../../server/src/archive/migrate';
import { createLogStreamReader, type StreamReader } from '../../../server/src/archive/streamReader';
import { createSilentLogger } from '../../../server/src/logger';
import type { EventLog } from '../../../server/src/stream/eventLog';
import { createRedisLog } from '../../../server/src/stream/redisLog';
import { waitFor } from '../../support/events';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis';
import {
  ARCHIVE_TARGETS,
  archivedEventIds,
  archivedFacts,
  archivedLinks,
  foldEntries,
  foldEventIds,
  foldFacts,
  foldLinks,
  generateTraffic,
  waitForCursor,
  type ArchiveTarget,
} from './archiveFixtures';

const logger = createSilentLogger();
/**
 * PGlite's first start runs initdb in WebAssembly: ~3 s on an idle machine, 25 s measured on
 * a loaded one; and every query crosses to its worker. Generous limits, no timing asserted.
 */
const SLOW_MS = 180_000;
const prefix = uniquePrefix('archive');

let log: EventLog;
beforeAll(async () => {
  log = await createRedisLog({ url: testRedisUrl(), prefix, logger });
});
afterAll(async () => {
  await log.close();
  await deletePrefix(testRedisUrl(), prefix);
});

let streamCount = 0;
/** A stream of its own under the run's prefix, filled with `envelopes` (and `raw` entries). */
async function newStream(envelopes: readonly (EventEnvelope | string)[]): Promise<{ name: string; lastId: string }> {
  streamCount += 1;
  const name = `events-${streamCount}`;
  let lastId = '0-0';
  // Chunks of concurrent XADDs (node-redis pipelines them); order within a chunk is send order.
  for (let i = 0; i < envelopes.length; i += 500) {
    const ids = await Promise.all(
      envelopes
        .slice(i, i + 500)
        .map((e) => log.append(name, { event: typeof e === 'string' ? e : JSON.stringify(e) })),
    );
    lastId = ids.at(-1) ?? lastId;
  }
  return { name, lastId };
}

describe.each(ARCHIVE_TARGETS)('archive on $kind', ({ open }) => {
  let target: ArchiveTarget;
  let db: ArchiveDb;
  const archivers: Archiver[] = [];

  function startArchiver(stream: string, extra: Partial<ArchiverOptions> = {}): Archiver {
    const archiver = createArchiver({
      db,
      reader: createLogStreamReader(log, { stream, blockMs: 50 }),
      logger,
      batchSize: 250,
      name: stream,
      pollMs: 50,
      ...extra,
    });
    archivers.push(archiver);
    archiver.start();
    return archiver;
  }

  beforeAll(async () => {
    target = await open();
    db = target.db;
  }, SLOW_MS);
  afterEach(async () => {
    for (const archiver of archivers.splice(0)) await archiver.stop();
  });
  afterAll(async () => {
    await target?.cleanup();
  }, SLOW_MS);

  it(
    'applies the migrations once, even when two connections start together',
    async () => {
      const other = await target.openAnother();
      const [first, second] = await Promise.all([migrate(db), migrate(other)]);
      const files = await loadMigrations();
      expect([...first, ...second]).toEqual(files.map((m) => m.version));
      expect(await migrate(db)).toEqual([]);
      const { rows } = await db.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows).toEqual(files.map((m) => ({ version: m.version, name: m.name })));
      expect(rows[0]).toEqual({ version: 1, name: '001_archive.sql' });
    },
    SLOW_MS,
  );

  it(
    'folds an appeal’s life across batches: first response, resolution cleared by a reopen, escalation, links',
    async () => {
      const t0 = Date.parse('2026-12-01T03:00:00Z');
      const at = (minutes: number): string => new Date(t0 + minutes * 60_000).toISOString();
      const appealId = `A-script-${streamCount}`;
      const base = { v: 1 as const, region: 'KZ-71' as const };
      const events: (EventEnvelope | string)[] = [
        {
          ...base,
          id: 'e1',
          type: 'appeal.registered',
          at: at(0),
          data: {
            appealId,
            channel: 'call',
            category: 'heating',
            priority: 'normal',
            location: { lat: 51.13, lng: 71.44, address: 'ул. Кенесары, 40' },
            description: 'Нет отопления',
            citizen: { name: 'Айгерім', phone: '+7 701 234 56 12' },
          },
        },
        { ...base, id: 'e2', type: 'appeal.assigned', at: at(5), data: { appealId, service: 'Теплотранзит' } },
        'not json at all',
        {
          ...base,
          id: 'e3',
          type: 'appeal.assigned',
          at: at(10),
          data: { appealId, service: 'Горсвет', assignee: 'Бригада 4' },
        },
        {
          ...base,
          id: 'e2',
          type: 'appeal.assigned',
          at: at(11),
          data: { appealId, service: 'duplicate id: ignored' },
        },
        { ...base, id: 'e4', type: 'appeal.status_changed', at: at(60), data: { appealId, status: 'resolved' } },
        { ...base, id: 'e5', type: 'appeal.status_changed', at: at(70), data: { appealId, status: 'reopened' } },
        { ...base, id: 'e6', type: 'appeal.escalated', at: at(75), data: { appealId, priority: 'emergency' } },
        {
          ...base,
          id: 'e7',
          type: 'appeal.status_changed',
          at: at(90),
          data: { appealId: 'A-unknown', status: 'resolved' },
        },
        {
          ...base,
          id: 'e8',
          type: 'incident.opened',
          at: at(80),
          data: {
            incidentId: 'I-script',
            title: 'Авария',
            category: 'heating',
            severity: 'major',
            location: { lat: 51.13, lng: 71.44 },
            appealIds: [appealId, 'A-unknown'],
          },
        },
        { ...base, id: 'e9', type: 'appeal.status_changed', at: at(95), data: { appealId, status: 'resolved' } },
        { ...base, id: 'e10', type: 'appeal.status_changed', at: at(100), data: { appealId, status: 'closed' } },
      ];
      const stream = await newStream(events);
      startArchiver(stream.name, { batchSize: 2 });
      await waitForCursor(db, stream.lastId, 20_000, stream.name);

      const found = await createArchiveReader(db).getAppeal(appealId);
      const heating = getCategory('heating');
      expect(found?.appeal).toMatchObject({
        status: 'closed',
        priority: 'emergency',
        service: 'Горсвет',
        assignee: 'Бригада 4',
        incidentId: 'I-script',
        citizen: { name: 'Айгерім', phone: '+7 701 234 56 12' },
        registeredAt: at(0),
        respondedAt: at(5),
        resolvedAt: at(95),
        closedAt: at(100),
        responseDueAt: at(heating.responseSla.emergency),
        resolutionDueAt: at(heating.resolutionSla.emergency),
        lastEventId: 'e10',
        backfilled: false,
      });
      expect(found?.timeline.map((e) => e.eventId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e9', 'e10']);
      expect(await archivedLinks(db)).toMatchObject({ 'I-script': [appealId, 'A-unknown'].sort() });
      const unknown = await db.query("SELECT count(*)::int AS n FROM appeal_events WHERE appeal_id = 'A-unknown'");
      expect(unknown.rows[0]?.n).toBe(0);
    },
    SLOW_MS,
  );

  it(
    'folds the next batch ahead from the rows it wrote, but from the committed row once another writer changed it',
    async () => {
      const stream = await newStream([]);
      const appealId = `A-ahead-${streamCount}`;
      const base = { v: 1 as const, region: 'KZ-71' as const };
      const at = (minutes: number): string =>
        new Date(Date.parse('2026-12-02T03:00:00Z') + minutes * 60_000).toISOString();
      const foldedAhead: boolean[] = [];
      startArchiver(stream.name, { onBatch: (batch) => foldedAhead.push(batch.isFoldedAhead) });
      /** Appends one event and waits until the archiver has committed it (one batch each). */
      async function archive(envelope: EventEnvelope): Promise<void> {
        const id = await log.append(stream.name, { event: JSON.stringify(envelope) });
        await waitForCursor(db, id, 20_000, stream.name);
      }
      await archive({
        ...base,
        id: `${appealId}-1`,
        type: 'appeal.registered',
        at: at(0),
        data: {
          appealId,
          channel: 'call',
          category: 'heating',
          priority: 'normal',
          location: { lat: 51.13, lng: 71.44 },
          description: 'Нет отопления',
          citizen: { name: 'Айгерім', phone: '+7 701 234 56 12' },
        },
      });
      await archive({
        ...base,
        id: `${appealId}-2`,
        type: 'appeal.assigned',
        at: at(5),
        data: { appealId, service: 'Теплотранзит' },
      });
      // Another writer (an erasure, a rebuild that folds differently) changes the row the
      // archiver holds as it wrote it.
      await db.query(
        `UPDATE appeals SET service = 'rebuilt', citizen_name = NULL, citizen_phone = NULL,
           citizen_erased_at = now() WHERE id = $1`,
        [appealId],
      );
      await archive({
        ...base,
        id: `${appealId}-3`,
        type: 'appeal.status_changed',
        at: at(9),
        data: { appealId, status: 'in_progress' },
      });
      await archive({
        ...base,
        id: `${appealId}-4`,
        type: 'appeal.escalated',
        at: at(12),
        data: { appealId, priority: 'high' },
      });

      const found = await createArchiveReader(db).getAppeal(appealId);
      expect(found?.appeal).toMatchObject({ service: 'rebuilt', status: 'in_progress', priority: 'high' });
      expect(found?.appeal.citizen).toEqual({ name: null, phone: null });
      expect(found?.timeline.map((e) => e.eventId)).toEqual([1, 2, 3, 4].map((n) => `${appealId}-${n}`));
      // Each event was a batch: folded ahead, except the one after the row changed under it.
      expect(foldedAhead).toEqual([true, true, false, true]);
    },
    SLOW_MS,
  );

  it(
    'archives a generated stream into the rows a naive fold of the same entries gives',
    async () => {
      const stream = await newStream(generateTraffic(16));
      startArchiver(stream.name);
      await waitForCursor(db, stream.lastId, SLOW_MS, stream.name);

      const entries = await log.range(stream.name, '0-0', '+', 100_000);
      const fold = foldEntries(entries);
      const facts = foldFacts(fold);
      const archived = (await archivedFacts(db)).filter((a) => fold.appeals.has(a.id));
      expect(facts.length).toBeGreaterThan(1000);
      expect(archived).toEqual(facts);
      const links = await archivedLinks(db);
      expect(Object.keys(foldLinks(fold)).length).toBe(2);
      for (const [incidentId, appealIds] of Object.entries(foldLinks(fold)))
        expect(links[incidentId]).toEqual(appealIds);
      const stored = new Set(await archivedEventIds(db));
      const missing = foldEventIds(entries).filter((id) => !stored.has(id));
      expect(missing).toEqual([]);

      // The keyset-paged list walks one region's appeals of that day, newest first, without gaps.
      const expectedIds = [...fold.appeals.values()]
        .filter((a) => a.region === 'KZ-75')
        .sort((x, y) => y.registeredAt - x.registeredAt || (x.id < y.id ? 1 : -1))
        .map((a) => a.id);
      expect(expectedIds.length).toBeGreaterThan(100);
      const reader = createArchiveReader(db);
      const paged: string[] = [];
      let after: AppealPageKey | undefined;
      do {
        const page = await reader.listAppeals({
          region: 'KZ-75',
          from: '2026-03-02T00:00:00Z',
          to: '2026-03-03T00:00:00Z',
          limit: 37,
          ...(after ? { after } : {}),
        });
        paged.push(...page.items.map((item) => item.id));
        after = page.next ?? undefined;
      } while (after);
      expect(paged).toEqual(expectedIds);
    },
    SLOW_MS,
  );

  it(
    'archives the same rows when it can hold fewer rows than a batch touches (evicted rows are read back)',
    async () => {
      const stream = await newStream(generateTraffic(3));
      // Batches of up to 64 entries: the rows held (one batch's worth) drop an appeal long before
      // its next event, so most folds read rows back as committed.
      startArchiver(stream.name, { batchSize: 16, maxBatchSize: 64 });
      await waitForCursor(db, stream.lastId, SLOW_MS, stream.name);

      const entries = await log.range(stream.name, '0-0', '+', 100_000);
      const fold = foldEntries(entries);
      const facts = foldFacts(fold);
      expect(facts.length).toBeGreaterThan(100);
      expect((await archivedFacts(db)).filter((a) => fold.appeals.has(a.id))).toEqual(facts);
    },
    SLOW_MS,
  );

  it(
    'doubles nothing when the same entries are archived again from the start',
    async () => {
      const stream = await newStream(generateTraffic(17).slice(0, 3000));
      startArchiver(stream.name);
      await waitForCursor(db, stream.lastId, SLOW_MS, stream.name);
      await archivers.splice(0)[0]?.stop();
      const before = await archivedFacts(db);
      const eventsBefore = (await archivedEventIds(db)).length;

      await db.query("UPDATE archive_cursor SET stream_id = '0-0' WHERE name = $1", [stream.name]);
      const batches = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM archive_batches WHERE name = $1', [
        stream.name,
      ]);
      startArchiver(stream.name);
      await waitFor(
        async () => {
          const { rows } = await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM archive_batches WHERE name = $1',
            [stream.name],
          );
          return (rows[0]?.n ?? 0) >= 2 * (batches.rows[0]?.n ?? 0);
        },
        60_000,
        'the second pass',
      );
      expect(await archivedFacts(db)).toEqual(before);
      expect((await archivedEventIds(db)).length).toBe(eventsBefore);
      const again = await db.query<{ events: number }>(
        'SELECT events FROM archive_batches WHERE name = $1 ORDER BY id OFFSET $2',
        [stream.name, batches.rows[0]?.n ?? 0],
      );
      expect(again.rows.every((row) => row.events === 0)).toBe(true);
    },
    SLOW_MS,
  );

  it(
    'lets one of two archivers write; the other takes over when the lease expires, and the stale one cannot commit',
    async () => {
      const traffic = generateTraffic(18);
      const stream = await newStream(traffic.slice(0, 2000));
      let frozenOwner: string | null = null;
      let thaw = (): void => undefined;
      const thawed = new Promise<void>((resolve) => (thaw = resolve));
      /** An archiver's reader that, once its owner is frozen, hangs until thawed (a stalled process). */
      function freezable(owner: string): StreamReader {
        const reader = createLogStreamReader(log, { stream: stream.name, blockMs: 50 });
        return {
          async readAfter(cursor, count) {
            if (frozenOwner === owner) await thawed;
            return reader.readAfter(cursor, count);
          },
        };
      }
      const a = startArchiver(stream.name, { owner: 'archiver-a', reader: freezable('archiver-a'), leaseMs: 5000 });
      const b = startArchiver(stream.name, { owner: 'archiver-b', reader: freezable('archiver-b'), leaseMs: 5000 });
      await waitForCursor(db, stream.lastId, SLOW_MS, stream.name);
      const leader = a.isLeader ? a : b;
      const standby = leader === a ? b : a;
      expect(standby.isLeader).toBe(false);

      // The leader stalls in its next read: it renews nothing, so its lease lapses.
      frozenOwner = leader.owner;
      for (const envelope of traffic.slice(2000, 2600))
        await log.append(stream.name, { event: JSON.stringify(envelope) });
      const info = await log.info(stream.name);
      await waitFor(() => standby.isLeader, 20_000, 'the standby to take the lease');
      await waitForCursor(db, info.lastId, SLOW_MS, stream.name);
      thaw();
      await waitFor(() => !leader.isLeader, 20_000, 'the stale leader to find the cursor moved');

      const { rows } = await db.query<{ owner: string; after_id: string; last_id: string }>(
        'SELECT owner, after_id, last_id FROM archive_batches WHERE name = $1 ORDER BY id',
        [stream.name],
      );
      // One unbroken chain of batches, each starting where the previous one ended.
      rows.forEach((row, index) => expect(row.after_id).toBe(index === 0 ? '0-0' : rows[index - 1]?.last_id));
      expect(rows.at(-1)?.last_id).toBe(info.lastId);
      // The leader wrote until it stalled, then only the standby did.
      const owners = rows.map((row) => row.owner);
      const firstOfStandby = owners.indexOf(standby.owner);
      expect(firstOfStandby).toBeGreaterThan(0);
      expect(owners.slice(0, firstOfStandby).every((owner) => owner === leader.owner)).toBe(true);
      expect(owners.slice(firstOfStandby).every((owner) => owner === standby.owner)).toBe(true);

      const entries = await log.range(stream.name, '0-0', '+', 100_000);
      const stored = await archivedEventIds(db);
      const expected = new Set(foldEventIds(entries));
      expect(stored.filter((id) => expected.has(id)).length).toBe(expected.size);
    },
    SLOW_MS,
  );

  it(
    'measures the catch-up rate (printed, not asserted)',
    async () => {
      // Seeds differ per test (and so ids): every event here is new to the archive.
      const traffic = generateTraffic(19, 120);
      const stream = await newStream(traffic);
      const started = performance.now();
      startArchiver(stream.name, { batchSize: 2000 });
      await waitForCursor(db, stream.lastId, SLOW_MS, stream.name);
      const seconds = (performance.now() - started) / 1000;
      const rate = Math.round(traffic.length / seconds);
      console.log(
        `archive catch-up on ${db.kind}: ${traffic.length} events in ${seconds.toFixed(2)} s = ${rate} events/s (batches of 2,000)`,
      );
      expect(await archivedFacts(db)).not.toEqual([]);
    },
    SLOW_MS,
  );
});

describe('archive on postgresql while a rebuild runs', () => {
  it(
    'waits for the rebuild’s lock before reading any row, then folds from the rebuilt row instead of writing over it',
    async () => {
      const postgres = ARCHIVE_TARGETS.find((t) => t.kind === 'postgresql') as (typeof ARCHIVE_TARGETS)[number];
      const target = await postgres.open();
      const { db } = target;
      const other = await target.openAnother();
      await migrate(db);
      const stream = await newStream([]);
      const archiver = createArchiver({
        db,
        reader: createLogStreamReader(log, { stream: stream.name, blockMs: 50 }),
        logger,
        name: stream.name,
        pollMs: 50,
      });
      archiver.start();
      try {
        const appealId = `A-rebuild-${streamCount}`;
        const base = { v: 1 as const, region: 'KZ-71' as const, at: '2026-12-03T03:00:00Z' };
        const append = (envelope: EventEnvelope): Promise<string> =>
          log.append(stream.name, { event: JSON.stringify(envelope) });
        await append({
          ...base,
          id: `${appealId}-1`,
          type: 'appeal.registered',
          data: {
            appealId,
            channel: 'app',
            category: 'lifts',
            priority: 'normal',
            location: { lat: 51.13, lng: 71.44 },
            description: 'Лифт стоит',
          },
        });
        const second = await append({
          ...base,
          id: `${appealId}-2`,
          type: 'appeal.assigned',
          data: { appealId, service: 'Лифтсервис' },
        });
        await waitForCursor(db, second, 20_000, stream.name);

        // A rebuild (rebuildCurrentState's lock) rewrites the row while the next batch comes in.
        let third = '';
        await other.transaction(async (tx) => {
          await tx.query('LOCK TABLE appeals, incidents, incident_appeals IN EXCLUSIVE MODE');
          await tx.query("UPDATE appeals SET service = 'rebuilt' WHERE id = $1", [appealId]);
          third = await append({
            ...base,
            id: `${appealId}-3`,
            type: 'appeal.status_changed',
            data: { appealId, status: 'in_progress' },
          });
          await waitFor(
            async () =>
              (
                await db.query<{ n: number }>(
                  `SELECT count(*)::int AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'`,
                )
              ).rows[0]?.n === 1,
            20_000,
            'the batch to wait for the rebuild',
          );
        });
        await waitForCursor(db, third, 20_000, stream.name);
        const found = await createArchiveReader(db).getAppeal(appealId);
        expect(found?.appeal).toMatchObject({ service: 'rebuilt', status: 'in_progress' });
      } finally {
        await archiver.stop();
        await target.cleanup();
      }
    },
    SLOW_MS,
  );
});
