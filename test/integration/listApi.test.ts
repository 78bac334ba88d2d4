import { compareStreamIds, type CategoryCode, type EventEnvelope, type WriteAccepted } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPEAL_SORT_NAMES,
  appendInOrder,
  CATEGORY_CODES,
  CHANNEL_LIST,
  comesAfter,
  createRandom,
  createReference,
  csvInstant,
  defused,
  expectedAppeals,
  expectedIncidents,
  generateAppealData,
  INCIDENT_SORT_NAMES,
  isoAt,
  isOverdue,
  parseCsv,
  personalDataIn,
  PLACES,
  PRIORITY_ORDER,
  STATUS_ORDER,
  SURNAMES,
  type AppealFilter,
  type DataSet,
  type IncidentFilter,
  type Reference,
} from '../support/appealData';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, uniquePrefix, type TestServer } from '../support/testServer';

/**
 * GET /api/appeals, /api/appeals.csv, /api/incidents(.csv) and /api/appeals/mine against a
 * seeded data set of ~1,500 appeals written to the stream, checked page by page against a
 * naive reference computed from the same events (test/support/appealData.ts).
 */

// A fixed clock: 2026-11-27 18:00 in Kazakhstan (UTC+5); the data spans the 3 days before.
const NOW = Date.parse('2026-11-27T18:00:00+05:00');
const HOUR = 3_600_000;
const SEED = 20_261_127;

type Scope = 'all' | readonly string[];
interface User {
  name: string;
  session: TestSession;
  scope: Scope;
}

let server: TestServer;
let data: DataSet;
let ref: Reference;
let national: User;
let astana: User;
let agent: User;
let users: User[];

/** For the summary line at the end. */
let requestsMade = 0;
let combinationsChecked = 0;
let fetchMs = 0;

async function appendAndWait(events: readonly EventEnvelope[]): Promise<void> {
  for (const event of events) ref.apply(event);
  const last = await appendInOrder(server.log, events);
  await waitFor(() => compareStreamIds(server.app.store.state.cursor, last) >= 0, 20_000, 'projection caught up');
}

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW, prefix: uniquePrefix('listApi') });
  data = generateAppealData({ seed: SEED, now: NOW, count: 1500, idPrefix: 'l' });
  ref = createReference();
  await appendAndWait(data.events);
  [national, astana, agent] = [
    { name: 'national supervisor', session: await signIn(server, 'supervisor', 'all'), scope: 'all' },
    { name: 'KZ-71 supervisor', session: await signIn(server, 'supervisor', ['KZ-71']), scope: ['KZ-71'] },
    {
      name: 'agent in KZ-75 and KZ-79',
      session: await signIn(server, 'agent', ['KZ-75', 'KZ-79']),
      scope: ['KZ-75', 'KZ-79'],
    },
  ] as [User, User, User];
  users = [national, astana, agent];
}, 60_000);

afterAll(async () => {
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

// ─── HTTP helpers ────────────────────────────────────────────────────────────────────────

interface Answer<T> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

async function get<T>(session: TestSession, path: string, params?: URLSearchParams | string): Promise<Answer<T>> {
  const query = params === undefined ? '' : `?${params.toString()}`;
  const started = performance.now();
  let res: Response;
  try {
    res = await authedFetch(session, `${server.url}${path}${query}`);
  } catch (error) {
    throw new Error(`GET ${path}${query.slice(0, 300)} failed: ${String(error)}`, { cause: error });
  }
  requestsMade += 1;
  const ms = performance.now() - started;
  fetchMs += ms;
  // Decoded by hand: Response.text() would drop the byte-order mark the CSV starts with.
  const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(await res.arrayBuffer());
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, body: (isJson ? JSON.parse(text) : text) as T, text, headers: res.headers };
}

interface ListItem {
  id: string;
  region: string;
  category: string;
  status: string;
  [key: string]: unknown;
}
interface ListBody<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
  cursor: string;
  asOf: number;
}
interface ApiError {
  code: string;
  message: string;
  field?: string;
}

/** Follows nextCursor to the end; checks every page's shape, size, total and clock. */
async function pageThrough<T extends { id: string }>(
  session: TestSession,
  path: string,
  params: URLSearchParams,
  limit: number,
  startCursor: string | null = null,
): Promise<{ items: T[]; totals: number[]; texts: string[]; pages: number }> {
  const items: T[] = [];
  const totals: number[] = [];
  const texts: string[] = [];
  let cursor: string | null = startCursor;
  let pages = 0;
  do {
    const query = new URLSearchParams(params);
    query.set('limit', String(limit));
    if (cursor !== null) query.set('cursor', cursor);
    const page: Answer<ListBody<T>> = await get<ListBody<T>>(session, path, query);
    expect(page.status, page.text).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.body.asOf).toBe(NOW);
    expect(page.body.cursor).toMatch(/^\d+-\d+$/);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.body.items);
    totals.push(page.body.total);
    texts.push(page.text);
    cursor = page.body.nextCursor;
    // A page that is not the last is always full; the last one says so with a null cursor.
    if (cursor !== null) expect(page.body.items).toHaveLength(limit);
    pages += 1;
    if (pages > 400) throw new Error('paging does not end');
  } while (cursor !== null);
  return { items, totals, texts, pages };
}

// ─── Query strings ───────────────────────────────────────────────────────────────────────

/** How a case spells its list filters. */
type Style = 'comma' | 'repeat' | 'mixed' | 'messy';

