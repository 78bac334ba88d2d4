import { randomUUID } from 'node:crypto';
import { BUILT_IN_CALENDAR_YEARS, defineCalendarYear, type Appeal, type WriteAccepted } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/** The law's clock through the real server and Redis: the write endpoints, the queue, health, the calendar event. */

let server: TestServer;
let agent: TestSession;
let supervisor: TestSession;
let operator: TestSession;
let admin: TestSession;
let elsewhere: TestSession;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ config: { CONFIRMATION_WINDOW_DAYS: '10' } });
  agent = await signIn(server, 'agent', ['KZ-71']);
  supervisor = await signIn(server, 'supervisor', ['KZ-71']);
  operator = await signIn(server, 'operator', ['KZ-71']);
  admin = await signIn(server, 'admin');
  elsewhere = await signIn(server, 'supervisor', ['KZ-75']);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

const REGISTER = {
  category: 'heating',
  priority: 'normal',
  channel: 'call',
  location: { lat: 51.128, lng: 71.43, address: 'ул. Кенесары, 40' },
  description: 'В квартире холодно',
};

async function post(session: TestSession, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await authedFetch(session, `${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function get(session: TestSession, path: string): Promise<{ status: number; body: unknown }> {
  const res = await authedFetch(session, `${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as unknown };
}

const appealOf = (id: string): Appeal | undefined => server.app.store.state.appeals.get(id);

async function until(id: string, check: (a: Appeal) => boolean, what: string): Promise<Appeal> {
  await waitFor(
    () => {
      const a = appealOf(id);
      return a !== undefined && check(a);
    },
    5000,
    what,
  );
  return appealOf(id) as Appeal;
}

async function register(): Promise<string> {
  const res = await post(agent, '/api/appeals', REGISTER);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = (res.body as WriteAccepted).appealId ?? '';
  await until(id, () => true, 'registered');
  return id;
}

async function resolve(id: string, outcome = 'satisfied'): Promise<void> {
  expect((await post(agent, `/api/appeals/${id}/status`, { status: 'resolved', outcome })).status).toBe(202);
  await until(id, (a) => a.status === 'resolved', 'resolved');
}

describe('outcome on the status endpoint', () => {
  it('requires an outcome to resolve (422 outcome_required on outcome) and records it', async () => {
    const id = await register();
    const bare = await post(agent, `/api/appeals/${id}/status`, { status: 'resolved' });
    expect(bare.status).toBe(422);
    expect(bare.body).toMatchObject({ code: 'outcome_required', field: 'outcome' });
    const misplaced = await post(agent, `/api/appeals/${id}/status`, { status: 'in_progress', outcome: 'refused' });
    expect(misplaced.status).toBe(422);
    expect(misplaced.body).toMatchObject({ code: 'invalid', field: 'outcome' });
    const unknown = await post(agent, `/api/appeals/${id}/status`, { status: 'resolved', outcome: 'happy' });
    expect(unknown).toMatchObject({ status: 422, body: { field: 'outcome' } });
    await resolve(id, 'explained');
    expect(appealOf(id)?.outcome).toBe('explained');
    const shown = await get(agent, `/api/appeals/${id}`);
    expect(shown.body).toMatchObject({ appeal: { outcome: 'explained', legalDueAt: expect.any(Number) } });
    // Open311: the public promise is the legal deadline; the operational target beside it.
    const open311 = await get(agent, `/open311/v2/requests/${id}.json`);
    const [request] = open311.body as [Record<string, unknown>];
    const appeal = appealOf(id) as Appeal;
    expect(request).toMatchObject({
      status: 'closed',
      legal_deadline_provisional: appeal.isLegalProvisional,
      extended: false,
      extension_months: null,
      outcome: 'explained',
      confirmation: 'awaiting',
    });
    expect(Date.parse(request?.expected_datetime as string)).toBe(appeal.legalDueAt - 999);
    expect(request?.legal_deadline).toBe(request?.expected_datetime);
    expect(Date.parse(request?.operational_datetime as string)).toBe(Math.floor(appeal.dueAt / 1000) * 1000);
    const csv = await authedFetch(agent, `${server.url}/api/appeals.csv?status=resolved&format=codes`);
    const text = await csv.text();
    expect(text.split('\n')[1]).toContain('legalDueAt');
    expect(text).toContain('"explained","awaiting"');
  });
});

describe('POST /api/appeals/:id/extend', () => {
  it('lets a supervisor extend an open appeal with a reason, counted from receipt; refuses others', async () => {
    const id = await register();
    const before = appealOf(id)?.legalDueAt ?? 0;
    expect((await post(agent, `/api/appeals/${id}/extend`, { months: 1, reason: 'Экспертиза' })).status).toBe(403);
    expect((await post(operator, `/api/appeals/${id}/extend`, { months: 1, reason: 'Экспертиза' })).status).toBe(403);
    expect((await post(elsewhere, `/api/appeals/${id}/extend`, { months: 1, reason: 'Экспертиза' })).status).toBe(404);
    const badMonths = await post(supervisor, `/api/appeals/${id}/extend`, { months: 3, reason: 'Экспертиза' });
    expect(badMonths).toMatchObject({ status: 422, body: { code: 'invalid', field: 'months' } });
    const noReason = await post(supervisor, `/api/appeals/${id}/extend`, { months: 2 });
    expect(noReason).toMatchObject({ status: 422, body: { field: 'reason' } });
    expect((await post(supervisor, `/api/appeals/${id}/extend`, { months: 2, reason: 'Экспертиза' })).status).toBe(202);
    const extended = await until(id, (a) => a.extension !== null, 'extended');
    expect(extended.legalDueAt).toBeGreaterThan(before);
    expect(extended.extension).toMatchObject({ months: 2, reason: 'Экспертиза' });
    const shorter = await post(supervisor, `/api/appeals/${id}/extend`, { months: 1, reason: 'Ещё' });
    expect(shorter).toMatchObject({ status: 409, body: { code: 'not_later', field: 'months' } });
    expect((await post(admin, `/api/appeals/${id}/extend`, { months: 2, reason: 'Ещё' })).status).toBe(409);
  });
});

describe('POST /api/appeals/:id/feedback and the quality-control queue', () => {
  it('lists resolved appeals awaiting confirmation, oldest resolution first; a callback takes them out', async () => {
    const first = await register();
    const second = await register();
    await resolve(first);
    await resolve(second);
    const queue = await get(agent, '/api/appeals?confirmation=awaiting');
    expect(queue.status).toBe(200);
    const ids = (queue.body as { items: Appeal[] }).items.map((a) => a.id);
    expect(ids.indexOf(first)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));

    const confirmed = await post(agent, `/api/appeals/${first}/feedback`, {
      result: 'confirmed',
      rating: 5,
      comment: 'Спасибо, тепло',
    });
    expect(confirmed.status).toBe(202);
    await until(first, (a) => a.feedback !== null, 'feedback');
    const after = await get(agent, '/api/appeals?confirmation=awaiting');
    expect((after.body as { items: Appeal[] }).items.map((a) => a.id)).not.toContain(first);
    const stats = (await get(agent, '/api/stats')).body as { overall: Record<string, number> };
    expect(stats.overall.solvedPositively).toBeGreaterThanOrEqual(1);
    expect(stats.overall.ratingCount).toBeGreaterThanOrEqual(1);
  });

  it('reopens on not_confirmed; refuses feedback on an open appeal, a bad rating, and a role or region without it', async () => {
    const id = await register();
    const open = await post(agent, `/api/appeals/${id}/feedback`, { result: 'confirmed' });
    expect(open).toMatchObject({ status: 409, body: { code: 'invalid_transition' } });
    await resolve(id);
    expect((await post(agent, `/api/appeals/${id}/feedback`, { result: 'confirmed', rating: 6 })).body).toMatchObject({
      code: 'invalid',
      field: 'rating',
    });
    expect((await post(operator, `/api/appeals/${id}/feedback`, { result: 'confirmed' })).status).toBe(403);
    expect((await post(elsewhere, `/api/appeals/${id}/feedback`, { result: 'confirmed' })).status).toBe(404);
    expect((await post(supervisor, `/api/appeals/${id}/feedback`, { result: 'not_confirmed' })).status).toBe(202);
    const reopened = await until(id, (a) => a.status === 'reopened', 'reopened');
    expect(reopened).toMatchObject({ resolvedAt: null, outcome: null, feedback: { result: 'not_confirmed' } });
  });
});

