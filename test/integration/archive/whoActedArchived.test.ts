import { randomUUID } from 'node:crypto';
import { compareStreamIds, type Actor, type EventEnvelope, type StreamEvent } from '@shared';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditBatch } from '../../../server/src/archive/archiveAuditBatch';
import { createArchiver, type Archiver } from '../../../server/src/archive/createArchiver';
import { createLogStreamReader } from '../../../server/src/archive/streamReader';
import { AUDIT_STREAM } from '../../../server/src/audit/createAuditLog';
import { createArchiveTimelineReads } from '../../../server/src/http/auditActors';
import { createSilentLogger } from '../../../server/src/logger';
import { authedFetch, signIn, type TestSession } from '../../support/auth';
import { appealAssigned, appealRegistered, appendEnvelope, uniqueId, waitFor } from '../../support/events';
import { deletePrefix, testRedisUrl } from '../../support/redis';
import { openTestArchive, type TestArchive } from '../../support/testArchive';
import { startTestServer, type TestServer } from '../../support/testServer';

/**
 * Who acted, for events older than the `actor` field (issue 18), once the Redis audit trail
 * no longer holds their writes: the timelines join them to the archived audit trail and show
 * the staff member's display name. And an incident no longer in memory answers from the
 * archive with its timeline. Real Redis, real PostgreSQL.
 */

const SLOW_MS = 120_000;
const AGENT_NAME = 'Оператор Айгерім Нұрланқызы';

let archive: TestArchive;
let live: TestServer;
/** A node that never saw the stream's events (its projection and audit trail are empty): everything it knows is archived. */
let fresh: TestServer;
let auditArchiver: Archiver;
let agent: string;
let liveReader: TestSession;
let freshReader: TestSession;
const appealId = uniqueId('A');
const incidentId = uniqueId('I');
let lastStreamId = '0-0';

/** An event written through the API before events carried `actor`: an `api-` id, no actor. */
function oldApiWrite(envelope: EventEnvelope): EventEnvelope {
  return { ...envelope, id: `api-${randomUUID()}` };
}

async function writeAndAudit(envelope: EventEnvelope, action: string, target: string): Promise<void> {
  lastStreamId = await appendEnvelope(live.log, oldApiWrite(envelope));
  await live.app.access.audit.record({
    actor: agent,
    role: 'agent',
    action: action as 'appeal.register',
    target,
    requestId: randomUUID(),
  });
}

beforeAll(async () => {
  archive = await openTestArchive();
  const archiveReads = createArchiveTimelineReads(archive.db);
  live = await startTestServer({ history: archive.history, archiveReads });
  fresh = await startTestServer({ history: archive.history, archiveReads });
  agent = uniqueId('agent').toLowerCase();
  for (const server of [live, fresh])
    await server.app.access.users.add({
      username: agent,
      password: 'pw-agent-secret-1',
      role: 'agent',
      regions: 'all',
      displayName: AGENT_NAME,
    });
  archive.startArchiver(live.log);
  auditArchiver = createArchiver({
    db: archive.db,
    name: 'audit',
    reader: createLogStreamReader(live.log, { stream: AUDIT_STREAM, blockMs: 100 }),
    write: writeAuditBatch,
    logger: createSilentLogger(),
    batchSize: 500,
    pollMs: 100,
  });
  auditArchiver.start();

  await writeAndAudit(appealRegistered({ appealId }), 'appeal.register', `appeal:${appealId}`);
  await writeAndAudit(appealAssigned(appealId), 'appeal.assign', `appeal:${appealId}`);
  const opened: EventEnvelope = {
    v: 1,
    id: uniqueId('evt'),
    type: 'incident.opened',
    at: new Date().toISOString(),
    region: 'KZ-71',
    data: {
      incidentId,
      title: 'Авария на теплотрассе',
      category: 'heating',
      severity: 'major',
      location: { lat: 51.13, lng: 71.44 },
    },
  } as EventEnvelope;
  await writeAndAudit(opened, 'incident.open', `incident:${incidentId}`);

  await waitFor(() => live.app.store.state.incidents.has(incidentId), 10_000, 'incident applied');
  await archive.waitForCursor(lastStreamId, SLOW_MS / 2);
  await waitFor(
    async () => {
      const { rows } = await archive.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_events WHERE subject = ANY($1::text[])',
        [[`appeal:${appealId}`, `incident:${incidentId}`]],
      );
      return (rows[0]?.n ?? 0) >= 3;
    },
    SLOW_MS / 2,
    'audit archived',
  );
  // Redis trims its audit trail: only the archive still knows who wrote these events.
  const redis = createClient({ url: testRedisUrl() });
  await redis.connect();
  expect(await redis.xLen(`${live.prefix}:${AUDIT_STREAM}`)).toBeGreaterThanOrEqual(3);
  await redis.del(`${live.prefix}:${AUDIT_STREAM}`);
  await redis.quit();
  expect(await live.app.access.audit.actsOn([`appeal:${appealId}`], 0)).toEqual([]);

  liveReader = await signIn(live, 'supervisor');
  freshReader = await signIn(fresh, 'supervisor');
}, SLOW_MS);