function toParams(filter: AppealFilter | IncidentFilter, style: Style): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter) as [string, unknown][]) {
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      params.append(key, String(value));
      continue;
    }
    const list = value as string[];
    switch (style) {
      case 'comma':
        params.append(key, list.join(','));
        break;
      case 'repeat':
        for (const item of list) params.append(key, item);
        break;
      case 'mixed': {
        const half = Math.ceil(list.length / 2);
        params.append(key, list.slice(0, half).join(','));
        for (const item of list.slice(half)) params.append(key, item);
        break;
      }
      case 'messy':
        // Spaces, a duplicate, an empty item and a trailing comma mean the same list.
        params.append(key, ` ${list.join(' , ')},,${list[0] ?? ''},`);
        if (list.length > 1) params.append(key, list[list.length - 1] ?? '');
        break;
    }
  }
  return params;
}

const kz = (ms: number): string => `${new Date(ms + 5 * HOUR).toISOString().slice(0, 19)}+05:00`;
const utc = (ms: number): string => new Date(ms).toISOString();

// ─── CSV ─────────────────────────────────────────────────────────────────────────────────

const APPEAL_HEADER = [
  'id',
  'registeredAt',
  'region',
  'category',
  'priority',
  'channel',
  'status',
  'overdue',
  'dueAt',
  'respondedAt',
  'resolvedAt',
  'service',
  'assignee',
  'incidentId',
  'address',
  'district',
  'lat',
  'lng',
  'citizenName',
  'citizenPhone',
  'description',
  // The law's clock (issue 17), appended so older spreadsheets keep their column positions.
  'legalOverdue',
  'legalDueAt',
  'legalProvisional',
  'extensionMonths',
  'extensionReason',
  'outcome',
  'confirmation',
  'rating',
];
const INCIDENT_HEADER = [
  'id',
  'openedAt',
  'region',
  'category',
  'severity',
  'status',
  'title',
  'updatedAt',
  'resolvedAt',
  'affected',
  'appealIds',
  'address',
  'district',
  'lat',
  'lng',
  'note',
];

interface CsvExport {
  title: string;
  filters: URLSearchParams;
  cursor: string;
  asOf: string;
  rows: Record<string, string>[];
  text: string;
}

async function fetchCsv(session: TestSession, path: string, params: URLSearchParams): Promise<CsvExport> {
  // The machine form (codes, UTC, field names); the readable default is tested in csvExport.test.ts.
  const res = await get<string>(session, path, new URLSearchParams([...params, ['format', 'codes']]));
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ortalyq-\w+-\d{8}T\d{4}\.csv"$/);
  expect(res.text.startsWith('\uFEFF'), 'a byte-order mark for Excel').toBe(true);
  expect(res.text.endsWith('\r\n')).toBe(true);
  const records = parseCsv(res.text);
  const [titleRow, header, ...rest] = records;
  expect(titleRow, 'the first line is one cell').toHaveLength(1);
  const title = titleRow?.[0] ?? '';
  const match = /^# Ortalyq (?:appeals|incidents); filters: (.*); as of cursor (\d+-\d+), (\S+)$/s.exec(title);
  expect(match, title).not.toBeNull();
  const [, filters = '', cursor = '', asOf = ''] = match ?? [];
  const expectedHeader = path.includes('incidents') ? INCIDENT_HEADER : APPEAL_HEADER;
  expect(header).toEqual(expectedHeader);
  const rows = rest.map((cells) => {
    expect(cells).toHaveLength(expectedHeader.length);
    return Object.fromEntries(expectedHeader.map((key, i) => [key, cells[i] ?? '']));
  });
  return { title, filters: new URLSearchParams(filters === 'none' ? '' : filters), cursor, asOf, rows, text: res.text };
}

/** The title line names exactly the filters asked for (canonical: lists as sets, instants as instants). */
function expectFiltersStated(stated: URLSearchParams, filter: AppealFilter | IncidentFilter): void {
  const expected = Object.entries(filter).filter(
    ([, value]) => value !== undefined && !(typeof value === 'string' && value.trim() === ''),
  );
  expect([...new Set(stated.keys())].sort()).toEqual(expected.map(([key]) => key).sort());
  for (const [key, value] of expected) {
    const text = stated.get(key) ?? '';
    expect(stated.getAll(key), `${key} once`).toHaveLength(1);
    if (Array.isArray(value)) {
      const items = text.split(',');
      expect(new Set(items).size, `${key} without duplicates`).toBe(items.length);
      expect([...items].sort()).toEqual([...new Set(value as string[])].sort());
    } else if (key === 'from' || key === 'to') {
      expect(Date.parse(text)).toBe(Date.parse(String(value)));
      expect(text).toMatch(/Z$/);
    } else if (key === 'q') {
      expect(text).toBe(String(value).trim());
    } else {
      expect(text).toBe(String(value));
    }
  }
}

function expectNoPersonalData(text: string, what: string): void {
  expect(personalDataIn(text, data), `personal data in ${what}`).toEqual([]);
}

