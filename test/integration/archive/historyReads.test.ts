import { almatyDateOf, compareStreamIds, endOfAlmatyDay, type Appeal, type StreamEvent } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedFetch, signIn, type TestSession } from '../../support/auth';
import { waitFor } from '../../support/events';
import { deletePrefix, testRedisUrl } from '../../support/redis';
import {
  appendOldAppealThenNewer,
  openTestArchive,
  type OldAppealScenario,
  type TestArchive,
} from '../../support/testArchive';
import { startTestServer, type TestServer } from '../../support/testServer';

/**
 * Reads fall back to the archive (issue 16), over real Redis and real PostgreSQL: an appeal
 * finished before 25,000 newer finished ones is gone from the projection, and still answers
 * by id (with its whole timeline, masked, scoped), by Open311, in a period search (keyset
 * pages and CSV), and can be reopened. Nothing waits on the wall clock.
 */

const SLOW_MS = 240_000;
const NEWER = 25_000;
const PHONE_DIGITS = /701\D?234\D?56\D?12|87012345612/;

let archive: TestArchive;
let server: TestServer;
let scenario: OldAppealScenario;
let national: TestSession;
let astana: TestSession;
let almaty: TestSession;
const now = Date.now();

beforeAll(async () => {
  archive = await openTestArchive();
  server = await startTestServer({ history: archive.history });
  archive.startArchiver(server.log);
  scenario = await appendOldAppealThenNewer(server.log, { now, count: NEWER, ageDays: 45, prefix: 'H' });
  await waitFor(
    () => compareStreamIds(server.app.store.state.cursor, scenario.lastStreamId) >= 0,
    SLOW_MS / 2,
    'projection caught up',
  );
  await archive.waitForCursor(scenario.lastStreamId, SLOW_MS / 2);
  [national, astana, almaty] = await Promise.all([
    signIn(server, 'supervisor'),
    signIn(server, 'supervisor', ['KZ-71']),
    signIn(server, 'supervisor', ['KZ-75']),
  ]);
}, SLOW_MS);

afterAll(async () => {
  await server?.stop();
  await archive?.cleanup();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
}, SLOW_MS);

interface Details {
  appeal: Appeal;
  timeline: StreamEvent[];
  source: string;
  timelineStatus: { isPartial: boolean; reason: string | null; missing: number };
}

