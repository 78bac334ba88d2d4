import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@shared';
import type { ArchiveService } from '../../../server/src/archive/createArchiveService';
import { appendInOrder } from '../../support/appealData';
import { openArchivedLog, type ArchivedLog } from '../../support/archivedLog';
import { appealAssigned, appealRegistered, appendEnvelope, uniqueId, waitFor } from '../../support/events';
import { testRedisUrl, uniquePrefix } from '../../support/redis';
import { startTestArchiveService } from '../../support/testArchive';
import { startTestServer, type TestServer } from '../../support/testServer';

/**
 * Eviction follows the archive, but not for an appeal whose life goes on: a resolved appeal
 * the citizen has confirmed is closed by the agent later. It used to leave memory once
 * archived, and its closing event was then ignored as an unknown appeal (the fresh demo
 * logged ~280 of them, and the live closure counts missed them). Each test has a stream of
 * its own: the projection's clock is its stream's newest `at`.
 */
const DAY = 86_400_000;
const opened: ArchivedLog[] = [];
const services: ArchiveService[] = [];
const servers: TestServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const service of services) await service.close().catch(() => undefined);
  for (const archived of opened) await archived.close();
});

async function openStream(name: string): Promise<ArchivedLog> {
  const archived = await openArchivedLog(uniquePrefix(name));
  opened.push(archived);
  return archived;
}

/** A server following `archived`'s stream and its archive, whose cursor only the test moves (a separate archiver). */
async function startFollowing(archived: ArchivedLog): Promise<{ archive: ArchiveService; server: TestServer }> {
  const archive = startTestArchiveService(archived.database.url, archived.log, 'off');
  services.push(archive);
  await waitFor(async () => (await archive.refresh()).cursor !== null, 20_000, 'the archive migrated');
  const server = await startTestServer({ prefix: archived.prefix, log: archived.log, archive });
  servers.push(server);
  return { archive, server };
}

/** Everything up to `streamId` archived; the next entry then runs an eviction round past it. */
async function archiveThrough(archived: ArchivedLog, archive: ArchiveService, streamId: string): Promise<void> {
  await archived.setCursor(streamId);
  await waitFor(async () => (await archive.refresh()).cursor === streamId, 5000, 'the cursor read');
}

const step = (appealId: string, at: string, type: EventEnvelope['type'], data: object): EventEnvelope =>
  ({ v: 1, id: uniqueId('evt'), type, at, region: 'KZ-71', data: { appealId, ...data } }) as EventEnvelope;