/** CSV rows are the JSON rows: same ids in the same order, same codes, same (masked) text. */
function expectCsvMatchesAppeals(rows: Record<string, string>[], items: ListItem[]): void {
  expect(rows.map((r) => r.id)).toEqual(items.map((i) => i.id));
  const expected = items.map((listed) => {
    const item = listed as ListItem & {
      priority: string;
      channel: string;
      registeredAt: number;
      dueAt: number;
      respondedAt: number | null;
      resolvedAt: number | null;
      service?: string;
      assignee?: string;
      incidentId?: string;
      location: { lat: number; lng: number; address?: string; district?: string };
      citizen?: { name?: string; phone?: string };
      description: string;
    };
    const refAppeal = ref.appeals.get(item.id);
    return {
      id: defused(item.id),
      registeredAt: csvInstant(item.registeredAt),
      region: item.region,
      category: item.category,
      priority: item.priority,
      channel: item.channel,
      status: item.status,
      overdue: refAppeal && isOverdue(refAppeal, NOW) ? 'yes' : 'no',
      dueAt: csvInstant(item.dueAt),
      respondedAt: csvInstant(item.respondedAt),
      resolvedAt: csvInstant(item.resolvedAt),
      service: defused(item.service ?? ''),
      assignee: defused(item.assignee ?? ''),
      incidentId: item.incidentId ?? '',
      address: defused(item.location.address ?? ''),
      district: defused(item.location.district ?? ''),
      lat: defused(String(item.location.lat)),
      lng: defused(String(item.location.lng)),
      citizenName: defused(item.citizen?.name ?? ''),
      citizenPhone: defused(item.citizen?.phone ?? ''),
      description: defused(item.description),
    };
  });
  // The law's columns (issue 17) against the page's own items; the rest against the reference.
  const law = new Set([
    'legalOverdue',
    'legalDueAt',
    'legalProvisional',
    'extensionMonths',
    'extensionReason',
    'outcome',
    'confirmation',
    'rating',
  ]);
  expect(rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !law.has(key))))).toEqual(expected);
  rows.forEach((row, i) => {
    const item = items[i] as unknown as { legalDueAt: number; outcome: string | null };
    expect(Date.parse(row.legalDueAt ?? ''), 'legal deadline').toBe(item.legalDueAt);
    expect(row.outcome, 'outcome').toBe(item.outcome ?? '');
  });
}

// ─── The data set itself ─────────────────────────────────────────────────────────────────

describe('the generated data set', () => {
  it('is all applied, and covers every region, category, priority, channel and status', () => {
    const counters = server.app.store.state.counters;
    expect(counters.applied).toBe(data.events.length);
    expect(counters.ignored).toBe(0);
    expect(server.app.store.deadLettered()).toBe(0);
    expect(server.app.store.state.appeals.size).toBe(ref.appeals.size);
    expect(ref.appeals.size).toBe(1500);
    const appeals = [...ref.appeals.values()];
    const values = (read: (a: (typeof appeals)[number]) => string) => new Set(appeals.map(read));
    expect(values((a) => a.region)).toEqual(new Set(PLACES.map((p) => p.code)));
    expect(values((a) => a.category)).toEqual(new Set(CATEGORY_CODES));
    expect(values((a) => a.priority)).toEqual(new Set(PRIORITY_ORDER));
    expect(values((a) => a.channel)).toEqual(new Set(CHANNEL_LIST));
    expect(values((a) => a.status)).toEqual(new Set(STATUS_ORDER));
    const overdue = appeals.filter((a) => isOverdue(a, NOW)).length;
    expect(overdue).toBeGreaterThan(50);
    expect(overdue).toBeLessThan(1400);
    expect(appeals.filter((a) => a.incidentId !== undefined).length).toBeGreaterThan(40);
    expect(appeals.filter((a) => a.service !== undefined).length).toBeGreaterThan(500);
    // Spot-check the projection against the reference before trusting the comparisons below.
    for (const a of appeals.slice(0, 200)) {
      const p = server.app.store.state.appeals.get(a.id);
      expect(p && { status: p.status, dueAt: p.dueAt, updatedAt: p.updatedAt, incidentId: p.incidentId }).toEqual({
        status: a.status,
        dueAt: a.dueAt,
        updatedAt: a.updatedAt,
        incidentId: a.incidentId,
      });
    }
  });
});

// ─── Filters × paging × sorts ────────────────────────────────────────────────────────────

interface Case {
  name: string;
  filter: AppealFilter;
  style: Style;
}

