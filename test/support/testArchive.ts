import type { EventEnvelope, RegionCode } from '@shared';
import type { ArchiveDb } from '../../server/src/archive/archiveDb';
import { readCursor } from '../../server/src/archive/archiveCursor';
import {
  createArchiveService,
  type ArchiveService,
  type ArchiveServiceOptions,
} from '../../server/src/archive/createArchiveService';
import { createArchiver, type Archiver } from '../../server/src/archive/createArchiver';
import { createHistory, type History } from '../../server/src/archive/history';
import { migrate } from '../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../server/src/archive/pgArchiveDb';
import { createLogStreamReader } from '../../server/src/archive/streamReader';
import { createSilentLogger } from '../../server/src/logger';
import type { EventLog } from '../../server/src/stream/eventLog';
import { appendInOrder } from './appealData';
import { waitFor } from './events';
import { createTestDatabase, type TestDatabase } from './postgres';

/** A migrated archive on a PostgreSQL database of its own, with its read side. */
export interface TestArchive {
  db: ArchiveDb;
  history: History;
  /** Runs the archiver over `log`'s events stream (as the server would beside it). */
  startArchiver(log: EventLog): Archiver;
  /** Stops the archivers started so far (the archive then falls behind the stream). */
  stopArchivers(): Promise<void>;
  /** Resolves once the archive's cursor has reached `streamId`. */
  waitForCursor(streamId: string, timeoutMs?: number): Promise<void>;
  /** Stops the archivers, closes the pool, drops the database (each step even if one fails). */
  cleanup(): Promise<void>;
}

export async function openTestArchive(): Promise<TestArchive> {
  const database: TestDatabase = await createTestDatabase();
  const db = createPgArchiveDb({ url: database.url });
  await migrate(db);
  const archivers: Archiver[] = [];
  const logger = createSilentLogger();
  return {
    db,
    history: createHistory(db),
    startArchiver(log) {
      const archiver = createArchiver({
        db,
        reader: createLogStreamReader(log, { blockMs: 100 }),
        logger,
        batchSize: 2000,
        pollMs: 100,
      });
      archivers.push(archiver);
      archiver.start();
      return archiver;
    },
    async stopArchivers() {
      for (const archiver of archivers.splice(0)) await archiver.stop();
    },
    async waitForCursor(streamId, timeoutMs = 120_000) {
      const [ms, seq] = streamId.split('-').map(Number) as [number, number];
      await waitFor(
        async () => {
          const cursor = (await readCursor(db, 'events'))?.streamId ?? '0-0';
          const [cms, cseq] = cursor.split('-').map(Number) as [number, number];
          return cms > ms || (cms === ms && cseq >= seq);
        },
        timeoutMs,
        `archive cursor ${streamId}`,
      );
    },
    async cleanup() {
      for (const archiver of archivers.splice(0)) await archiver.stop().catch(() => undefined);
      await db.close().catch(() => undefined);
      await database.drop();
    },
  };
}

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Where the generated appeals are, one place per region (the region agrees with the point). */
const PLACES: readonly { region: RegionCode; lat: number; lng: number; address: string }[] = [
  { region: 'KZ-71', lat: 51.128, lng: 71.43, address: 'ул. Кенесары, 40' },
  { region: 'KZ-75', lat: 43.238, lng: 76.889, address: 'пр. Абая, 10' },
];

export interface OldAppealScenario {
  oldId: string;
  /** When the old appeal was registered (epoch ms). */
  oldAt: number;
  /** Every newer appeal: id, region and registration time. */
  newer: { id: string; region: RegionCode; at: number }[];
  lastStreamId: string;
}

/**
 * An appeal in KZ-71, registered `ageDays` ago with a citizen's phone in its description,
 * routed, resolved with a comment and closed; then `count` newer appeals (KZ-71 and KZ-75
 * alternately, spread over the days since), each registered and closed at once — enough
 * finished appeals for the projection to drop the old one.
 */