describe('POST /api/admin/calendar', () => {
  it('appends a national calendar.year_added that a region-scoped socket receives; health lists the year', async () => {
    const regional = await signIn(server, 'operator', ['KZ-75']);
    const client = connectLiveClient(server.url, { cookie: regional.cookie });
    clients.push(client);
    await waitFor(() => client.snapshots.length > 0, 5000, 'snapshot');

    expect((await post(supervisor, '/api/admin/calendar', BUILT_IN_CALENDAR_YEARS[3])).status).toBe(403);
    const bad = await post(admin, '/api/admin/calendar', {
      ...BUILT_IN_CALENDAR_YEARS[3],
      verified: { holidays: 'yes', transfers: false },
    });
    expect(bad).toMatchObject({ status: 422, body: { code: 'invalid', field: 'verified.holidays' } });
    const year2028 = defineCalendarYear({
      year: 2028,
      kurbanAit: '2028-05-05',
      transfers: [],
      verified: { holidays: true, transfers: false },
      source: 'integration test',
    });
    const added = await post(admin, '/api/admin/calendar', year2028);
    expect(added.status, JSON.stringify(added.body)).toBe(202);
    await waitFor(() => server.app.store.state.addedYears.includes(2028), 5000, 'year applied');
    await waitFor(() => client.replica.state.addedYears.includes(2028), 5000, 'year reached the regional socket');
    expect(client.replica.state.calendar.years['2028']).toEqual(server.app.store.state.calendar.years['2028']);

    // A scope whose snapshot is built after the event (no cached one): the snapshot carries the year.
    const other = await signIn(server, 'operator', ['KZ-11']);
    const late = connectLiveClient(server.url, { cookie: other.cookie });
    clients.push(late);
    await waitFor(() => late.snapshots.length > 0, 5000, 'late snapshot');
    expect(late.snapshots[0]?.calendarYears?.map((y) => y.year)).toEqual([2028]);
    expect(late.replica.state.calendar).toEqual(server.app.store.state.calendar);

    const health = (await get(admin, '/api/health')).body as {
      calendar: { years: { year: number; added: boolean }[]; provisionalYears: number[] };
    };
    expect(health.calendar.years.find((y) => y.year === 2028)).toMatchObject({ added: true });
    expect(health.calendar.provisionalYears).toEqual(expect.arrayContaining([2026, 2027, 2028]));
  });
});