function appealCases(): Case[] {
  const incidentWithMany = [...ref.incidents.values()].sort((a, b) => b.appealIds.length - a.appealIds.length)[0];
  const linkedIncident = incidentWithMany?.id ?? 'none';
  const someId = [...ref.appeals.keys()][123] ?? '';
  const extId = [...ref.appeals.keys()].find((id) => id.startsWith('ext:')) ?? '';
  return [
    { name: 'no filter', filter: {}, style: 'comma' },
    { name: 'one region', filter: { region: ['KZ-71'] }, style: 'comma' },
    { name: 'two regions, comma', filter: { region: ['KZ-79', 'KZ-75'] }, style: 'comma' },
    { name: 'two regions, repeated keys', filter: { region: ['KZ-55', 'KZ-23'] }, style: 'repeat' },
    { name: 'one category', filter: { category: ['heating'] }, style: 'comma' },
    {
      name: 'five categories, mixed spelling',
      filter: { category: ['lifts', 'gas', 'waste', 'roads', 'consultation'] },
      style: 'mixed',
    },
    { name: 'status registered', filter: { status: ['registered'] }, style: 'comma' },
    { name: 'finished statuses, repeated', filter: { status: ['resolved', 'closed', 'rejected'] }, style: 'repeat' },
    { name: 'reopened or redirected', filter: { status: ['reopened', 'redirected'] }, style: 'messy' },
    { name: 'emergency', filter: { priority: ['emergency'] }, style: 'comma' },
    { name: 'low or normal, messy', filter: { priority: ['low', 'normal'] }, style: 'messy' },
    { name: 'one channel', filter: { channel: ['telegram'] }, style: 'comma' },
    { name: 'three channels', filter: { channel: ['walk_in', 'call', 'social'] }, style: 'mixed' },
    { name: 'overdue', filter: { overdue: true }, style: 'comma' },
    { name: 'not overdue', filter: { overdue: false }, style: 'comma' },
    { name: 'from a day ago (+05:00)', filter: { from: kz(NOW - 24 * HOUR) }, style: 'comma' },
    { name: 'to two days ago (Z)', filter: { to: utc(NOW - 48 * HOUR) }, style: 'comma' },
    {
      name: 'a 12-hour window with fractional seconds',
      filter: { from: '2026-11-26T04:30:00.250+05:00', to: '2026-11-26T11:30:00.000Z' },
      style: 'comma',
    },
    { name: 'q: Kazakh word in another case', filter: { q: 'жарық' }, style: 'comma' },
    { name: 'q: upper case finds lower case', filter: { q: 'ЖАРЫҚ' }, style: 'comma' },
    { name: 'q: address', filter: { q: '  Кенесары ' }, style: 'comma' },
    { name: 'q: address with a slash', filter: { q: '55/1' }, style: 'comma' },
    { name: 'q: service, lower case', filter: { q: 'теплотранзит' }, style: 'comma' },
    { name: 'q: assignee', filter: { q: 'смена б' }, style: 'comma' },
    { name: 'q: district', filter: { q: 'Есіл ауданы' }, style: 'comma' },
    { name: 'q: a regex metacharacter is literal', filter: { q: '.' }, style: 'comma' },
    { name: 'q: quotes', filter: { q: '""кавычки""' }, style: 'comma' },
    { name: 'q: id fragment', filter: { q: someId.slice(2, 7).toLowerCase() }, style: 'comma' },
    { name: 'q: producer id with : and /', filter: { q: extId }, style: 'comma' },
    { name: 'q: a citizen surname finds nothing', filter: { q: SURNAMES[0] }, style: 'comma' },
    { name: 'incident', filter: { incident: linkedIncident }, style: 'comma' },
    {
      name: 'incident and open statuses',
      filter: { incident: linkedIncident, status: ['registered', 'assigned', 'in_progress'] },
      style: 'repeat',
    },
    {
      name: 'region, categories and overdue',
      filter: { region: ['KZ-71'], category: ['heating', 'water_sewer', 'lifts'], overdue: true },
      style: 'comma',
    },
    {
      name: 'statuses, priorities and channels',
      filter: { status: ['in_progress', 'assigned'], priority: ['high', 'emergency'], channel: ['call', 'app', 'web'] },
      style: 'mixed',
    },
    {
      name: 'region, window and text',
      filter: { region: ['KZ-75', 'KZ-79'], from: kz(NOW - 60 * HOUR), to: kz(NOW - 6 * HOUR), q: 'д' },
      style: 'repeat',
    },
    {
      name: 'category, not overdue, before',
      filter: { category: ['consultation', 'gas', 'public_order'], overdue: false, to: kz(NOW - 3 * HOUR) },
      style: 'messy',
    },
    {
      name: 'everything at once (likely empty)',
      filter: {
        region: ['KZ-23'],
        category: ['flooding'],
        status: ['redirected'],
        priority: ['low'],
        channel: ['walk_in'],
        overdue: true,
        from: kz(NOW - 2 * HOUR),
        q: 'zzz',
      },
      style: 'comma',
    },
  ];
}

describe('GET /api/appeals and /api/appeals.csv: filters and paging against the reference', () => {
  it('answers every filter combination, for every scope, page by page, like the reference', async () => {
    const cases = appealCases();
    expect(cases.length).toBeGreaterThanOrEqual(25);
    // Sanity: the table exercises something (most cases match, the surname never does).
    const nonEmpty = cases.filter((c) => expectedAppeals(ref, c.filter, 'all', '-registeredAt', NOW).length > 0);
    expect(nonEmpty.length).toBeGreaterThanOrEqual(cases.length - 3);
    expect(expectedAppeals(ref, { q: SURNAMES[0] }, 'all', '-registeredAt', NOW)).toHaveLength(0);

    for (const [n, c] of cases.entries()) {
      for (const [u, user] of users.entries()) {
        // One sort per case and user, rotating so every sort key is used both ways, many times.
        const sort = APPEAL_SORT_NAMES[(n * users.length + u) % APPEAL_SORT_NAMES.length] as string;
        const expected = expectedAppeals(ref, c.filter, user.scope, sort, NOW);
        // Small pages where they stay few; the whole set in pages of 113 (an odd size: a short last page).
        const limit = expected.length > 400 ? 113 : expected.length > 120 || (n + u) % 2 === 1 ? 50 : 7;
        const params = toParams(c.filter, c.style);
        params.set('sort', sort);
        const label = `${c.name} / ${user.name} / sort=${sort} / limit=${limit}`;
        const result = await pageThrough<ListItem>(user.session, '/api/appeals', params, limit);
        const ids = result.items.map((i) => i.id);
        expect(new Set(ids).size, `${label}: no duplicates`).toBe(ids.length);
        expect(ids, label).toEqual(expected.map((a) => a.id));
        expect(new Set(result.totals), `${label}: total`).toEqual(new Set([expected.length]));
        const codes = (a: { region: string; category: string; status: string }) =>
          `${a.region} ${a.category} ${a.status}`;
        expect(result.items.map(codes), label).toEqual(expected.map(codes));
        for (const text of result.texts) expectNoPersonalData(text, `${label} JSON`);
        combinationsChecked += 1;

        if (u === n % users.length) {
          // The export of the same query: the same rows, in the same order, masked alike.
          const csv = await fetchCsv(user.session, '/api/appeals.csv', params);
          expectFiltersStated(csv.filters, c.filter);
          expect(csv.asOf).toBe(csvInstant(NOW));
          expect(csv.cursor).toBe(server.app.store.state.cursor);
          expectCsvMatchesAppeals(csv.rows, result.items);
          // The title line repeats the query (a surname searched for is the caller's own text).
          expectNoPersonalData(csv.text.slice(csv.text.indexOf('\r\n')), `${label} CSV`);
        }
      }
    }
  }, 120_000);

  it('pages through every sort, both directions, in pages of 7 and of the maximum 500', async () => {
    const filter: AppealFilter = { region: ['KZ-23'], status: ['registered', 'assigned'] };
    for (const sort of APPEAL_SORT_NAMES) {
      const expected = expectedAppeals(ref, filter, 'all', sort, NOW);
      expect(expected.length).toBeGreaterThan(20);
      const small = await pageThrough<ListItem>(
        national.session,
        '/api/appeals',
        withSort(toParams(filter, 'comma'), sort),
        7,
      );
      expect(
        small.items.map((i) => i.id),
        sort,
      ).toEqual(expected.map((a) => a.id));
      const everything = expectedAppeals(ref, {}, 'all', sort, NOW);
      const big = await pageThrough<ListItem>(
        national.session,
        '/api/appeals',
        withSort(new URLSearchParams(), sort),
        500,
      );
      expect(big.pages).toBe(Math.ceil(everything.length / 500));
      expect(
        big.items.map((i) => i.id),
        sort,
      ).toEqual(everything.map((a) => a.id));
      combinationsChecked += 2;
    }
  }, 60_000);
});