describe('a resolved appeal after the archive holds it', () => {
  it('stays live through its window: the agent closing it a day after the confirmation is applied, not ignored', async () => {
    const archived = await openStream('liveresolved');
    // Two days ago: registered, resolved and confirmed; a second one the same, then closed (its life over).
    const old = Date.now() - 2 * DAY;
    const at = (minutes: number): string => new Date(old + minutes * 60_000).toISOString();
    const envelopes: EventEnvelope[] = [
      appealRegistered({ appealId: 'kept', at: at(0) }),
      appealAssigned('kept', 'KZ-71', at(10)),
      step('kept', at(30), 'appeal.status_changed', { status: 'resolved' }),
      step('kept', at(90), 'appeal.feedback', { result: 'confirmed', rating: 5 }),
      appealRegistered({ appealId: 'gone', at: at(0) }),
      appealAssigned('gone', 'KZ-71', at(10)),
      step('gone', at(30), 'appeal.status_changed', { status: 'resolved' }),
      step('gone', at(90), 'appeal.feedback', { result: 'confirmed', rating: 4 }),
      step('gone', at(100), 'appeal.status_changed', { status: 'closed' }),
    ];
    // (Appended three hours after the first of them, as a producer's backlog: an entry's `at`
    // is never ahead of its id.) Then enough newer ones that both are out of the feed's newest events.
    for (let i = 0; i < 110; i += 1) envelopes.push(appealRegistered({ appealId: `open${i}`, at: at(120) }));
    const redis = createClient({ url: testRedisUrl() });
    await redis.connect();
    let lastId = '';
    for (const [i, envelope] of envelopes.entries()) {
      const id = `${old + 3 * 3_600_000}-${i}`;
      lastId = await redis.xAdd(`${archived.prefix}:events`, id, { event: JSON.stringify(envelope) });
    }
    await redis.quit();

    const { archive, server } = await startFollowing(archived);
    const store = server.app.store;
    await waitFor(() => store.state.appeals.get('gone')?.status === 'closed', 5000, 'the stream applied');
    await archiveThrough(archived, archive, lastId);
    await appendEnvelope(archived.log, appealRegistered());
    await waitFor(() => !store.state.appeals.has('gone'), 5000, 'the closed appeal evicted');
    expect(store.state.appeals.get('kept')?.status).toBe('resolved');
    expect(store.state.counters.ignored, store.state.counters.lastIgnored ?? '').toBe(0);

    await appendEnvelope(
      archived.log,
      step('kept', new Date().toISOString(), 'appeal.status_changed', { status: 'closed' }),
    );
    await waitFor(() => store.state.appeals.get('kept')?.status === 'closed', 5000, 'the closing applied');
    expect(store.state.counters.ignored, store.state.counters.lastIgnored ?? '').toBe(0);
  });

  it('in a backlog weeks old, is judged by the backlog’s time: kept while its window ran then, its closing applied', async () => {
    // The window is judged by the projection's clock, not the wall clock: by today's, an
    // appeal resolved three weeks ago was evicted once archived, and its closing, still to
    // come in the backlog, was ignored (~800 at every fresh demo start: the law backlog).
    const archived = await openStream('backlogresolved');
    const { archive, server } = await startFollowing(archived);
    const store = server.app.store;
    const resolvedAt = Date.now() - 21 * DAY;
    const iso = (ms: number): string => new Date(ms).toISOString();
    /** Registered, taken, resolved at `when` and confirmed half a day later. */
    const confirmed = (appealId: string, when: number): EventEnvelope[] => [
      appealRegistered({ appealId, at: iso(when - DAY) }),
      appealAssigned(appealId, 'KZ-71', iso(when - DAY / 2)),
      step(appealId, iso(when), 'appeal.status_changed', { status: 'resolved' }),
      step(appealId, iso(when + DAY / 2), 'appeal.feedback', { result: 'confirmed', rating: 5 }),
    ];
    // Appended now, as the demo's simulator does: 'lapsed' resolved 17 days before 'current'
    // (its window over by then), then 110 appeals a day after, so that both are out of the
    // feed's newest events. The projection's clock stands at 20 days ago.
    const backlog = [...confirmed('lapsed', resolvedAt - 17 * DAY), ...confirmed('current', resolvedAt)];
    for (let i = 0; i < 110; i += 1) backlog.push(appealRegistered({ at: iso(resolvedAt + DAY + i * 60_000) }));
    const lastId = await appendInOrder(archived.log, backlog);
    await waitFor(() => store.state.cursor === lastId, 5000, 'the backlog applied');

    await archiveThrough(archived, archive, lastId);
    await appendEnvelope(archived.log, appealRegistered({ at: iso(resolvedAt + 2 * DAY) }));
    await waitFor(() => !store.state.appeals.has('lapsed'), 5000, 'the lapsed appeal evicted');
    // Resolved two days before the projection's clock (not 21 days before the wall clock's).
    expect(store.state.appeals.get('current')?.status).toBe('resolved');

    await appendEnvelope(
      archived.log,
      step('current', iso(resolvedAt + 3 * DAY), 'appeal.status_changed', { status: 'closed' }),
    );
    await waitFor(() => store.state.appeals.get('current')?.status === 'closed', 5000, 'the closing applied');
    expect(store.state.counters.ignored, store.state.counters.lastIgnored ?? '').toBe(0);
  });
});
