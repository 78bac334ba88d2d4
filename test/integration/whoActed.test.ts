import { previousStreamId, type Actor, type StreamEvent, type WriteAccepted } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../server/src/audit/createAuditLog';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { appealRegistered, appendEnvelope, uniqueId, waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let supervisor: TestSession;
let agent: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  supervisor = await signIn(server, 'supervisor', ['KZ-71']);
  agent = await signIn(server, 'agent', ['KZ-71']);
});

afterAll(async () => {
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

const ASTANA = { lat: 51.128, lng: 71.43, address: 'ул. Кенесары, 40' };
const REGISTER = {
  category: 'heating',
  priority: 'high',
  channel: 'call',
  location: ASTANA,
  description: 'В квартире холодно, батареи ледяные',
};

async function post(session: TestSession, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await authedFetch(session, `${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function write(session: TestSession, path: string, body: unknown): Promise<WriteAccepted> {
  const res = await post(session, path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const accepted = res.body as WriteAccepted;
  await waitFor(() => server.app.store.state.seen.has(accepted.eventId), 5000, 'write applied');
  return accepted;
}

/** The stored stream entry of a write, as any consumer of the stream reads it. */
async function storedEvent(cursor: string): Promise<{ id: string; actor?: Actor }> {
  const [entry] = await server.log.range('events', previousStreamId(cursor), cursor, 1);
  return JSON.parse(entry?.fields.event ?? '{}') as { id: string; actor?: Actor };
}

async function read<T>(session: TestSession, path: string): Promise<{ status: number; body: T }> {
  const res = await authedFetch(session, `${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

describe('who acted', () => {
  it('a write through the API stores its caller as the actor', async () => {
    const accepted = await write(agent, '/api/appeals', REGISTER);
    expect((await storedEvent(accepted.cursor)).actor).toEqual({ kind: 'user', id: agent.username, role: 'agent' });
    const { body } = await read<{ timeline: StreamEvent[] }>(supervisor, `/api/appeals/${accepted.appealId ?? ''}`);
    expect(body.timeline[0]?.actor).toEqual({ kind: 'user', id: agent.username, role: 'agent' });
  });

  it('an Open311 write names the API client account and the API', async () => {
    const res = await authedFetch(agent, `${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service_code: 'lighting', lat: '51.128', long: '71.43', description: 'Не горит фонарь' }),
    });
    expect(res.status).toBe(201);
    const [created] = (await res.json()) as [{ service_request_id: string }];
    const appeal = await waitFor(() => server.app.store.state.appeals.get(created.service_request_id), 5000, 'open311');
    const stored = await storedEvent(appeal.streamIds[0] ?? '');
    expect(stored.actor).toEqual({ kind: 'user', id: agent.username, role: 'agent', via: 'open311' });
  });

  it('an older API event without an actor is joined to the audit record of its write when read', async () => {
    const registered = appealRegistered({ region: 'KZ-71' });
    const appealId = (registered.data as { appealId: string }).appealId;
    await appendEnvelope(server.log, registered);
    await waitFor(() => server.app.store.state.appeals.has(appealId), 5000, 'appeal');
    // As the write service wrote before `actor` existed: the event, then its audit record.
    const old = {
      v: 1,
      id: `api-${uniqueId('old')}`,
      type: 'appeal.status_changed',
      at: new Date().toISOString(),
      region: 'KZ-71',
      data: { appealId, status: 'in_progress' },
    } as const;
    await appendEnvelope(server.log, old);
    await createAuditLog(server.log).record({
      actor: 'old.hand',
      role: 'supervisor',
      action: 'appeal.status',
      target: `appeal:${appealId}`,
      requestId: 'req-old',
    });
    await waitFor(() => server.app.store.state.seen.has(old.id), 5000, 'old write');
    const { body } = await read<{ timeline: StreamEvent[] }>(supervisor, `/api/appeals/${appealId}`);
    const [first, second] = body.timeline;
    // An outside producer's event was never audited: it stays without an actor.
    expect(first?.actor).toBeUndefined();
    expect(second?.actor).toEqual({ kind: 'user', id: 'old.hand', role: 'supervisor' });
  });
});

describe('the incident page API', () => {
  it('opens, links, notes and resolves an incident, each step audited and said in its timeline', async () => {
    const first = await write(agent, '/api/appeals', REGISTER);
    const second = await write(agent, '/api/appeals', { ...REGISTER, description: 'Холодно во втором подъезде' });
    const opened = await write(supervisor, '/api/incidents', {
      title: 'Авария на теплотрассе',
      category: 'heating',
      severity: 'major',
      location: ASTANA,
      appealIds: [first.appealId],
    });
    const incidentId = opened.incidentId ?? '';
    await write(supervisor, `/api/incidents/${incidentId}/link`, { appealIds: [second.appealId] });
    await write(supervisor, `/api/incidents/${incidentId}/update`, { severity: 'critical', note: 'Бригада на месте' });
    await write(supervisor, `/api/incidents/${incidentId}/resolve`, { note: 'Трубу заменили' });

    type Details = {
      incident: { status: string; severity: string; appealIds: string[] };
      timeline: StreamEvent[];
      appeals: { id: string; status: string; region: string }[];
    };
    const { status, body } = await read<Details>(supervisor, `/api/incidents/${incidentId}`);
    expect(status).toBe(200);
    expect(body.incident).toMatchObject({ status: 'resolved', severity: 'critical' });
    expect(body.appeals.map((a) => a.id).sort()).toEqual([first.appealId, second.appealId].sort());
    expect(body.timeline.map((e) => e.type)).toEqual([
      'incident.opened',
      'incident.updated',
      'incident.updated',
      'incident.resolved',
    ]);
    for (const event of body.timeline) expect(event.actor).toMatchObject({ kind: 'user', id: supervisor.username });

    const acts = await server.app.access.audit.query({ target: `incident:${incidentId}`, limit: 10 });
    expect(acts.map((a) => a.action).sort()).toEqual(
      ['incident.link', 'incident.open', 'incident.resolve', 'incident.update'].sort(),
    );
    expect(new Set(acts.map((a) => a.actor))).toEqual(new Set([supervisor.username]));

    // Another region's supervisor: the incident does not exist for them, nor may they resolve it.
    const elsewhere = await signIn(server, 'supervisor', ['KZ-75']);
    expect((await read(elsewhere, `/api/incidents/${incidentId}`)).status).toBe(404);
    expect((await post(elsewhere, `/api/incidents/${incidentId}/update`, { note: 'чужой' })).status).toBe(404);
    // Resolved is final for writes.
    expect((await post(supervisor, `/api/incidents/${incidentId}/link`, { appealIds: [first.appealId] })).status).toBe(
      409,
    );
  });
});