function withSort(params: URLSearchParams, sort: string): URLSearchParams {
  params.set('sort', sort);
  return params;
}

// ─── Paging while appeals arrive ─────────────────────────────────────────────────────────

let appendedBatch = 0;

/** New appeals of the given categories: some newer than all, some older than all, some in between. */
function newAppeals(count: number, categories: readonly string[]): EventEnvelope[] {
  const random = createRandom(SEED + 100 + appendedBatch);
  appendedBatch += 1;
  return Array.from({ length: count }, (_, i): EventEnvelope => {
    const place = random.pick(PLACES);
    const at =
      i % 3 === 0
        ? NOW - random.int(1, 600) * 1000
        : i % 3 === 1
          ? NOW - 4 * 24 * HOUR - random.int(0, 3600) * 1000
          : NOW - random.int(600, 3 * 24 * 3600) * 1000;
    return {
      v: 1,
      id: `l-new-${appendedBatch}-${i}`,
      type: 'appeal.registered',
      at: isoAt(at, random),
      region: place.code,
      data: {
        appealId: `N-${appendedBatch}-${String(i).padStart(2, '0')}`,
        channel: random.pick(CHANNEL_LIST),
        category: random.pick(categories) as CategoryCode,
        priority: random.pick(PRIORITY_ORDER),
        location: { lat: place.lat, lng: place.lng, address: random.pick(place.addresses) },
        description: 'Поступило во время листания, жарық жоқ',
      },
    };
  });
}

describe('paging while appeals arrive', () => {
  it('never repeats nor skips an appeal that existed before the first page, in any sort', async () => {
    const filter: AppealFilter = { category: ['heating', 'water_sewer', 'electricity'] };
    for (const sort of ['-registeredAt', 'registeredAt', 'dueAt', '-status', 'category', '-updatedAt']) {
      const before = expectedAppeals(ref, filter, 'all', sort, NOW);
      const params = withSort(toParams(filter, 'comma'), sort);
      params.set('limit', '25');
      const first = await get<ListBody<ListItem>>(national.session, '/api/appeals', params);
      expect(first.status).toBe(200);
      const firstIds = first.body.items.map((i) => i.id);
      expect(firstIds).toEqual(before.slice(0, 25).map((a) => a.id));
      const lastSeen = ref.appeals.get(firstIds[24] ?? '');
      if (!lastSeen) throw new Error('no last item');

      await appendAndWait(newAppeals(30, filter.category ?? []));

      const rest = await pageThrough<ListItem>(national.session, '/api/appeals', params, 25, first.body.nextCursor);
      const restIds = rest.items.map((i) => i.id);
      const all = [...firstIds, ...restIds];
      expect(new Set(all).size, `${sort}: no duplicates`).toBe(all.length);
      const seen = new Set(all);
      expect(
        before.filter((a) => !seen.has(a.id)).map((a) => a.id),
        `${sort}: nothing that existed is skipped`,
      ).toEqual([]);
      // Exactly what now sorts after the last item of the first page, new arrivals included.
      const after = expectedAppeals(ref, filter, 'all', sort, NOW).filter((a) => comesAfter(a, lastSeen, sort));
      expect(restIds, sort).toEqual(after.map((a) => a.id));
      expect(new Set(rest.totals)).toEqual(new Set([before.length + 30]));
      combinationsChecked += 1;
    }
  }, 60_000);
});

// ─── Scope ───────────────────────────────────────────────────────────────────────────────