afterAll(async () => {
  await auditArchiver?.stop().catch(() => undefined);
  await live?.stop();
  await fresh?.stop();
  await archive?.cleanup();
  for (const server of [live, fresh]) if (server) await deletePrefix(testRedisUrl(), server.prefix);
}, SLOW_MS);

async function getJson<T>(
  session: TestSession,
  server: TestServer,
  path: string,
): Promise<{ status: number; body: T }> {
  const res = await authedFetch(session, `${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

const AGENT_ACTOR = (): Actor => ({ kind: 'user', id: agent, role: 'agent', name: AGENT_NAME });

describe('who acted, from the archived audit trail', () => {
  it("an appeal's timeline names the staff member whose audit entry is only in the archive", async () => {
    const { status, body } = await getJson<{ timeline: StreamEvent[] }>(liveReader, live, `/api/appeals/${appealId}`);
    expect(status).toBe(200);
    expect(body.timeline.map((e) => e.type)).toEqual(['appeal.registered', 'appeal.assigned']);
    for (const event of body.timeline) expect(event.actor).toEqual(AGENT_ACTOR());
  });

  it("an incident's timeline does the same", async () => {
    const { status, body } = await getJson<{ source: string; timeline: StreamEvent[] }>(
      liveReader,
      live,
      `/api/incidents/${incidentId}`,
    );
    expect(status).toBe(200);
    expect(body.source).toBe('memory');
    expect(body.timeline.map((e) => e.type)).toEqual(['incident.opened']);
    expect(body.timeline[0]?.actor).toEqual(AGENT_ACTOR());
  });
});

describe('an incident no longer in memory', () => {
  it('answers /api/incidents/:id from the archive with its timeline and who acted', async () => {
    expect(fresh.app.store.state.incidents.has(incidentId)).toBe(false);
    const { status, body } = await getJson<{
      source: string;
      incident: { id: string; title: string };
      timeline: StreamEvent[];
      timelineStatus: { isPartial: boolean; missing: number };
    }>(freshReader, fresh, `/api/incidents/${incidentId}`);
    expect(status).toBe(200);
    expect(body.source).toBe('archive');
    expect(body.incident).toMatchObject({ id: incidentId, title: 'Авария на теплотрассе' });
    expect(body.timeline.map((e) => e.type)).toEqual(['incident.opened']);
    expect(body.timeline[0]?.actor).toEqual(AGENT_ACTOR());
    expect(compareStreamIds(body.timeline[0]?.streamId ?? '0-0', '0-0')).toBeGreaterThan(0);
    expect(body.timelineStatus).toMatchObject({ isPartial: false, missing: 0 });
  });
});
