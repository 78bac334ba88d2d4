import type { EventEnvelope, RegionCode } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../../server/src/logger';
import type { EventLog } from '../../../server/src/stream/eventLog';
import { createRedisLog } from '../../../server/src/stream/redisLog';
import { appendInOrder } from '../../support/appealData';
import { authedFetch, signIn, type TestSession } from '../../support/auth';
import { appealRegistered, appendEnvelope, uniqueId, waitFor } from '../../support/events';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis';
import { openTestArchive, type TestArchive } from '../../support/testArchive';
import { startTestServer, type TestServer } from '../../support/testServer';

/**
 * Open311's list form falls back to the archive (issue 16) like `GET /api/appeals?from=…`:
 * appeals archived from another stream (finished long ago; this server's projection never held
 * them) answer `requests.json` by period and by `service_request_id`, in the same shape as a
 * live request, masked, scoped to the caller's regions, and the read is audited. Real Redis,
 * real PostgreSQL.
 */

const DAY = 86_400_000;
const now = Date.now();
const iso = (ms: number): string => new Date(ms).toISOString();
/** A W3C date the way an Open311 client writes it (midnight in Kazakhstan). */
const day = (ms: number): string => new Date(ms + 5 * 3_600_000).toISOString().slice(0, 10);
const PHONE_DIGITS = /701\D?234\D?56\D?12|87012345612/;

let archive: TestArchive;
let source: EventLog;
const sourcePrefix = uniquePrefix('o311-src');
let server: TestServer;
let national: TestSession;
let astana: TestSession;
let almaty: TestSession;
const ids = { resolved: uniqueId('O'), almaty: uniqueId('O'), tooOld: uniqueId('O'), live: uniqueId('L') };

function statusChanged(appealId: string, region: RegionCode, at: number, status: string, comment?: string) {
  return {
    v: 1,
    id: uniqueId('evt'),
    type: 'appeal.status_changed',
    at: iso(at),
    region,
    data: { appealId, status, ...(comment ? { comment } : {}) },
  } as EventEnvelope;
}

beforeAll(async () => {
  archive = await openTestArchive();
  source = await createRedisLog({ url: testRedisUrl(), prefix: sourcePrefix, logger: createSilentLogger() });
  const old = now - 40 * DAY;
  const lastArchived = await appendInOrder(source, [
    appealRegistered({ appealId: ids.resolved, at: iso(old) }),
    statusChanged(ids.resolved, 'KZ-71', old + 3_600_000, 'resolved', 'Починили, звонили на 87012345612'),
    appealRegistered({ appealId: ids.almaty, region: 'KZ-75', at: iso(old + DAY) }),
    statusChanged(ids.almaty, 'KZ-75', old + DAY + 3_600_000, 'closed'),
    appealRegistered({ appealId: ids.tooOld, at: iso(now - 120 * DAY) }),
    statusChanged(ids.tooOld, 'KZ-71', now - 119 * DAY, 'closed'),
  ]);
  archive.startArchiver(source);
  await archive.waitForCursor(lastArchived, 60_000);
  server = await startTestServer({ history: archive.history });
  // Registered after the archive's cursor: only memory holds it; the archive's page is completed with it.
  const liveId = await appendEnvelope(server.log, appealRegistered({ appealId: ids.live, at: iso(Date.now() + 1000) }));
  await waitFor(() => server.app.store.state.cursor === liveId, 10_000, 'the live appeal projected');
  [national, astana, almaty] = await Promise.all([
    signIn(server, 'supervisor'),
    signIn(server, 'supervisor', ['KZ-71']),
    signIn(server, 'supervisor', ['KZ-75']),
  ]);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await archive?.cleanup();
  await source?.close();
  await deletePrefix(testRedisUrl(), sourcePrefix);
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
}, 60_000);

type Request311 = Record<string, unknown> & { service_request_id: string; status_notes: string };

async function requests(session: TestSession, query: string): Promise<{ status: number; body: Request311[] }> {
  const res = await authedFetch(session, `${server.url}/open311/v2/requests.json?${query}`);
  return { status: res.status, body: (await res.json()) as Request311[] };
}

const period = `start_date=${day(now - 60 * DAY)}&end_date=${day(now + DAY)}`;

describe('GET /open311/v2/requests.json past memory', () => {
  it('answers a period from the archive, merged with memory, newest first, in the live shape, masked', async () => {
    expect(server.app.store.state.appeals.has(ids.resolved)).toBe(false);
    const { status, body } = await requests(national, period);
    expect(status).toBe(200);
    expect(body.map((r) => r.service_request_id)).toEqual([ids.live, ids.almaty, ids.resolved]);
    const [live, , resolved] = body as [Request311, Request311, Request311];
    expect(Object.keys(resolved).sort()).toEqual(Object.keys(live).sort());
    expect(resolved.status).toBe('closed');
    // The status note comes from the archived status change, its phone scrubbed.
    expect(resolved.status_notes).toMatch(/^resolved: Починили/);
    expect(JSON.stringify(body)).not.toMatch(PHONE_DIGITS);
    expect(JSON.stringify(body)).not.toContain('Айгерім');
  });

  it('keeps to the caller regions and to the period', async () => {
    const inAstana = await requests(astana, period);
    expect(inAstana.body.map((r) => r.service_request_id)).toEqual([ids.live, ids.resolved]);
    const inAlmaty = await requests(almaty, period);
    expect(inAlmaty.body.map((r) => r.service_request_id)).toEqual([ids.almaty]);
    const older = await requests(national, `start_date=${day(now - 150 * DAY)}&end_date=${day(now - 100 * DAY)}`);
    expect(older.body.map((r) => r.service_request_id)).toEqual([ids.tooOld]);
    const openOnly = await requests(national, `${period}&status=open`);
    expect(openOnly.body.map((r) => r.service_request_id)).toEqual([ids.live]);
  });

  it('answers service_request_id lists from memory and the archive, in the order asked, scoped', async () => {
    const list = `service_request_id=${ids.almaty},${ids.live},nope,${ids.resolved}`;
    const all = await requests(national, list);
    expect(all.status).toBe(200);
    expect(all.body.map((r) => r.service_request_id)).toEqual([ids.almaty, ids.live, ids.resolved]);
    const inAlmaty = await requests(almaty, list);
    expect(inAlmaty.body.map((r) => r.service_request_id)).toEqual([ids.almaty]);
  });

  it('audits the archive reads: each appeal by id, a search once with its filter names', async () => {
    const reads = await server.app.access.audit.query({ action: 'history.read', actor: almaty.username, limit: 10 });
    expect(reads.map((r) => r.target)).toContain(`appeal:${ids.almaty}`);
    expect(reads.map((r) => r.target)).not.toContain(`appeal:${ids.live}`);
    const searches = await server.app.access.audit.query({
      action: 'history.search',
      actor: astana.username,
      limit: 10,
    });
    expect(searches[0]?.target).toBe('archive:open311.requests');
    expect(searches[0]?.changed).toEqual(['start_date', 'end_date']);
  });

  it('says 503, not an empty list, when the archive cannot be read', async () => {
    await archive.db.close();
    const { status, body } = await requests(national, period);
    expect(status).toBe(503);
    expect((body as unknown as { code: number }[])[0]?.code).toBe(503);
  });
});
