import { randomUUID } from 'node:crypto';
import type { ApiError, WriteAccepted } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let agent: TestSession;
let supervisor: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  agent = await signIn(server, 'agent', ['KZ-71']);
  supervisor = await signIn(server, 'supervisor', ['KZ-71']);
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
  citizen: { name: 'Айгерим Серикова', phone: '8 (701) 234-56-78' },
};

async function post(
  session: TestSession,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await authedFetch(session, `${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown, headers: res.headers };
}

async function eventCount(): Promise<number> {
  return (await server.log.info('events')).length;
}

async function register(body: unknown = REGISTER, key: string = randomUUID()): Promise<WriteAccepted> {
  const res = await post(agent, '/api/appeals', body, { 'Idempotency-Key': key });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const accepted = res.body as WriteAccepted;
  await waitFor(() => server.app.store.state.appeals.has(accepted.appealId ?? ''), 5000, 'appeal applied');
  return accepted;
}

describe('POST /api/appeals', () => {
  it('turns a valid body into one appeal.registered event located by point, with the phone normalised', async () => {
    const before = await eventCount();
    const accepted = await register();
    expect(accepted.eventId).toMatch(/^api-/);
    expect(accepted.cursor).toMatch(/^\d+-\d+$/);
    expect(await eventCount()).toBe(before + 1);
    const appeal = server.app.store.state.appeals.get(accepted.appealId ?? '');
    expect(appeal).toMatchObject({ region: 'KZ-71', category: 'heating', status: 'registered' });
    expect(appeal?.citizen?.phone).toBe('+77012345678');
  });

  it('answers a retry with the same Idempotency-Key with the first answer and writes nothing more', async () => {
    const key = randomUUID();
    const first = await register(REGISTER, key);
    const before = await eventCount();
    const again = await post(agent, '/api/appeals', REGISTER, { 'Idempotency-Key': key });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventCount()).toBe(before);
  });

  it('refuses a reused key with another body (422) and lets a refused request be corrected under the same key', async () => {
    const key = randomUUID();
    await register(REGISTER, key);
    const other = await post(agent, '/api/appeals', { ...REGISTER, priority: 'low' }, { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect((other.body as ApiError).code).toBe('idempotency_key_reused');

    const fresh = randomUUID();
    const bad = await post(
      agent,
      '/api/appeals',
      { ...REGISTER, citizen: { phone: '12345' } },
      { 'Idempotency-Key': fresh },
    );
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'invalid', field: 'citizen.phone' });
    const fixed = await post(agent, '/api/appeals', REGISTER, { 'Idempotency-Key': fresh });
    expect(fixed.status).toBe(202);
  });

  it('refuses a region outside the caller scope (403) and a point outside every region (422), writing nothing', async () => {
    const before = await eventCount();
    const almaty = await post(agent, '/api/appeals', { ...REGISTER, location: { lat: 43.24, lng: 76.91 } });
    expect(almaty.status).toBe(403);
    expect(almaty.body).toMatchObject({ code: 'region_out_of_scope', field: 'region' });
    const sea = await post(agent, '/api/appeals', { ...REGISTER, location: { lat: 0, lng: 0 } });
    expect(sea.status).toBe(422);
    expect(sea.body).toMatchObject({ code: 'outside_regions', field: 'location' });
    expect(await eventCount()).toBe(before);
  });
});

describe('appeal transitions', () => {
  it('assigns, takes into work, resolves, closes; refuses to resolve a closed appeal with 409 and a reason', async () => {
    const { appealId } = await register();
    const path = `/api/appeals/${appealId ?? ''}`;
    expect((await post(supervisor, `${path}/assign`, { service: 'Astana Teplotranzit' })).status).toBe(202);
    expect((await post(agent, `${path}/status`, { status: 'in_progress' })).status).toBe(202);
    expect(
      (
        await post(agent, `${path}/status`, {
          status: 'resolved',
          comment: 'Подача восстановлена',
          outcome: 'satisfied',
        })
      ).status,
    ).toBe(202);
    const closed = await post(supervisor, `${path}/status`, { status: 'closed' });
    expect(closed.status).toBe(202);
    await waitFor(() => server.app.store.state.appeals.get(appealId ?? '')?.status === 'closed', 5000, 'closed');
    const before = await eventCount();
    const again = await post(supervisor, `${path}/status`, { status: 'resolved', outcome: 'satisfied' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invalid_transition', field: 'status' });
    expect((again.body as ApiError).message).toContain('closed');
    expect((await post(supervisor, `${path}/assign`, { service: 'Other' })).status).toBe(409);
    expect(await eventCount()).toBe(before);
  });

  it('escalates only upwards, and an agent may not assign or escalate', async () => {
    const { appealId } = await register();
    const path = `/api/appeals/${appealId ?? ''}`;
    expect((await post(agent, `${path}/escalate`, { priority: 'emergency' })).status).toBe(403);
    expect((await post(agent, `${path}/assign`, { service: 'X' })).status).toBe(403);
    expect((await post(supervisor, `${path}/escalate`, { priority: 'emergency' })).status).toBe(202);
    await waitFor(() => server.app.store.state.appeals.get(appealId ?? '')?.priority === 'emergency', 5000, 'raised');
    const lower = await post(supervisor, `${path}/escalate`, { priority: 'normal' });
    expect(lower).toMatchObject({ status: 409, body: { code: 'not_higher', field: 'priority' } });
  });

  it('answers 404 for an unknown appeal and for one outside the caller regions', async () => {
    expect((await post(supervisor, '/api/appeals/A-NOPE/assign', { service: 'X' })).status).toBe(404);
    const elsewhere = await signIn(server, 'supervisor', ['KZ-75']);
    const { appealId } = await register();
    const res = await post(elsewhere, `/api/appeals/${appealId ?? ''}/status`, { status: 'in_progress' });
    expect(res).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});

describe('incidents', () => {
  it('opens an incident with appeals, links more, updates and resolves it; refuses what makes no sense', async () => {
    const a = await register();
    const b = await register();
    const opened = await post(supervisor, '/api/incidents', {
      title: 'Авария на теплотрассе',
      category: 'heating',
      severity: 'major',
      location: ASTANA,
      appealIds: [a.appealId],
    });
    expect(opened.status).toBe(202);
    const incidentId = (opened.body as WriteAccepted).incidentId ?? '';
    await waitFor(() => server.app.store.state.incidents.has(incidentId), 5000, 'incident');
    const path = `/api/incidents/${incidentId}`;
    expect((await post(supervisor, `${path}/link`, { appealIds: [b.appealId] })).status).toBe(202);
    await waitFor(
      () => server.app.store.state.appeals.get(b.appealId ?? '')?.incidentId === incidentId,
      5000,
      'linked',
    );
    expect((await post(supervisor, `${path}/link`, { appealIds: [b.appealId] })).body).toMatchObject({
      code: 'no_change',
    });
    expect((await post(supervisor, `${path}/link`, { appealIds: ['A-NOPE'] })).body).toMatchObject({
      code: 'unknown_appeal',
      field: 'appealIds',
    });
    expect((await post(supervisor, `${path}/update`, { severity: 'critical', note: 'Локализовано' })).status).toBe(202);
    expect((await post(supervisor, `${path}/update`, {})).status).toBe(422);
    expect((await post(supervisor, `${path}/resolve`, { note: 'Восстановлено' })).status).toBe(202);
    await waitFor(() => server.app.store.state.incidents.get(incidentId)?.status === 'resolved', 5000, 'resolved');
    expect((await post(supervisor, `${path}/resolve`, {})).body).toMatchObject({ code: 'invalid_transition' });
  });
});

describe('every write is audited with its actor', () => {
  it('leaves one audit record per accepted write, naming fields but never personal values', async () => {
    const accepted = await register();
    const records = await server.app.access.audit.query({ target: `appeal:${accepted.appealId ?? ''}`, limit: 10 });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor: agent.username, role: 'agent', action: 'appeal.register' });
    expect(records[0]?.changed).toContain('citizen');
    // The phone's digits in any form (a bare '701' also occurs in stream ids and request ids by chance).
    const text = JSON.stringify(records);
    for (const form of ['2345678', '234-56-78', 'Айгерим', 'Серикова']) expect(text).not.toContain(form);
  });
});

describe('lists', () => {
  it('lists the agent own registrations newest first and the region appeals with filters and CSV', async () => {
    const mine = await authedFetch(agent, `${server.url}/api/appeals/mine`);
    const body = (await mine.json()) as { items: { id: string; citizen?: { phone?: string } }[] };
    expect(body.items.length).toBeGreaterThan(3);
    expect(body.items[0]?.citizen?.phone).not.toContain('234');
    const list = await authedFetch(
      supervisor,
      `${server.url}/api/appeals?status=registered&sort=-registeredAt&limit=2`,
    );
    expect(list.status).toBe(200);
    const page = (await list.json()) as { items: unknown[]; total: number; nextCursor: string | null };
    expect(page.items).toHaveLength(2);
    const csv = await authedFetch(
      supervisor,
      `${server.url}/api/appeals.csv?status=registered&sort=-registeredAt&format=codes`,
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toContain('status=registered');
    expect(lines.length).toBe(page.total + 2);
    // A masked phone inside a description cannot be probed digit by digit through `q`.
    const probe = await register({ ...REGISTER, description: 'Перезвоните на +7 701 555 12 34, холодно' });
    const byWord = await authedFetch(supervisor, `${server.url}/api/appeals?q=${encodeURIComponent('Перезвоните')}`);
    expect(((await byWord.json()) as { items: { id: string }[] }).items.map((a) => a.id)).toContain(probe.appealId);
    const byDigits = await authedFetch(supervisor, `${server.url}/api/appeals?q=${encodeURIComponent('555 12 34')}`);
    expect(((await byDigits.json()) as { total: number }).total).toBe(0);
    const bad = await authedFetch(supervisor, `${server.url}/api/appeals?colour=red`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid', field: 'colour' });
  });
});

describe('audit of every write endpoint', () => {
  it('each accepted write leaves exactly one record with its actor; a refused one leaves none', async () => {
    const clerk = await signIn(server, 'agent', ['KZ-71']);
    const boss = await signIn(server, 'supervisor', ['KZ-71']);
    const reg = await post(clerk, '/api/appeals', REGISTER);
    const other = await post(clerk, '/api/appeals', REGISTER);
    const appealId = (reg.body as WriteAccepted).appealId ?? '';
    const otherId = (other.body as WriteAccepted).appealId ?? '';
    await waitFor(
      () => server.app.store.state.appeals.has(appealId) && server.app.store.state.appeals.has(otherId),
      5000,
      'appeals',
    );
    const open311 = await authedFetch(clerk, `${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service_code: 'lighting', lat: 51.13, long: 71.44, description: 'Не горит фонарь' }),
    });
    expect(open311.status).toBe(201);
    const path = `/api/appeals/${appealId}`;
    expect((await post(clerk, `${path}/status`, { status: 'in_progress' })).status).toBe(202);
    expect((await post(boss, `${path}/assign`, { service: 'Astana Teplotranzit' })).status).toBe(202);
    expect((await post(boss, `${path}/escalate`, { priority: 'emergency' })).status).toBe(202);
    const opened = await post(boss, '/api/incidents', {
      title: 'Авария',
      category: 'heating',
      severity: 'major',
      location: ASTANA,
      appealIds: [appealId],
    });
    const incidentId = (opened.body as WriteAccepted).incidentId ?? '';
    await waitFor(() => server.app.store.state.incidents.has(incidentId), 5000, 'incident');
    const incident = `/api/incidents/${incidentId}`;
    expect((await post(boss, `${incident}/link`, { appealIds: [otherId] })).status).toBe(202);
    expect((await post(boss, `${incident}/update`, { note: 'Локализовано' })).status).toBe(202);
    expect((await post(boss, `${incident}/resolve`, {})).status).toBe(202);
    await waitFor(() => server.app.store.state.incidents.get(incidentId)?.status === 'resolved', 5000, 'resolved');
    expect((await post(boss, `${incident}/resolve`, {})).status).toBe(409);

    const count = async (actor: string) => {
      const records = await server.app.access.audit.query({ actor, limit: 100 });
      const byAction: Record<string, number> = {};
      for (const r of records) byAction[r.action] = (byAction[r.action] ?? 0) + 1;
      return { byAction, roles: new Set(records.map((r) => r.role)) };
    };
    const ofClerk = await count(clerk.username);
    expect(ofClerk.byAction).toEqual({ 'login.success': 1, 'appeal.register': 3, 'appeal.status': 1 });
    expect([...ofClerk.roles]).toEqual(['agent']);
    const ofBoss = await count(boss.username);
    expect(ofBoss.byAction).toEqual({
      'login.success': 1,
      'appeal.assign': 1,
      'appeal.escalate': 1,
      'incident.open': 1,
      'incident.link': 1,
      'incident.update': 1,
      'incident.resolve': 1,
    });
  });
});
