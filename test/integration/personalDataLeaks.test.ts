import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStreamIds, type EventEnvelope, type WriteAccepted } from '@shared';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { appendEnvelope, uniqueId, waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { ALL_SECRETS, leaksIn, stringsIn, type Secret } from '../support/personalData';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * The probe, replayed: personal data in every dress written into every free-text field through
 * every way in (write API, Open311 POST, a producer's XADD), then every surface an operator or
 * a kiosk screen reads is searched for it.
 */

let server: TestServer;
let agent: TestSession;
let supervisor: TestSession;
let operator: TestSession;
let kioskCookie: string;
const clients: LiveClient[] = [];

// The secrets in chunks that fit a short text field (500 characters).
const CHUNKS: string[] = [];
for (const secret of ALL_SECRETS) {
  const last = CHUNKS[CHUNKS.length - 1];
  if (last !== undefined && last.length + secret.text.length < 480)
    CHUNKS[CHUNKS.length - 1] = `${last}; ${secret.text}`;
  else CHUNKS.push(secret.text);
}

const POINT = { lat: 51.13, lng: 71.44 };
let fieldsWritten = 0;
const appealIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  [agent, supervisor, operator] = await Promise.all([
    signIn(server, 'agent'),
    signIn(server, 'supervisor'),
    signIn(server, 'operator'),
  ]);
  const { secret } = await server.app.access.kiosks.issue('Зал', 'all', 'test');
  const open = await fetch(`${server.url}/kiosk/${secret}`, { redirect: 'manual' });
  kioskCookie = (open.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

async function post(session: TestSession, path: string, body: unknown, fields: number): Promise<WriteAccepted> {
  const res = await authedFetch(session, `${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(202);
  fieldsWritten += fields;
  return (await res.json()) as WriteAccepted;
}

/** Every free-text field of appeals and incidents, through the write API. */
async function writeThroughApi(text: string): Promise<void> {
  const location = { ...POINT, address: text, district: text };
  const { appealId = '' } = await post(
    agent,
    '/api/appeals',
    {
      category: 'heating',
      priority: 'normal',
      channel: 'call',
      location,
      description: text,
      citizen: { name: 'Айгерім Сапарова', phone: '+7 701 234 56 12' },
    },
    3,
  );
  appealIds.push(appealId);
  await waitFor(() => server.app.store.state.appeals.has(appealId), 5000, 'registered');
  await post(supervisor, `/api/appeals/${appealId}/assign`, { service: text, assignee: text }, 2);
  await post(supervisor, `/api/appeals/${appealId}/escalate`, { priority: 'high', comment: text }, 1);
  await post(agent, `/api/appeals/${appealId}/status`, { status: 'in_progress', comment: text }, 1);
  const { incidentId = '' } = await post(
    supervisor,
    '/api/incidents',
    { title: text, category: 'heating', severity: 'major', location, appealIds: [appealId] },
    3,
  );
  await waitFor(() => server.app.store.state.incidents.has(incidentId), 5000, 'incident');
  await post(supervisor, `/api/incidents/${incidentId}/update`, { note: text }, 1);
  const resolved = await post(supervisor, `/api/incidents/${incidentId}/resolve`, { note: text }, 1);
  await waitFor(() => compareStreamIds(server.app.store.state.cursor, resolved.cursor) >= 0, 5000, 'applied');
}

/** Open311's free text: description and address_string. */
async function writeThroughOpen311(text: string): Promise<void> {
  const res = await authedFetch(agent, `${server.url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      service_code: 'lighting',
      lat: '51.13',
      long: '71.44',
      address_string: text,
      description: text,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const [created] = (await res.json()) as [{ service_request_id: string }];
  appealIds.push(created.service_request_id);
  fieldsWritten += 2;
}

/** An outside producer's XADD: every event type, every free-text field. */
async function writeThroughStream(text: string): Promise<void> {
  const appealId = uniqueId('A');
  const incidentId = uniqueId('I');
  const base = { v: 1 as const, region: 'KZ-71' as const, at: new Date().toISOString() };
  const location = { ...POINT, address: text, district: text };
  const envelopes: EventEnvelope[] = [
    {
      ...base,
      id: uniqueId('evt'),
      type: 'appeal.registered',
      data: { appealId, channel: 'web', category: 'gas', priority: 'normal', location, description: text },
    },
    { ...base, id: uniqueId('evt'), type: 'appeal.assigned', data: { appealId, service: text, assignee: text } },
    { ...base, id: uniqueId('evt'), type: 'appeal.escalated', data: { appealId, priority: 'high', comment: text } },
    {
      ...base,
      id: uniqueId('evt'),
      type: 'appeal.status_changed',
      data: { appealId, status: 'in_progress', comment: text },
    },
    {
      ...base,
      id: uniqueId('evt'),
      type: 'incident.opened',
      data: { incidentId, title: text, category: 'gas', severity: 'minor', location },
    },
    { ...base, id: uniqueId('evt'), type: 'incident.updated', data: { incidentId, note: text } },
    { ...base, id: uniqueId('evt'), type: 'incident.resolved', data: { incidentId, note: text } },
  ];
  for (const envelope of envelopes) await appendEnvelope(server.log, envelope);
  // Dead letters: their reason quotes the input ("unknown region …"), shown on the health panel.
  await server.log.append('events', { event: JSON.stringify({ ...envelopes[0], region: text.slice(0, 40) }) });
  await server.log.append('events', { event: `{"v":1,"description":${text.slice(0, 60)}` });
  appealIds.push(appealId);
  fieldsWritten += 14;
}

interface Surface {
  name: string;
  texts: string[];
}

// Stream ids, instants and cursors are digits, not text anyone typed.
const isMachineValue = (s: string): boolean =>
  /^\d+-\d+$/.test(s) || /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})$/.test(s);

function csvCells(csv: string): string[] {
  // Every cell is quoted; the first line (what was exported, with the cursor) is skipped.
  const body = csv.slice(csv.indexOf('\r\n') + 2);
  return [...body.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"'));
}

async function read(cookie: string, path: string): Promise<Surface> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  const text = await res.text();
  const texts = path.includes('.csv') ? csvCells(text) : stringsIn(JSON.parse(text) as unknown);
  return { name: path, texts };
}

describe('no personal data on any operator or kiosk surface', () => {
  it('finds none of the planted secrets, whatever way they came in', async () => {
    for (const cookie of [operator.cookie, kioskCookie]) clients.push(connectLiveClient(server.url, { cookie }));
    await waitFor(() => clients.every((c) => c.snapshots.length === 1), 5000, 'snapshots');

    for (const chunk of CHUNKS) {
      await writeThroughApi(chunk);
      await writeThroughOpen311(chunk);
      await writeThroughStream(chunk);
    }
    // The secrets are really in the stream: the detector sees them there.
    const raw = await server.log.range('events', '-', '+', 10_000);
    const lastId = raw[raw.length - 1]?.id ?? '0-0';
    await waitFor(() => compareStreamIds(server.app.store.state.cursor, lastId) >= 0, 5000, 'all read');
    const cursor = server.app.store.state.cursor;
    await waitFor(() => clients.every((c) => c.replica.state.cursor === cursor), 5000, 'frames');
    const inStream = new Set(raw.flatMap((e) => leaksIn(e.fields.event ?? '')));
    expect([...inStream].sort()).toEqual(ALL_SECRETS.map((s) => s.label).sort());

    // A late joiner's snapshot holds everything written.
    for (const cookie of [operator.cookie, kioskCookie]) clients.push(connectLiveClient(server.url, { cookie }));
    await waitFor(() => clients.every((c) => c.snapshots.length >= 1), 5000, 'late snapshots');

    const surfaces: Surface[] = clients.flatMap((c, i) => [
      { name: `socket ${i} snapshot`, texts: stringsIn(c.snapshots) },
      { name: `socket ${i} frames`, texts: stringsIn(c.frames) },
    ]);
    for (const cookie of [operator.cookie, kioskCookie]) {
      for (const path of [
        '/api/appeals?limit=500',
        '/api/incidents?limit=500',
        '/api/appeals.csv',
        '/api/incidents.csv',
        '/open311/v2/requests.json',
        '/api/health',
        ...appealIds.map((id) => `/api/appeals/${id}`),
        ...appealIds.map((id) => `/open311/v2/requests/${id}.json`),
      ]) {
        surfaces.push(await read(cookie, path));
      }
    }
    surfaces.push(await read(agent.cookie, '/api/appeals/mine'));

    const leaks: string[] = [];
    let strings = 0;
    for (const surface of surfaces) {
      for (const text of surface.texts.filter((s) => !isMachineValue(s))) {
        strings += 1;
        for (const label of leaksIn(text, ALL_SECRETS as Secret[]))
          leaks.push(`${surface.name}: ${label} in ${JSON.stringify(text)}`);
      }
    }
    // The surfaces did carry the written text (masked): an empty page would prove nothing.
    const shown = surfaces.flatMap((s) => s.texts).join('\n');
    expect(shown).toContain('+7 7** *** ** 12');
    expect(shown).toContain('[ИИН]');
    expect(shown).toContain('***@***');
    console.log(
      `personal data leak probe: ${fieldsWritten} fields written (${CHUNKS.length} texts × ${ALL_SECRETS.length} secrets), ` +
        `${surfaces.length} surfaces read (${strings} strings), ${leaks.length} leaks found`,
    );
    expect(leaks).toEqual([]);
  }, 60_000);
});