describe('a caller sees only their regions', () => {
  it('gives a KZ-71 supervisor an empty list (200, total 0) for region=KZ-75, in JSON and CSV', async () => {
    const asked = await get<ListBody<ListItem>>(astana.session, '/api/appeals', 'region=KZ-75');
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ items: [], total: 0, nextCursor: null });
    const csv = await fetchCsv(astana.session, '/api/appeals.csv', new URLSearchParams('region=KZ-75'));
    expect(csv.rows).toEqual([]);
    expectFiltersStated(csv.filters, { region: ['KZ-75'] });
    const incidents = await get<ListBody<ListItem>>(astana.session, '/api/incidents', 'region=KZ-75');
    expect(incidents.body).toMatchObject({ items: [], total: 0, nextCursor: null });
  });

  it('counts and lists only the caller regions, whatever the filters ask for', async () => {
    const kz71 = [...ref.appeals.values()].filter((a) => a.region === 'KZ-71');
    for (const query of ['', 'region=KZ-71,KZ-75', 'region=KZ-75&region=KZ-71&region=KZ-79']) {
      const list = await pageThrough<ListItem>(astana.session, '/api/appeals', new URLSearchParams(query), 500);
      expect(new Set(list.items.map((i) => i.region)), query).toEqual(new Set(['KZ-71']));
      expect(list.items).toHaveLength(kz71.length);
      expect(new Set(list.totals)).toEqual(new Set([kz71.length]));
      const csv = await fetchCsv(astana.session, '/api/appeals.csv', new URLSearchParams(query));
      expect(csv.rows.map((r) => r.id)).toEqual(list.items.map((i) => i.id));
      expect(new Set(csv.rows.map((r) => r.region))).toEqual(new Set(['KZ-71']));
    }
    const elsewhere = [...ref.appeals.values()].find((a) => a.region === 'KZ-75');
    const foreignIncident = [...ref.incidents.values()].find((i) => i.region === 'KZ-75' && i.appealIds.length > 0);
    for (const query of [`q=${elsewhere?.id ?? ''}`, `incident=${foreignIncident?.id ?? ''}`]) {
      const res = await get<ListBody<ListItem>>(astana.session, '/api/appeals', new URLSearchParams(query));
      expect(res.body, query).toMatchObject({ items: [], total: 0 });
      const csv = await fetchCsv(astana.session, '/api/appeals.csv', new URLSearchParams(query));
      expect(csv.rows).toEqual([]);
    }
    expect((await get(astana.session, `/api/appeals/${elsewhere?.id ?? ''}`)).status).toBe(404);

    const agentRegions = [...ref.appeals.values()].filter((a) => a.region === 'KZ-75' || a.region === 'KZ-79');
    const agentAll = await get<ListBody<ListItem>>(agent.session, '/api/appeals', 'limit=1');
    expect(agentAll.body.total).toBe(agentRegions.length);
    const agentAsked = await get<ListBody<ListItem>>(agent.session, '/api/appeals', 'region=KZ-71,KZ-55');
    expect(agentAsked.body).toMatchObject({ items: [], total: 0, nextCursor: null });
    const incidents = await pageThrough<ListItem>(astana.session, '/api/incidents', new URLSearchParams(), 500);
    expect(incidents.items.length).toBeGreaterThan(0);
    expect(new Set(incidents.items.map((i) => i.region))).toEqual(new Set(['KZ-71']));
  });
});

// ─── Bad queries ─────────────────────────────────────────────────────────────────────────

const cursorOf = (payload: unknown): string => Buffer.from(JSON.stringify(payload)).toString('base64url');

