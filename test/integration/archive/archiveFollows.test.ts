import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStreamIds, type EventEnvelope } from '@shared';
import type { ArchiveService } from '../../../server/src/archive/createArchiveService';
import { openArchivedLog, type ArchivedLog } from '../../support/archivedLog';
import { authedFetch, signIn } from '../../support/auth';
import { appealRegistered, appendEnvelope, uniqueId, waitFor } from '../../support/events';
import { testRedisUrl, uniquePrefix } from '../../support/redis';
import { startTestArchiveService } from '../../support/testArchive';
import { startTestServer, type TestServer } from '../../support/testServer';

const prefix = uniquePrefix('archfollow');
let archived: ArchivedLog;
const services: ArchiveService[] = [];
let server: TestServer | null = null;

function closed(appealId: string, at: string): EventEnvelope {
  return {
    v: 1,
    id: uniqueId('evt'),
    type: 'appeal.status_changed',
    at,
    region: 'KZ-71',
    data: { appealId, status: 'closed' },
  };
}

function startService(archiver: 'inline' | 'off', streamMaxEntries = 1_000_000): ArchiveService {
  const service = startTestArchiveService(archived.database.url, archived.log, archiver, { streamMaxEntries });
  services.push(service);
  return service;
}

beforeAll(async () => {
  archived = await openArchivedLog(prefix);
});

afterAll(async () => {
  await server?.stop();
  for (const service of services) await service.close().catch(() => undefined);
  await archived.close();
});

describe('the stream and the projection follow the archive', () => {
  it('never trims the stream past the archive cursor, evicts only archived finished appeals, and health shows the lag', async () => {
    // A day ago (explicit ids, as a producer's backlog): three appeals registered and closed
    // a day before that, then 100 open ones so that the closed ones are out of the feed's
    // newest events.
    const { log } = archived;
    const old = Date.now() - 26 * 3_600_000;
    const at = new Date(old).toISOString();
    const closedAt = new Date(old - 26 * 3_600_000).toISOString();
    const envelopes: EventEnvelope[] = [];
    for (const id of ['a1', 'a2', 'a3']) {
      envelopes.push(appealRegistered({ appealId: id, at: closedAt }), closed(id, closedAt));
    }
    for (let i = 0; i < 100; i += 1) envelopes.push(appealRegistered({ appealId: `open${i}`, at }));
    const redis = createClient({ url: testRedisUrl() });
    await redis.connect();
    const ids: string[] = [];
    for (const [i, envelope] of envelopes.entries()) {
      ids.push(await redis.xAdd(`${prefix}:events`, `${old}-${i}`, { event: JSON.stringify(envelope) }));
    }
    await redis.quit();
    const a1ClosedId = ids[1] as string;
    const lastOldId = ids.at(-1) as string;

    // No archiver runs here (ARCHIVER=off); a separate one stands at a1's closing.
    const service = startService('off', 50);
    await waitFor(async () => (await service.refresh()).cursor !== null, 20_000, 'the archive migrated');
    await archived.setCursor(a1ClosedId);
    await waitFor(async () => (await service.refresh()).cursor === a1ClosedId, 5000, 'the cursor read');

    server = await startTestServer({
      prefix,
      log,
      archive: service,
      // The shortest confirmation window, so the closed appeals (closed 26 h before the newest
      // entry, the projection's clock) are no longer kept for the citizen's callback (issue 17)
      // and eviction follows the archive alone.
      config: { STREAM_RETENTION: '1h', SNAPSHOT_INTERVAL_MS: '1000', CONFIRMATION_WINDOW_DAYS: '1' },
    });
    const appeals = server.app.store.state.appeals;
    expect(appeals.has('a1')).toBe(false);
    expect(appeals.has('a2') && appeals.has('a3')).toBe(true);

    // Retention (1 h) would drop every old entry; the archive holds only up to a1's closing.
    const fresh = await appendEnvelope(log, appealRegistered());
    await waitFor(async () => (await log.info('events')).firstId === a1ClosedId, 10_000, 'trimmed to the cursor');
    expect((await log.info('events')).length).toBe(ids.length - 1 + 1);

    const admin = await signIn(server, 'admin');
    const health = (await (await authedFetch(admin, `${server.url}/api/health`)).json()) as {
      status: string;
      archive: { state: string; lagEntries: number; lagSeconds: number; streamLength: number; streamLimit: number };
    };
    expect(health.archive.state).toBe('behind');
    expect(health.archive.lagEntries).toBe(ids.length - 2 + 1);
    expect(health.archive.lagSeconds).toBeGreaterThan(3 * 3600 - 60);
    // 104 entries against a limit of 50: red, yet served (200), the live side untouched.
    expect(health.archive.streamLimit).toBe(50);
    expect(health.status).toBe('red');

    // The archive catches up to the old entries: they go from memory and from the stream.
    await archived.setCursor(lastOldId);
    await waitFor(async () => (await service.refresh()).cursor === lastOldId, 5000, 'the cursor read');
    await appendEnvelope(log, appealRegistered());
    await waitFor(() => !appeals.has('a2') && !appeals.has('a3'), 5000, 'archived appeals evicted');
    expect(appeals.has('open0')).toBe(true);
    await waitFor(async () => (await log.info('events')).firstId === lastOldId, 10_000, 'trimmed to the new cursor');
    expect(compareStreamIds((await log.info('events')).lastId, fresh)).toBeGreaterThan(0);
  });

  it('archives the audit stream too, with its own cursor', async () => {
    if (!server) throw new Error('needs the first test');
    const { sql } = archived;
    const inline = startService('inline');
    const auditId = await server.app.access.audit.record({
      actor: 'tester',
      role: 'admin',
      action: 'user.create',
      target: 'someone',
      requestId: 'req-1',
    });
    await waitFor(
      async () => (await sql.query('SELECT 1 FROM audit_events WHERE stream_id = $1', [auditId])).rows.length === 1,
      20_000,
      'the audit entry archived',
    );
    const { rows } = await sql.query<{ actor: string; action: string; subject: string }>(
      'SELECT actor, action, subject FROM audit_events WHERE stream_id = $1',
      [auditId],
    );
    expect(rows[0]).toEqual({ actor: 'tester', action: 'user.create', subject: 'someone' });
    const status = await waitFor(
      async () => {
        const s = await inline.refresh();
        return s.state === 'ok' && s.lagEntries === 0 && s.auditCursor === auditId ? s : null;
      },
      20_000,
      'the inline archiver caught up',
    );
    expect(status.mode).toBe('postgres');
  });
});
