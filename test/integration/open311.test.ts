import { randomUUID } from 'node:crypto';
import { CATEGORIES, CATEGORY_CODES, compareStreamIds, SETTLEMENTS, type WriteAccepted } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let agent: TestSession;
let supervisor: TestSession;
let operator: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  agent = await signIn(server, 'agent', ['KZ-71', 'KZ-75']);
  supervisor = await signIn(server, 'supervisor', ['KZ-71', 'KZ-75']);
  operator = await signIn(server, 'operator');
});

afterAll(async () => {
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

interface Answer {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

interface Call {
  method?: string;
  json?: unknown;
  form?: Record<string, string>;
  raw?: { type: string; body: string };
  headers?: Record<string, string>;
}

/** A request to /open311/v2/… with or without a session. */
async function call(session: TestSession | null, path: string, init: Call = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  } else if (init.raw !== undefined) {
    headers['content-type'] = init.raw.type;
    body = init.raw.body;
  }
  const url = `${server.url}/open311/v2/${path}`;
  const request: RequestInit = { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body };
  const res = session ? await authedFetch(session, url, request) : await fetch(url, request);
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

async function eventCount(): Promise<number> {
  return (await server.log.info('events')).length;
}

/** The GeoReport error shape with this status, and nothing else in it. */
function expectOpen311Error(answer: Answer, status: number, fragment?: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.body).toEqual([{ code: status, description: expect.any(String) }]);
  const [error] = answer.body as [{ description: string }];
  expect(error.description.length).toBeGreaterThan(0);
  if (fragment !== undefined) expect(error.description).toContain(fragment);
}

const ASTANA = { lat: '51.128', long: '71.43' };
const CITIZEN = { first_name: 'Айгерим', last_name: 'Серикова', phone: '8 (701) 234-56-78', email: 'a@example.kz' };
const DESCRIPTION = 'Не горит фонарь у подъезда, звоните 8 701 234 56 78';

interface Created {
  service_request_id: string;
  service_notice: string;
  account_id: null;
  token: string;
}

/** POSTs a request and waits until the projection has it. */
async function create(fields: Record<string, string>, session = agent, asForm = false): Promise<Created> {
  const res = await call(session, 'requests.json', asForm ? { form: fields } : { json: fields });
  expect(res.status, res.text).toBe(201);
  const [created] = res.body as [Created];
  await waitFor(() => server.app.store.state.appeals.has(created.service_request_id), 5000, 'request applied');
  return created;
}

async function writeApi(session: TestSession, path: string, body: unknown): Promise<WriteAccepted> {
  const res = await authedFetch(session, `${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  const accepted = (await res.json()) as WriteAccepted;
  await waitFor(() => compareStreamIds(server.app.store.state.cursor, accepted.cursor) >= 0, 5000, 'write applied');
  return accepted;
}

/** Nothing that identifies the citizen, in any form, anywhere in an answer. */
function expectNoCitizenData(text: string): void {
  for (const needle of ['Айгерим', 'Айгерім', 'Серикова', 'Сапарова', 'first_name', 'citizen', 'phone', '@example']) {
    expect(text).not.toContain(needle);
  }
  // The test phones, +7 701 234 56 78 and +7 701 234 56 12, in any dress.
  expect(text).not.toMatch(/701\D{0,3}234\D{0,3}56/);
}

describe('GET services.json', () => {
  it('lists every category as GeoReport services, every field of the spec typed as it says', async () => {
    const res = await call(agent, 'services.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const services = res.body as Record<string, unknown>[];
    expect(services.map((s) => s.service_code)).toEqual([...CATEGORY_CODES]);
    for (const [index, service] of services.entries()) {
      const category = CATEGORIES[index];
      expect(Object.keys(service).sort()).toEqual(
        ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type'].sort(),
      );
      expect(service.metadata).toBe(false);
      expect(service.type).toBe('realtime');
      expect(typeof service.service_name).toBe('string');
      expect((service.service_name as string).toLowerCase()).toBe(category?.name.ru.toLowerCase());
      expect(typeof service.description).toBe('string');
      expect(service.description).toContain(service.service_name);
      expect(typeof service.group).toBe('string');
      expect(service.group).not.toBe('');
      expect((service.keywords as string).split(',')).toEqual([category?.name.kk, category?.name.en]);
    }
    const groups = new Set(services.map((s) => s.group));
    // utilities, roads and transport, city environment, housing and order, information, social, anti-corruption
    expect(groups.size).toBe(7);
    const groupOf = (code: string) => services.find((s) => s.service_code === code)?.group;
    expect(groupOf('gas')).toBe(groupOf('heating'));
    expect(groupOf('utility_billing')).toBe(groupOf('heating'));
    expect(groupOf('education')).toBe(groupOf('healthcare'));
    expect(groupOf('corruption')).not.toBe(groupOf('consultation'));
  });

  it('names services in the language of ?lang= (ru by default) and refuses an unknown one', async () => {
    const en = (await call(agent, 'services.json?lang=en')).body as Record<string, string>[];
    const heating = en.find((s) => s.service_code === 'heating');
    expect(heating).toMatchObject({ service_name: 'Heating and hot water', group: 'Utilities' });
    expect(heating?.keywords?.split(',')).toEqual(['теплоснабжение и горячая вода', 'жылумен жабдықтау және ыстық су']);
    const kk = (await call(agent, 'services.json?lang=kk')).body as Record<string, string>[];
    expect(kk.find((s) => s.service_code === 'lifts')?.service_name).toBe('Лифтілер');
    const ru = (await call(agent, 'services.json')).body as Record<string, string>[];
    expect(ru.find((s) => s.service_code === 'lifts')?.service_name).toBe('Лифты');
    expectOpen311Error(await call(agent, 'services.json?lang=de'), 400, 'lang');
  });

  it('answers a service definition with no attributes, and 404 for an unknown code', async () => {
    const res = await call(agent, 'services/heating.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ service_code: 'heating', attributes: [] });
    expectOpen311Error(await call(agent, 'services/nope.json'), 404, 'nope');
  });

  it('offers JSON only and needs a session', async () => {
    expectOpen311Error(await call(agent, 'services.xml'), 400, 'only JSON');
    expectOpen311Error(await call(agent, 'services/heating.xml'), 400, 'only JSON');
    expectOpen311Error(await call(null, 'services.json'), 401);
    expectOpen311Error(await call(agent, 'nope.json'), 404);
    const v1 = await fetch(`${server.url}/open311/v1/services.json`, { headers: { cookie: agent.cookie } });
    expect(v1.status).toBe(404);
    expect(await v1.json()).toEqual([{ code: 404, description: expect.stringContaining('no such endpoint') }]);
  });
});

describe('POST requests.json', () => {
  it('turns a JSON request into one appeal.registered event (web, normal) and answers 201 per the spec', async () => {
    const before = await eventCount();
    const res = await call(agent, 'requests.json', {
      json: {
        service_code: 'lighting',
        ...ASTANA,
        address_string: 'ул. Кенесары, 40',
        description: DESCRIPTION,
        ...CITIZEN,
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^A-/),
        service_notice: '',
        account_id: null,
        token: expect.any(String),
      },
    ]);
    const [created] = res.body as [Created];
    expect(await eventCount()).toBe(before + 1);
    // Answered once the projection has it: a GET right after finds it.
    const appeal = server.app.store.state.appeals.get(created.service_request_id);
    expect(appeal).toMatchObject({
      region: 'KZ-71',
      category: 'lighting',
      channel: 'web',
      priority: 'normal',
      status: 'registered',
      location: { lat: 51.128, lng: 71.43, address: 'ул. Кенесары, 40' },
      citizen: { name: 'Айгерим Серикова', phone: '+77012345678' },
    });
    expect(server.app.store.state.seen.has(created.token)).toBe(true);
    const records = await server.app.access.audit.query({ target: `appeal:${created.service_request_id}`, limit: 5 });
    expect(records).toMatchObject([{ actor: agent.username, action: 'appeal.register' }]);
  });

  it('returns the request from requests/{id}.json field by field, with no citizen data anywhere', async () => {
    const created = await create({ service_code: 'lighting', ...ASTANA, description: DESCRIPTION, ...CITIZEN });
    const appeal = server.app.store.state.appeals.get(created.service_request_id);
    const res = await call(operator, `requests/${created.service_request_id}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const list = res.body as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    const request = list[0] as Record<string, unknown>;
    expect(request).toEqual({
      service_request_id: created.service_request_id,
      status: 'open',
      status_notes: 'registered',
      service_name: 'Уличное освещение',
      service_code: 'lighting',
      description: expect.stringContaining('Не горит фонарь'),
      agency_responsible: '',
      service_notice: '',
      requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00$/),
      updated_datetime: expect.stringMatching(/\+05:00$/),
      expected_datetime: expect.stringMatching(/\+05:00$/),
      legal_deadline: request.expected_datetime,
      legal_deadline_provisional: appeal?.isLegalProvisional,
      operational_datetime: expect.stringMatching(/\+05:00$/),
      extended: false,
      extension_months: null,
      outcome: null,
      confirmation: null,
      address: '',
      lat: 51.128,
      long: 71.43,
    });
    const requested = Date.parse(request.requested_datetime as string);
    expect(Math.abs(requested - (appeal?.registeredAt ?? 0))).toBeLessThan(1000);
    // The public promise is the legal deadline; the operational target is beside it.
    expect(Math.abs(Date.parse(request.expected_datetime as string) - (appeal?.legalDueAt ?? 0))).toBeLessThan(1000);
    expect(Math.abs(Date.parse(request.operational_datetime as string) - (appeal?.dueAt ?? 0))).toBeLessThan(1000);
    expect(typeof request.lat).toBe('number');
    expect(typeof request.long).toBe('number');
    expectNoCitizenData(res.text);
    expect(request.description).toContain('+7 7** *** ** 78');
  });

  it('accepts the form-encoded variant, and places an address_string without a point by the gazetteer', async () => {
    const before = await eventCount();
    const created = await create(
      {
        service_code: 'waste',
        address_string: 'Алматы, Бостандыкский район, ул. Тимирязева 42',
        description: 'Не вывозят мусор третью неделю',
        'attribute[WHISPAWN]': 'ignored',
        api_key: 'ignored',
        device_id: 'phone-1',
        account_id: '42',
      },
      agent,
      true,
    );
    expect(await eventCount()).toBe(before + 1);
    const bostandyk = SETTLEMENTS['KZ-75'][0]?.districts?.find((d) => d.name.en === 'Bostandyk district');
    expect(server.app.store.state.appeals.get(created.service_request_id)).toMatchObject({
      region: 'KZ-75',
      channel: 'web',
      location: {
        lat: bostandyk?.lat,
        lng: bostandyk?.lng,
        address: 'Алматы, Бостандыкский район, ул. Тимирязева 42',
        district: 'Бостандыкский район',
      },
    });
    const [request] = (await call(agent, `requests/${created.service_request_id}.json?lang=en`)).body as [
      Record<string, unknown>,
    ];
    expect(request).toMatchObject({
      service_name: 'Waste collection',
      address: 'Алматы, Бостандыкский район, ул. Тимирязева 42, Бостандыкский район',
    });
  });

  it('answers a retry with the same Idempotency-Key with the first answer and writes once', async () => {
    const key = randomUUID();
    const fields = { service_code: 'roads', ...ASTANA, description: 'Яма на дороге' };
    const first = await call(agent, 'requests.json', { form: fields, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    const before = await eventCount();
    const again = await call(agent, 'requests.json', { form: fields, headers: { 'Idempotency-Key': key } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await call(agent, 'requests.json', {
      form: { ...fields, description: 'Другая яма' },
      headers: { 'Idempotency-Key': key },
    });
    expectOpen311Error(other, 422, 'Idempotency-Key');
    expect(await eventCount()).toBe(before);
  });
});

describe('errors of POST requests.json write nothing', () => {
  const valid = { service_code: 'heating', ...ASTANA, description: 'Холодно' };
  const cases: [string, () => Promise<Answer>, number, string?][] = [
    ['missing service_code', () => call(agent, 'requests.json', { json: { ...valid, service_code: '' } }), 400],
    ['unknown service_code', () => call(agent, 'requests.json', { json: { ...valid, service_code: 'x' } }), 400],
    ['missing description', () => call(agent, 'requests.json', { form: { ...valid, description: ' ' } }), 400],
    ['no location', () => call(agent, 'requests.json', { json: { service_code: 'gas', description: 'x' } }), 400],
    ['lat without long', () => call(agent, 'requests.json', { json: { ...valid, long: undefined } }), 400, 'long'],
    ['lat not a number', () => call(agent, 'requests.json', { form: { ...valid, lat: 'abc' } }), 400, 'lat'],
    ['lat out of range', () => call(agent, 'requests.json', { json: { ...valid, lat: 95 } }), 400, 'lat'],
    [
      'an address nobody knows',
      () =>
        call(agent, 'requests.json', {
          form: { service_code: 'gas', description: 'x', address_string: 'ул. Ленина 1' },
        }),
      400,
      'address_string could not be located',
    ],
    ['a bad phone', () => call(agent, 'requests.json', { json: { ...valid, phone: '12345' } }), 400, 'phone:'],
    ['a point outside every region', () => call(agent, 'requests.json', { json: { ...valid, lat: 0, long: 0 } }), 422],
    [
      'a region outside the caller scope',
      () => call(agent, 'requests.json', { json: { ...valid, lat: 50.283, long: 57.167 } }),
      403,
    ],
    [
      'malformed JSON',
      () => call(agent, 'requests.json', { raw: { type: 'application/json', body: '{"service_code":' } }),
      400,
    ],
    [
      'a JSON body over 64 KB',
      () => call(agent, 'requests.json', { json: { ...valid, description: 'x'.repeat(70_000) } }),
      413,
    ],
    [
      'a form body over 64 KB',
      () => call(agent, 'requests.json', { form: { ...valid, description: 'x'.repeat(70_000) } }),
      413,
    ],
    [
      'a description over the limit',
      () => call(agent, 'requests.json', { json: { ...valid, description: 'x'.repeat(5000) } }),
      400,
      'description',
    ],
    ['a wrong content type', () => call(agent, 'requests.json', { raw: { type: 'text/plain', body: 'hi' } }), 415],
    ['no session', () => call(null, 'requests.json', { json: valid }), 401],
    ['a role that may not register', () => call(operator, 'requests.json', { json: valid }), 403],
    ['XML', () => call(agent, 'requests.xml', { json: valid }), 400, 'only JSON'],
    [
      'a cross-site browser',
      () => call(agent, 'requests.json', { json: valid, headers: { origin: 'https://evil.example' } }),
      403,
    ],
    [
      'a bad Idempotency-Key',
      () => call(agent, 'requests.json', { json: valid, headers: { 'Idempotency-Key': 'ä' } }),
      400,
    ],
  ];
  it.each(cases)('%s', async (_name, send, status, fragment) => {
    const before = await eventCount();
    expectOpen311Error(await send(), status, fragment);
    expect(await eventCount()).toBe(before);
  });
});

describe('GET requests.json', () => {
  it('makes a request closed with status_notes once it is resolved through the write API', async () => {
    const created = await create({ service_code: 'heating', ...ASTANA, description: 'Холодные батареи' });
    const path = `/api/appeals/${created.service_request_id}`;
    await writeApi(supervisor, `${path}/assign`, { service: 'Астана-Теплотранзит' });
    await writeApi(agent, `${path}/status`, { status: 'in_progress' });
    const [working] = (await call(agent, `requests/${created.service_request_id}.json`)).body as [
      Record<string, unknown>,
    ];
    expect(working).toMatchObject({
      status: 'open',
      status_notes: 'in_progress',
      agency_responsible: 'Астана-Теплотранзит',
    });
    await writeApi(supervisor, `${path}/status`, { status: 'redirected', comment: 'В акимат района' });
    const [redirected] = (await call(agent, `requests/${created.service_request_id}.json`)).body as [
      Record<string, unknown>,
    ];
    expect(redirected).toMatchObject({ status: 'open', status_notes: 'redirected: В акимат района' });
    await writeApi(agent, `${path}/status`, {
      status: 'resolved',
      comment: 'Подача восстановлена, тел. 87012345678',
      outcome: 'satisfied',
    });
    const res = await call(agent, `requests/${created.service_request_id}.json`);
    const [done] = res.body as [Record<string, unknown>];
    expect(done).toMatchObject({ status: 'closed', agency_responsible: 'Астана-Теплотранзит' });
    expect(done.status_notes).toMatch(/^resolved: Подача восстановлена, тел\. \+7 7\*\* \*\*\* \*\* 78$/);
    expectNoCitizenData(res.text);
    await writeApi(supervisor, `${path}/status`, { status: 'closed' });
    const [closed] = (await call(agent, `requests/${created.service_request_id}.json`)).body as [
      Record<string, unknown>,
    ];
    expect(closed).toMatchObject({ status: 'closed', status_notes: 'closed' });
  });

  it('filters by service_code, status and dates, newest first; service_request_id overrides the rest', async () => {
    const gas = await create({ service_code: 'gas', ...ASTANA, description: 'Запах газа в подъезде' });
    const lifts = await create({ service_code: 'lifts', ...ASTANA, description: 'Лифт застрял' });
    const closed = await create({ service_code: 'lifts', ...ASTANA, description: 'Лифт не работает' });
    await writeApi(supervisor, `/api/appeals/${closed.service_request_id}/status`, {
      status: 'rejected',
      comment: 'Дубликат',
    });
    const ids = async (query: string): Promise<string[]> => {
      const res = await call(agent, `requests.json${query}`);
      expect(res.status, res.text).toBe(200);
      expectNoCitizenData(res.text);
      return (res.body as { service_request_id: string }[]).map((r) => r.service_request_id);
    };

    const all = await ids('');
    expect(all.indexOf(closed.service_request_id)).toBeLessThan(all.indexOf(gas.service_request_id));
    const byGas = await ids('?service_code=gas');
    expect(byGas).toContain(gas.service_request_id);
    expect(byGas).not.toContain(lifts.service_request_id);
    const both = await ids('?service_code=gas,lifts');
    expect(both).toEqual(expect.arrayContaining([gas.service_request_id, lifts.service_request_id]));
    const openLifts = await ids('?service_code=lifts&status=open');
    expect(openLifts).toContain(lifts.service_request_id);
    expect(openLifts).not.toContain(closed.service_request_id);
    expect(await ids('?service_code=lifts&status=closed')).toEqual([closed.service_request_id]);
    expect(await ids('?service_code=lifts&status=open,closed')).toEqual(
      expect.arrayContaining([lifts.service_request_id, closed.service_request_id]),
    );

    const registeredAt = server.app.store.state.appeals.get(gas.service_request_id)?.registeredAt ?? 0;
    const at = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    const around = await ids(
      `?service_code=gas&start_date=${at(registeredAt - 1000)}&end_date=${at(registeredAt + 1000)}`,
    );
    expect(around).toContain(gas.service_request_id);
    expect(await ids(`?service_code=gas&end_date=${at(registeredAt - 60_000)}`)).not.toContain(gas.service_request_id);
    expect(await ids(`?service_code=gas&start_date=${at(registeredAt + 60_000)}`)).not.toContain(
      gas.service_request_id,
    );

    const picked = await ids(
      `?service_request_id=${lifts.service_request_id},A-NOPE,${gas.service_request_id}&status=closed&service_code=roads`,
    );
    expect(picked).toEqual([lifts.service_request_id, gas.service_request_id]);
  });

  it('looks back 90 days by default and refuses a wider window or a bad date', async () => {
    const oldAt = Date.now() - 100 * 86_400_000;
    const envelope = appealRegistered({ region: 'KZ-71', at: new Date(oldAt).toISOString() });
    const appealId = (envelope.data as { appealId: string }).appealId;
    await appendEnvelope(server.log, envelope);
    await waitFor(() => server.app.store.state.appeals.has(appealId), 5000, 'old appeal');

    const list = async (query: string) =>
      (await call(agent, `requests.json${query}`)).body as { service_request_id: string }[];
    expect((await list('')).map((r) => r.service_request_id)).not.toContain(appealId);
    const day = (ms: number) => new Date(ms + 5 * 3_600_000).toISOString().slice(0, 10);
    const found = await list(`?start_date=${day(oldAt - 86_400_000)}&end_date=${day(oldAt + 86_400_000)}`);
    expect(found.map((r) => r.service_request_id)).toContain(appealId);
    expect(await list(`?service_request_id=${appealId}`)).toHaveLength(1);
    expectNoCitizenData(JSON.stringify(found));

    expectOpen311Error(await call(agent, 'requests.json?start_date=2026-01-01&end_date=2026-04-02'), 400, '90 days');
    expectOpen311Error(
      await call(agent, 'requests.json?start_date=2026-01-02T00:00:00Z&end_date=2026-01-01T00:00:00Z'),
      400,
      'end_date',
    );
    expectOpen311Error(await call(agent, 'requests.json?start_date=yesterday'), 400, 'start_date');
    expectOpen311Error(await call(agent, 'requests.json?start_date=2026-01-01T10:00:00'), 400, 'start_date');
    expectOpen311Error(await call(agent, 'requests.json?status=pending'), 400, 'status');
    expectOpen311Error(await call(agent, 'requests.json?service_code=nope'), 400, 'service_code');
    expect((await call(agent, 'requests.json?start_date=2026-01-01T10:00Z&end_date=2026-01-02')).status).toBe(200);
  });

  it('answers 404 for an unknown id or one outside the caller regions, 401 without a session, 400 for XML', async () => {
    expectOpen311Error(await call(agent, 'requests/A-NOPE.json'), 404, 'A-NOPE');
    const created = await create({ service_code: 'gas', ...ASTANA, description: 'Запах газа' });
    const elsewhere = await signIn(server, 'supervisor', ['KZ-79']);
    expectOpen311Error(await call(elsewhere, `requests/${created.service_request_id}.json`), 404);
    const theirs = (await call(elsewhere, `requests.json?service_request_id=${created.service_request_id}`)).body;
    expect(theirs).toEqual([]);
    expectOpen311Error(await call(null, `requests/${created.service_request_id}.json`), 401);
    expectOpen311Error(await call(null, 'requests.json'), 401);
    expectOpen311Error(await call(agent, `requests/${created.service_request_id}.xml`), 400, 'only JSON');
    expectOpen311Error(await call(agent, 'requests.xml'), 400, 'only JSON');
  });
});

describe('the write rate limit covers Open311', () => {
  it('answers 429 in the GeoReport shape past WRITE_RATE_LIMIT', async () => {
    const limited = await startTestServer({ writeRateLimit: 2 });
    try {
      const session = await signIn(limited, 'agent');
      const post = () =>
        authedFetch(session, `${limited.url}/open311/v2/requests.json`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ service_code: 'gas', description: 'x' }),
        });
      expect((await post()).status).toBe(400);
      expect((await post()).status).toBe(400);
      const third = await post();
      expect(third.status).toBe(429);
      expect(await third.json()).toEqual([{ code: 429, description: expect.any(String) }]);
    } finally {
      await limited.stop();
      await deletePrefix(testRedisUrl(), limited.prefix);
    }
  });
});