describe('a bad query is a 400 naming the parameter', () => {
  it('refuses unknown keys, bad codes, limits, dates, sorts, texts and cursors', async () => {
    const priorityPage = await get<ListBody<ListItem>>(national.session, '/api/appeals', 'sort=priority&limit=5');
    const priorityCursor = priorityPage.body.nextCursor ?? '';
    expect(priorityCursor).not.toBe('');
    const defaultPage = await get<ListBody<ListItem>>(national.session, '/api/appeals', 'limit=5');
    const appealCursor = defaultPage.body.nextCursor ?? '';
    const bad: [path: string, query: string, field: string][] = [
      ['/api/appeals', 'colour=red', 'colour'],
      ['/api/appeals', 'region=KZ-71&Region=KZ-75', 'Region'],
      ['/api/appeals', 'category%5Bx%5D=heating', 'category[x]'],
      ['/api/appeals', 'region=KZ-99', 'region'],
      ['/api/appeals', 'region=KZ-71,kz-75', 'region'],
      ['/api/appeals', 'category=heating,warm', 'category'],
      ['/api/appeals', 'status=open', 'status'],
      ['/api/appeals', 'priority=urgent', 'priority'],
      ['/api/appeals', 'channel=fax', 'channel'],
      ['/api/appeals', 'limit=0', 'limit'],
      ['/api/appeals', 'limit=501', 'limit'],
      ['/api/appeals', 'limit=abc', 'limit'],
      ['/api/appeals', 'limit=-5', 'limit'],
      ['/api/appeals', 'limit=7.5', 'limit'],
      ['/api/appeals', 'limit=5&limit=6', 'limit'],
      ['/api/appeals', 'from=yesterday', 'from'],
      ['/api/appeals', 'from=2026-02-30', 'from'],
      ['/api/appeals', 'from=2026-11-26T10:00:00', 'from'],
      ['/api/appeals', 'from=2026-13-40T10:00:00Z', 'from'],
      ['/api/appeals', 'from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z', 'to'],
      ['/api/appeals', 'from=2026-11-26T00:00:00Z&to=2026-11-26T00:00:00Z', 'to'],
      ['/api/appeals', 'overdue=yes', 'overdue'],
      ['/api/appeals', 'overdue=true&overdue=false', 'overdue'],
      ['/api/appeals', 'sort=priority2', 'sort'],
      ['/api/appeals', 'sort=--priority', 'sort'],
      ['/api/appeals', 'sort=-registeredAt&sort=dueAt', 'sort'],
      ['/api/appeals', `q=${'ә'.repeat(201)}`, 'q'],
      ['/api/appeals', 'q=a&q=b', 'q'],
      ['/api/appeals', 'incident=has%20spaces', 'incident'],
      ['/api/appeals', `incident=${'I'.repeat(65)}`, 'incident'],
      ['/api/appeals', 'cursor=not%20a%20cursor!', 'cursor'],
      ['/api/appeals', `cursor=${'A'.repeat(600)}`, 'cursor'],
      ['/api/appeals', `cursor=${cursorOf({ s: '-registeredAt', k: 'yesterday', id: 'A-1' })}`, 'cursor'],
      ['/api/appeals', `cursor=${cursorOf({ s: '-registeredAt', k: 1, id: '' })}`, 'cursor'],
      ['/api/appeals', `cursor=${cursorOf({ s: '-registeredAt', k: null, id: 'A-1' })}`, 'cursor'],
      ['/api/appeals', `cursor=${cursorOf([1, 2, 3])}`, 'cursor'],
      ['/api/appeals', `cursor=${Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url')}`, 'cursor'],
      ['/api/appeals', 'cursor=a', 'cursor'],
      ['/api/appeals', `sort=-priority&cursor=${priorityCursor}`, 'cursor'],
      ['/api/appeals', `sort=registeredAt&cursor=${appealCursor}`, 'cursor'],
      ['/api/appeals', `cursor=${appealCursor}&cursor=${appealCursor}`, 'cursor'],
      ['/api/appeals.csv', 'colour=red', 'colour'],
      ['/api/appeals.csv', 'region=KZ-99', 'region'],
      ['/api/appeals.csv', 'limit=501', 'limit'],
      ['/api/appeals.csv', 'from=soon', 'from'],
      ['/api/appeals.csv', `sort=-priority&cursor=${priorityCursor}`, 'cursor'],
      ['/api/incidents', 'severity=huge', 'severity'],
      ['/api/incidents', 'status=closed', 'status'],
      ['/api/incidents', 'sort=dueAt', 'sort'],
      ['/api/incidents', 'incident=I-1', 'incident'],
      ['/api/incidents', 'overdue=true', 'overdue'],
      ['/api/incidents', 'limit=0', 'limit'],
      ['/api/incidents', 'to=never', 'to'],
      ['/api/incidents', `cursor=${appealCursor}`, 'cursor'],
      ['/api/incidents.csv', 'region=KZ-00', 'region'],
      ['/api/incidents.csv', 'colour=red', 'colour'],
    ];
    for (const [path, query, field] of bad) {
      const res = await get<ApiError>(national.session, path, query);
      const label = `${path}?${query.slice(0, 80)}`;
      expect(res.status, `${label}: ${res.text}`).toBe(400);
      expect(res.headers.get('content-type'), label).toContain('application/json');
      expect(typeof res.body.code, label).toBe('string');
      expect(res.body.message, label).toMatch(/\S/);
      expect(res.body.message.length, label).toBeLessThan(1000);
      expect(res.body.field, `${label}: ${res.text}`).toBe(field);
    }
  });
});

describe('an instant typed with an unencoded +', () => {
  it('is read as the + it was (a query string turns it into a space)', async () => {
    const encoded = await get<ListBody<ListItem>>(national.session, '/api/appeals', 'from=2026-11-26T10:00:00%2B05:00');
    const typed = await get<ListBody<ListItem>>(national.session, '/api/appeals', 'from=2026-11-26T10:00:00+05:00');
    expect(typed.status, typed.text).toBe(200);
    expect(typed.body.total).toBe(encoded.body.total);
    expect(typed.body.total).toBe(
      expectedAppeals(ref, { from: '2026-11-26T10:00:00+05:00' }, 'all', '-registeredAt', NOW).length,
    );
  });
});

// ─── Incidents ───────────────────────────────────────────────────────────────────────────