async function getJson<T>(session: TestSession, path: string): Promise<{ status: number; body: T }> {
  const res = await authedFetch(session, `${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

describe('an appeal finished before 25,000 newer ones', () => {
  it('is no longer in the projection, but GET /api/appeals/:id answers from the archive with its whole timeline, masked', async () => {
    expect(server.app.store.state.appeals.has(scenario.oldId)).toBe(false);
    const { status, body } = await getJson<Details>(national, `/api/appeals/${scenario.oldId}`);
    expect(status).toBe(200);
    expect(body.source).toBe('archive');
    expect(body.appeal.id).toBe(scenario.oldId);
    expect(body.appeal.status).toBe('closed');
    expect(body.appeal.registeredAt).toBe(scenario.oldAt);
    expect(body.timeline.map((e) => e.type)).toEqual([
      'appeal.registered',
      'appeal.assigned',
      'appeal.status_changed',
      'appeal.status_changed',
    ]);
    expect(body.timelineStatus).toEqual({ isPartial: false, reason: null, missing: 0 });
    // Masked like a live appeal: no phone digits, no full name, anywhere in the answer.
    const text = JSON.stringify(body);
    expect(text).not.toMatch(PHONE_DIGITS);
    expect(text).not.toContain('Сапарова');
    expect(body.appeal.citizen?.phone).toMatch(/\*/);
  });

  it('answers as JSON no cache keeps, its length declared', async () => {
    const res = await authedFetch(national, `${server.url}/api/appeals/${scenario.oldId}`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect((JSON.parse(text) as Details).source).toBe('archive');
  });

  it('is 404 outside the caller’s regions, and for an unknown id', async () => {
    expect((await getJson(almaty, `/api/appeals/${scenario.oldId}`)).status).toBe(404);
    expect((await getJson(astana, `/api/appeals/${scenario.oldId}`)).status).toBe(200);
    expect((await getJson(national, '/api/appeals/H-NO-SUCH')).status).toBe(404);
  });

  it('answers Open311 by id from the archive, in the same shape, masked, and 404 outside the scope', async () => {
    const ok = await getJson<Record<string, unknown>[]>(national, `/open311/v2/requests/${scenario.oldId}.json`);
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveLength(1);
    expect(ok.body[0]).toMatchObject({ service_request_id: scenario.oldId, status: 'closed', service_code: 'heating' });
    expect(String(ok.body[0]?.status_notes)).toBe('closed');
    expect(JSON.stringify(ok.body)).not.toMatch(PHONE_DIGITS);
    expect((await getJson(almaty, `/open311/v2/requests/${scenario.oldId}.json`)).status).toBe(404);
  });

  it('audits each read of the archive as history.read, by whom', async () => {
    await getJson(astana, `/api/appeals/${scenario.oldId}`);
    const records = await server.app.access.audit.query({ action: 'history.read', limit: 50 });
    expect(records.some((r) => r.actor === astana.username && r.target === `appeal:${scenario.oldId}`)).toBe(true);
    // A read the projection answers is not a history read.
    const live = scenario.newer.at(-1) as { id: string };
    await getJson(national, `/api/appeals/${live.id}`);
    const after = await server.app.access.audit.query({
      action: 'history.read',
      target: `appeal:${live.id}`,
      limit: 5,
    });
    expect(after).toHaveLength(0);
  });
});

describe('period search', () => {
  /** Every page of a query, walked by its cursor. */
  async function walk(session: TestSession, params: URLSearchParams) {
    const ids: string[] = [];
    let cursor: string | null = null;
    let first: { total: number; source?: string; isTotalCapped?: boolean } | null = null;
    do {
      const query = new URLSearchParams(params);
      if (cursor !== null) query.set('cursor', cursor);
      const page = await getJson<{ items: Appeal[]; nextCursor: string | null; total: number; source?: string }>(
        session,
        `/api/appeals?${query.toString()}`,
      );
      expect(page.status).toBe(200);
      first ??= page.body;
      ids.push(...page.body.items.map((a) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    return { ids, first: first as { total: number; source?: string } };
  }

  /** The generated appeals of KZ-71 registered on the Almaty calendar days from…to, newest first. */
  function expectedIds(fromDay: string, toDay: string): string[] {
    // Kazakhstan has been at UTC+5 all year since March 2024.
    const start = Date.parse(`${fromDay}T00:00:00+05:00`);
    const end = Date.parse(endOfAlmatyDay(toDay));
    const all = [{ id: scenario.oldId, region: 'KZ-71', at: scenario.oldAt }, ...scenario.newer];
    return all
      .filter((a) => a.region === 'KZ-71' && a.at >= start && a.at <= end)
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
      .map((a) => a.id);
  }

  it('finds the old appeal with from/to as Almaty calendar days, keyset-paged, the same as the archive holds', async () => {
    const fromDay = almatyDateOf(scenario.oldAt);
    const toDay = almatyDateOf(scenario.oldAt + 3 * 86_400_000);
    const params = new URLSearchParams({ region: 'KZ-71', from: fromDay, to: toDay, limit: '37' });
    const { ids, first } = await walk(astana, params);
    expect(first.source).toBe('archive');
    expect(ids).toContain(scenario.oldId);
    expect(ids).toEqual(expectedIds(fromDay, toDay));
    expect(first.total).toBe(ids.length);
    // Another sort walks the same set.
    const byStatus = await walk(astana, new URLSearchParams({ ...Object.fromEntries(params), sort: 'status' }));
    expect([...byStatus.ids].sort()).toEqual([...ids].sort());
    // Other regions' appeals never come out, even asked for.
    const outside = await walk(almaty, new URLSearchParams({ ...Object.fromEntries(params), region: '' }));
    expect(outside.ids).not.toContain(scenario.oldId);
  });

  it('exports the same rows as CSV, masked, with the export’s first line and header', async () => {
    const fromDay = almatyDateOf(scenario.oldAt);
    const toDay = almatyDateOf(scenario.oldAt + 3 * 86_400_000);
    const query = new URLSearchParams({ region: 'KZ-71', from: fromDay, to: toDay });
    const res = await authedFetch(astana, `${server.url}/api/appeals.csv?${query.toString()}&format=codes`);
    expect(res.status).toBe(200);
    const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFF"# Ortalyq appeals; filters: region=KZ-71&from=')).toBe(true);
    const records = text.split('\r\n').filter((line) => line !== '');
    expect(records[1]).toMatch(/^"id","registeredAt",/);
    const ids = records.slice(2).map((line) => line.slice(1, line.indexOf('"', 1)));
    expect(ids).toEqual(expectedIds(fromDay, toDay));
    expect(text).not.toMatch(PHONE_DIGITS);
    const audit = await server.app.access.audit.query({ action: 'history.search', actor: astana.username, limit: 10 });
    expect(audit.map((r) => r.target)).toContain('archive:appeals.csv');
    // Paging through a search, or running it again at once (another sort), is one search.
    expect(audit.filter((r) => r.target === 'archive:appeals')).toHaveLength(1);
    expect(audit[0]?.changed).toEqual(['region', 'from', 'to']);
  });

  it('refuses a date that does not exist, naming the field', async () => {
    const res = await getJson<{ field: string; message: string }>(national, '/api/appeals?from=2026-02-30');
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('from');
  });
});

describe('a write on an archived appeal', () => {
  it('reopens it: the appeal is restored through the stream, back in the projection, and the archive follows', async () => {
    const res = await authedFetch(astana, `${server.url}/api/appeals/${scenario.oldId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'reopened', comment: 'Гражданин перезвонил: снова холодно' }),
    });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { cursor: string };
    await waitFor(() => compareStreamIds(server.app.store.state.cursor, accepted.cursor) >= 0, 10_000, 'applied');
    const live = server.app.store.state.appeals.get(scenario.oldId);
    expect(live?.status).toBe('reopened');
    expect(live?.registeredAt).toBe(scenario.oldAt);
    expect(live?.closedAt).toBeNull();

    const { body } = await getJson<Details>(astana, `/api/appeals/${scenario.oldId}`);
    expect(body.source).toBe('memory');
    expect(body.timeline.map((e) => e.type)).toEqual([
      'appeal.registered',
      'appeal.assigned',
      'appeal.status_changed',
      'appeal.status_changed',
      'appeal.restored',
      'appeal.status_changed',
    ]);
    expect(body.timelineStatus.isPartial).toBe(false);
    expect(JSON.stringify(body)).not.toMatch(PHONE_DIGITS);

    await archive.waitForCursor(accepted.cursor, 60_000);
    const archived = await archive.history.getAppeal(scenario.oldId);
    expect(archived?.appeal.status).toBe('reopened');
  });
});

describe('a timeline the stream lost before the archive held it', () => {
  it('says it is partial instead of skipping the lost entries', async () => {
    const { appealRegistered, appendEnvelope, appealAssigned } = await import('../../support/events');
    // Held by the projection, never archived (the archiver stopped), then trimmed from the stream.
    await archive.stopArchivers();
    const registered = appealRegistered({ appealId: 'H-TRIMMED' });
    const first = await appendEnvelope(server.log, registered);
    const second = await appendEnvelope(server.log, appealAssigned('H-TRIMMED'));
    await waitFor(() => compareStreamIds(server.app.store.state.cursor, second) >= 0, 10_000, 'applied');
    await server.log.trim('events', second);
    expect(compareStreamIds(first, second)).toBeLessThan(0);
    const { status, body } = await getJson<Details>(national, '/api/appeals/H-TRIMMED');
    expect(status).toBe(200);
    expect(body.timeline.map((e) => e.type)).toEqual(['appeal.assigned']);
    expect(body.timelineStatus).toEqual({ isPartial: true, reason: 'trimmed', missing: 1 });
  });
});