export async function appendOldAppealThenNewer(
  log: EventLog,
  options: { now: number; count: number; ageDays: number; prefix: string },
): Promise<OldAppealScenario> {
  const { now, count, prefix } = options;
  const oldAt = now - options.ageDays * DAY;
  const oldId = `${prefix}-OLD`;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const base = { v: 1 as const, region: 'KZ-71' as const };
  const events: EventEnvelope[] = [
    {
      ...base,
      id: `${prefix}-old-1`,
      type: 'appeal.registered',
      at: iso(oldAt),
      data: {
        appealId: oldId,
        channel: 'call',
        category: 'heating',
        priority: 'high',
        location: { lat: 51.128, lng: 71.43, address: 'ул. Кенесары, 40, кв. 12' },
        description: 'Нет отопления, перезвоните на +7 701 234 56 12',
        citizen: { name: 'Айгерім Сапарова', phone: '+7 701 234 56 12' },
      },
    },
    {
      ...base,
      id: `${prefix}-old-2`,
      type: 'appeal.assigned',
      at: iso(oldAt + 20 * MINUTE),
      data: { appealId: oldId, service: 'Астана-Теплотранзит' },
    },
    {
      ...base,
      id: `${prefix}-old-3`,
      type: 'appeal.status_changed',
      at: iso(oldAt + 5 * 60 * MINUTE),
      data: { appealId: oldId, status: 'resolved', comment: 'Батареи тёплые, звонили на 87012345612' },
    },
    {
      ...base,
      id: `${prefix}-old-4`,
      type: 'appeal.status_changed',
      at: iso(oldAt + DAY),
      data: { appealId: oldId, status: 'closed' },
    },
  ];
  const newer: OldAppealScenario['newer'] = [];
  const span = (options.ageDays - 1) * DAY;
  for (let i = 0; i < count; i += 1) {
    const place = PLACES[i % PLACES.length] as (typeof PLACES)[number];
    const at = oldAt + DAY + Math.floor(((i + 1) * span) / (count + 1));
    const id = `${prefix}-${String(i).padStart(6, '0')}`;
    newer.push({ id, region: place.region, at });
    events.push(
      {
        v: 1,
        id: `${prefix}-r-${i}`,
        type: 'appeal.registered',
        at: iso(at),
        region: place.region,
        data: {
          appealId: id,
          channel: 'app',
          category: i % 3 === 0 ? 'water_sewer' : 'heating',
          priority: 'normal',
          location: { lat: place.lat, lng: place.lng, address: place.address },
          description: `Обращение ${i}`,
        },
      },
      {
        v: 1,
        id: `${prefix}-c-${i}`,
        type: 'appeal.status_changed',
        at: iso(at + MINUTE),
        region: place.region,
        data: { appealId: id, status: 'closed' },
      },
    );
  }
  const lastStreamId = await appendInOrder(log, events);
  return { oldId, oldAt, newer, lastStreamId };
}

/**
 * The server's archive service over the PostgreSQL database at `url` (Postgres mode, no
 * locator), started: `archiver` 'inline' archives `log` itself, 'off' only reads the cursor
 * another archiver commits. Options as the server takes them (`streamMaxEntries`, timings).
 */
export function startTestArchiveService(
  url: string,
  log: EventLog,
  archiver: 'inline' | 'off',
  options: Partial<
    Pick<ArchiveServiceOptions, 'streamMaxEntries' | 'statusEveryMs' | 'pollMs' | 'leaseMs' | 'batchSize'>
  > = {},
): ArchiveService {
  const service = createArchiveService({
    db: createPgArchiveDb({ url }),
    mode: 'postgres',
    log,
    logger: createSilentLogger(),
    locate: null,
    archiver,
    streamMaxEntries: 1_000_000,
    statusEveryMs: 100,
    pollMs: 100,
    ...options,
  });
  service.start();
  return service;
}