describe('GET /api/incidents and /api/incidents.csv', () => {
  it('answers filter combinations page by page like the reference, and exports the same rows', async () => {
    const someIncident = [...ref.incidents.keys()][7] ?? '';
    const cases: { name: string; filter: IncidentFilter; style: Style }[] = [
      { name: 'no filter', filter: {}, style: 'comma' },
      { name: 'one region', filter: { region: ['KZ-71'] }, style: 'comma' },
      { name: 'two regions, repeated', filter: { region: ['KZ-79', 'KZ-75'] }, style: 'repeat' },
      { name: 'categories', filter: { category: [...CATEGORY_CODES].slice(0, 8) }, style: 'mixed' },
      { name: 'major or critical', filter: { severity: ['critical', 'major'] }, style: 'messy' },
      { name: 'open', filter: { status: ['open'] }, style: 'comma' },
      { name: 'resolved', filter: { status: ['resolved'] }, style: 'comma' },
      { name: 'from a day ago', filter: { from: kz(NOW - 24 * HOUR) }, style: 'comma' },
      { name: 'before a day ago', filter: { to: utc(NOW - 24 * HOUR) }, style: 'comma' },
      { name: 'q: title, lower case', filter: { q: 'теплотрасс' }, style: 'comma' },
      { name: 'q: note, upper case', filter: { q: 'ЛОКАЛИЗОВАНО' }, style: 'comma' },
      { name: 'q: Kazakh note', filter: { q: 'жұмыстары' }, style: 'comma' },
      { name: 'q: id', filter: { q: someIncident.toLowerCase() }, style: 'comma' },
      {
        name: 'regions, open, severities',
        filter: { region: ['KZ-75', 'KZ-71', 'KZ-55'], status: ['open'], severity: ['minor', 'major'] },
        style: 'comma',
      },
    ];
    for (const [n, c] of cases.entries()) {
      for (const [u, user] of users.entries()) {
        const sorts = [INCIDENT_SORT_NAMES[(n + u) % 6], INCIDENT_SORT_NAMES[(n + u + 3) % 6]] as string[];
        for (const [s, sort] of sorts.entries()) {
          const expected = expectedIncidents(ref, c.filter, user.scope, sort);
          const params = withSort(toParams(c.filter, c.style), sort);
          const label = `${c.name} / ${user.name} / ${sort}`;
          const result = await pageThrough<ListItem & Record<string, unknown>>(
            user.session,
            '/api/incidents',
            params,
            s === 0 ? 3 : 7,
          );
          expect(
            result.items.map((i) => i.id),
            label,
          ).toEqual(expected.map((i) => i.id));
          expect(new Set(result.totals), label).toEqual(new Set([expected.length]));
          combinationsChecked += 1;
          if (s !== 0) continue;
          const csv = await fetchCsv(user.session, '/api/incidents.csv', params);
          expectFiltersStated(csv.filters, c.filter);
          expect(csv.asOf).toBe(csvInstant(NOW));
          expect(csv.rows).toEqual(
            result.items.map((i) => {
              const item = i as unknown as {
                id: string;
                openedAt: number;
                region: string;
                category: string;
                severity: string;
                status: string;
                title: string;
                updatedAt: number;
                resolvedAt: number | null;
                affected?: number;
                appealIds: string[];
                location: { lat: number; lng: number; address?: string; district?: string };
                note?: string;
              };
              return {
                id: item.id,
                openedAt: csvInstant(item.openedAt),
                region: item.region,
                category: item.category,
                severity: item.severity,
                status: item.status,
                title: defused(item.title),
                updatedAt: csvInstant(item.updatedAt),
                resolvedAt: csvInstant(item.resolvedAt),
                affected: item.affected === undefined ? '' : String(item.affected),
                appealIds: defused(item.appealIds.join(' ')),
                address: defused(item.location.address ?? ''),
                district: defused(item.location.district ?? ''),
                lat: String(item.location.lat),
                lng: String(item.location.lng),
                note: defused(item.note ?? ''),
              };
            }),
          );
          expectNoPersonalData(csv.text, `${label} CSV`);
        }
      }
    }
  }, 60_000);
});

// ─── The agent's own last entries ────────────────────────────────────────────────────────

describe('GET /api/appeals/mine', () => {
  it("lists the caller's last 20 registrations newest first, masked, and never another agent's", async () => {
    const other: User = {
      name: 'agent in KZ-71',
      session: await signIn(server, 'agent', ['KZ-71']),
      scope: ['KZ-71'],
    };
    const register = async (user: User, region: string, n: number): Promise<string> => {
      const place = PLACES.find((p) => p.code === region) ?? PLACES[0];
      const res = await authedFetch(user.session, `${server.url}/api/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          region,
          category: CATEGORY_CODES[n % CATEGORY_CODES.length],
          priority: PRIORITY_ORDER[n % 4],
          channel: 'call',
          location: { lat: place?.lat, lng: place?.lng, address: `ул. Абая, ${n}` },
          description: `Моя заявка №${n}, жарық жоқ`,
          citizen: { name: 'Айгерім Сапарова', phone: `8 (701) 234-56-${String(10 + n).slice(-2)}` },
        }),
      });
      const body = (await res.json()) as WriteAccepted;
      expect(res.status, JSON.stringify(body)).toBe(202);
      return body.appealId ?? '';
    };
    const mine: string[] = [];
    const theirs: string[] = [];
    for (let n = 0; n < 23; n += 1) {
      mine.push(await register(agent, n % 2 === 0 ? 'KZ-75' : 'KZ-79', n));
      if (n % 8 === 3) theirs.push(await register(other, 'KZ-71', 100 + n));
    }
    await waitFor(
      () => [...mine, ...theirs].every((id) => server.app.store.state.appeals.has(id)),
      10_000,
      'registrations applied',
    );

    const own = await get<{ items: ListItem[]; cursor: string }>(agent.session, '/api/appeals/mine');
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('no-store');
    expect(own.body.items.map((i) => i.id)).toEqual([...mine].reverse().slice(0, 20));
    expect(own.body.cursor).toMatch(/^\d+-\d+$/);
    const citizen = own.body.items[0]?.citizen as { name?: string; phone?: string } | undefined;
    expect(citizen).toEqual({ name: 'А. С.', phone: '+7 7** *** ** 32' });
    expect(own.text).not.toContain('Сапарова');
    expect(own.text).not.toMatch(/(?<!\d)(?:\+?7|8)\d{10}(?!\d)/);

    const others = await get<{ items: ListItem[] }>(other.session, '/api/appeals/mine');
    expect(others.body.items.map((i) => i.id)).toEqual([...theirs].reverse());
    const none = await get<{ items: ListItem[] }>(national.session, '/api/appeals/mine');
    expect(none.body.items).toEqual([]);
  });
});

afterAll(() => {
  console.info(
    `listApi: ${combinationsChecked} list checks (filter × scope × sort), ${requestsMade} GET requests, ${Math.round(fetchMs)} ms waiting`,
  );
});
