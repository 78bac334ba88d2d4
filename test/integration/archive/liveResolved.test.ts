import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@shared';
import type { ArchiveService } from '../../../server/src/archive/createArchiveService';
import { openArchivedLog, type ArchivedLog } from '../../support/archivedLog';
import { appealAssigned, appealRegistered, appendEnvelope, uniqueId, waitFor } from '../../support/events';
import { testRedisUrl, uniquePrefix } from '../../support/redis';
import { startTestArchiveService } from '../../support/testArchive';
import { startTestServer, type TestServer } from '../../support/testServer';

/**
 * Eviction follows the archive, but not for an appeal whose life goes on: a resolved appeal
 * the citizen has confirmed is closed by the agent later. It used to leave memory once
 * archived, and its closing event was then ignored as an unknown appeal (the fresh demo
 * logged ~280 of them, and the live closure counts missed them).
 */
const prefix = uniquePrefix('liveresolved');
let archived: ArchivedLog;
let service: ArchiveService | null = null;
let server: TestServer | null = null;

beforeAll(async () => {
  archived = await openArchivedLog(prefix);
});

afterAll(async () => {
  await server?.stop();
  await service?.close().catch(() => undefined);
  await archived.close();
});

const step = (appealId: string, at: string, type: EventEnvelope['type'], data: object): EventEnvelope =>
  ({ v: 1, id: uniqueId('evt'), type, at, region: 'KZ-71', data: { appealId, ...data } }) as EventEnvelope;

describe('a resolved appeal after the archive holds it', () => {
  it('stays live through its window: the agent closing it a day after the confirmation is applied, not ignored', async () => {
    // Two days ago: registered, resolved and confirmed; a second one the same, then closed (its life over).
    const old = Date.now() - 2 * 86_400_000;
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
      lastId = await redis.xAdd(`${prefix}:events`, `${old + 3 * 3_600_000}-${i}`, { event: JSON.stringify(envelope) });
    }
    await redis.quit();

    // A separate archiver (as `npm run archiver`) has archived all of it.
    const { log } = archived;
    const archive = startTestArchiveService(archived.database.url, log, 'off');
    service = archive;
    await waitFor(async () => (await archive.refresh()).cursor !== null, 20_000, 'the archive migrated');
    server = await startTestServer({ prefix, log, archive });
    const store = server.app.store;
    await waitFor(() => store.state.appeals.get('gone')?.status === 'closed', 5000, 'the stream applied');
    await archived.setCursor(lastId);
    await waitFor(async () => (await archive.refresh()).cursor === lastId, 5000, 'the cursor read');
    // A new entry runs an eviction round with the archive's cursor past everything above.
    await appendEnvelope(log, appealRegistered());
    await waitFor(() => !store.state.appeals.has('gone'), 5000, 'the closed appeal evicted');
    expect(store.state.appeals.get('kept')?.status).toBe('resolved');
    expect(store.state.counters.ignored, store.state.counters.lastIgnored ?? '').toBe(0);

    await appendEnvelope(log, step('kept', new Date().toISOString(), 'appeal.status_changed', { status: 'closed' }));
    await waitFor(() => store.state.appeals.get('kept')?.status === 'closed', 5000, 'the closing applied');
    expect(store.state.counters.ignored, store.state.counters.lastIgnored ?? '').toBe(0);
  });
});
