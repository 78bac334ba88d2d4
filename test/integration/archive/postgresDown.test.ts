import { afterAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@shared';
import type { ArchiveService } from '../../../server/src/archive/createArchiveService';
import type { ArchiveStatus } from '../../../server/src/archive/archiveStatus';
import { createPgArchiveDb } from '../../../server/src/archive/pgArchiveDb';
import { createSilentLogger } from '../../../server/src/logger';
import type { EventLog, LogEntry } from '../../../server/src/stream/eventLog';
import { createRedisLog } from '../../../server/src/stream/redisLog';
import { authedFetch, signIn } from '../../support/auth';
import { appealRegistered, waitFor } from '../../support/events';
import { connectLiveClient, type LiveClient } from '../../support/liveClient';
import { startPrivatePostgres, type PrivatePostgres } from '../../support/privatePostgres';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis';
import { startTestArchiveService } from '../../support/testArchive';
import { startTestServer, type TestServer } from '../../support/testServer';
import {
  archivedEventIds,
  archivedFacts,
  foldEntries,
  foldEventIds,
  foldFacts,
  generateTraffic,
} from './archiveFixtures';

const prefix = uniquePrefix('pgdown');
const OUTAGE_MS = 30_000;
/** Entries appended every TICK_MS: about 100 events/s. */
const CHUNK = 10;
const TICK_MS = 100;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let postgres: PrivatePostgres | null = null;
let log: EventLog | null = null;
let service: ArchiveService | null = null;
let server: TestServer | null = null;
let client: LiveClient | null = null;

afterAll(async () => {
  client?.close();
  await server?.stop();
  await service?.close().catch(() => undefined);
  await log?.close();
  postgres?.destroy();
  await deletePrefix(testRedisUrl(), prefix);
});

async function readAll(source: EventLog): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  let cursor = '0-0';
  for (;;) {
    const page = await source.range('events', cursor, '+', 1000);
    entries.push(...page);
    const last = page.at(-1);
    if (!last) return entries;
    cursor = last.id;
  }
}

describe('PostgreSQL down for 30 s under traffic', () => {
  it('keeps the dashboard live, reports the archive down with its lag, then catches up with nothing lost', async () => {
    postgres = await startPrivatePostgres();
    log = await createRedisLog({ url: testRedisUrl(), prefix, logger: createSilentLogger() });
    const events = log;
    service = startTestArchiveService(postgres.url, events, 'inline', {
      statusEveryMs: 200,
      pollMs: 200,
      leaseMs: 2000,
      batchSize: 500,
    });
    const archive = service;
    server = await startTestServer({ prefix, log: events, archive });
    const admin = await signIn(server, 'admin');
    const health = async (): Promise<{ status: string; archive: ArchiveStatus }> =>
      (await (await authedFetch(admin, `${(server as TestServer).url}/api/health`)).json()) as {
        status: string;
        archive: ArchiveStatus;
      };
    client = connectLiveClient(server.url, { cookie: admin.cookie });
    const live = client;
    await waitFor(() => live.snapshots[0], 10_000, 'a snapshot');

    // A producer writing all along, whatever the archive does.
    const traffic: EventEnvelope[] = generateTraffic(7, 600, 0.3);
    let sent = 0;
    let isProducing = true;
    const producer = (async () => {
      while (isProducing && sent < traffic.length) {
        for (const envelope of traffic.slice(sent, sent + CHUNK)) {
          await events.append('events', { event: JSON.stringify(envelope) });
        }
        sent += CHUNK;
        await sleep(TICK_MS);
      }
    })();

    await waitFor(async () => (await health()).archive.state === 'ok' && sent > 300, 30_000, 'archiving under traffic');

    postgres.stop();
    const framesAtStop = live.frames.length;
    const down = await waitFor(
      async () => {
        const h = await health();
        return h.archive.state === 'down' ? h : null;
      },
      10_000,
      'health saying the archive is down',
    );
    expect(down.archive.lastError).not.toBeNull();
    await sleep(OUTAGE_MS / 2);
    const during = await health();
    expect(during.archive.state).toBe('down');
    expect(during.archive.lagEntries).toBeGreaterThan(0);
    expect(during.archive.lagSeconds).toBeGreaterThan(0);
    // The live dashboard never stopped: frames kept coming, and the projection kept up.
    expect(live.frames.length).toBeGreaterThan(framesAtStop);
    const lastId = (await events.info('events')).lastId;
    await waitFor(() => server?.app.store.state.cursor === lastId || null, 5000, 'the projection current');
    await sleep(OUTAGE_MS / 2);
    const later = await health();
    expect(later.archive.lagEntries).toBeGreaterThan(during.archive.lagEntries);

    postgres.start();
    isProducing = false;
    await producer;
    const end = (await events.info('events')).lastId;
    await waitFor(
      async () => {
        const h = await health();
        return h.archive.state === 'ok' && h.archive.cursor === end && h.archive.lagEntries === 0;
      },
      60_000,
      'the archive caught up',
    );

    // Memory follows the archive: once it holds everything, the next batch drops every finished
    // appeal but those of the newest feed events (the live view shows them). The traffic is of
    // a day in March: an entry of today moves the projection's clock past the confirmation
    // windows of its appeals (they are no longer kept for the citizen's callback), and an
    // eviction round follows the archive's next cursor.
    const store = (server as TestServer).app.store;
    const today = await events.append('events', { event: JSON.stringify(appealRegistered()) });
    await waitFor(async () => (await health()).archive.cursor === today, 10_000, "today's entry archived");
    await events.append('events', { event: JSON.stringify(traffic[0]) });
    await waitFor(() => store.state.closedAppeals.size <= 100 || null, 10_000, 'archived finished appeals evicted');
    const inFeed = new Set(store.state.feed.slice(-100).map((e) => (e.data as { appealId?: string }).appealId));
    for (const id of store.state.closedAppeals.keys()) expect(inFeed.has(id)).toBe(true);

    const entries = await readAll(events);
    const db = createPgArchiveDb({ url: postgres.url });
    try {
      const fold = foldEntries(entries);
      // More finished appeals went through than memory holds now.
      expect(fold.closedAppeals.size).toBeGreaterThan(store.state.closedAppeals.size);
      expect(await archivedFacts(db)).toEqual(foldFacts(fold));
      expect((await archivedEventIds(db)).sort()).toEqual(foldEventIds(entries).sort());
    } finally {
      await db.close();
    }
  }, 180_000);
});
