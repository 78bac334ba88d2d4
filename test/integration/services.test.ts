import type { Organisation, ServiceLoadResponse, WriteAccepted } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVICES, demoBin, ensureDemoServices } from '../../server/src/services/demoServices';
import { createServiceDirectory } from '../../server/src/services/serviceDirectory';
import { createRedisLog } from '../../server/src/stream/redisLog';
import { createSilentLogger } from '../../server/src/logger';
import { uniquePrefix } from '../support/redis';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let admin: TestSession;
let supervisor: TestSession;
let agent: TestSession;

// Fictional БИНs from the demo generator's far end, so they never collide with the demo seed.
const HEAT = demoBin(900);
const ALMATY_LIFT = demoBin(902);
const IMPORTED = demoBin(903);

beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server, 'admin');
  supervisor = await signIn(server, 'supervisor', ['KZ-71']);
  agent = await signIn(server, 'agent', ['KZ-71']);
});

afterAll(async () => {
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

async function call(
  session: TestSession,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await authedFetch(session, `${server.url}${path}`, {
    method,
    ...(body !== undefined
      ? { headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) }
      : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : { text },
  };
}

const heat = {
  bin: HEAT,
  name: { ru: 'ТОО «Астана-Теплотранзит»', kk: '«Астана-Теплотранзит» ЖШС' },
  kind: 'utility',
  regions: ['KZ-71'],
  categories: ['heating'],
};

async function auditOf(target: string): Promise<string[]> {
  const res = await call(admin, 'GET', `/api/admin/audit?target=${encodeURIComponent(target)}`);
  return (res.body.entries as { action: string }[]).map((e) => e.action);
}

describe('/api/admin/services', () => {
  it('creates, lists, changes and deactivates an organisation, each change audited', async () => {
    const created = await call(admin, 'POST', '/api/admin/services', heat);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.service).toMatchObject({ ...heat, active: true });
    expect((await call(admin, 'POST', '/api/admin/services', heat)).status).toBe(409);

    const list = await call(admin, 'GET', '/api/admin/services');
    expect((list.body.services as Organisation[]).map((o) => o.bin)).toContain(HEAT);

    const renamed = await call(admin, 'PATCH', `/api/admin/services/${HEAT}`, { phone: '+7 7172 55 55 55' });
    expect(renamed.body.service).toMatchObject({ phone: '+7 7172 55 55 55', name: heat.name });
    const off = await call(admin, 'PATCH', `/api/admin/services/${HEAT}`, { active: false });
    expect(off.body.service).toMatchObject({ active: false });
    await call(admin, 'PATCH', `/api/admin/services/${HEAT}`, { active: true });
    expect(await auditOf(`service:${HEAT}`)).toEqual([
      'service.activate',
      'service.deactivate',
      'service.update',
      'service.create',
    ]);
  });

  it('names the field of a bad body and refuses an unknown БИН', async () => {
    const bad = await call(admin, 'POST', '/api/admin/services', { ...heat, bin: '123456789012' });
    expect(bad).toMatchObject({
      status: 422,
      body: { field: 'bin', message: expect.stringMatching(/not a valid БИН/) },
    });
    expect((await call(admin, 'PATCH', `/api/admin/services/${demoBin(999)}`, { active: false })).status).toBe(404);
  });

  it('is the admin’s alone: a supervisor gets 403, an anonymous caller 401', async () => {
    expect((await call(supervisor, 'GET', '/api/admin/services')).status).toBe(403);
    expect((await call(supervisor, 'POST', '/api/admin/services', heat)).status).toBe(403);
    expect((await fetch(`${server.url}/api/admin/services`)).status).toBe(401);
  });
});

describe('POST /api/admin/services/import', () => {
  const header = 'bin;name_ru;name_kk;name_en;kind;regions;categories;phone;active';

  it('imports nothing when a row is invalid, and says which row and field', async () => {
    const csv = `\uFEFF${header}\r\n${IMPORTED};Водоканал;Су арнасы;;utility;KZ-71;water_sewer;;1\r\n${demoBin(904)};;Атауы;;utility;KZ-71;;;1\r\n`;
    const res = await call(admin, 'POST', '/api/admin/services/import', csv, 'text/csv');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'invalid_csv', invalid: 1 });
    expect(res.body.rows).toEqual([
      { row: 2, bin: IMPORTED, outcome: 'valid' },
      { row: 3, outcome: 'invalid', errors: [{ field: 'name_ru', message: 'missing' }] },
    ]);
    expect((await call(admin, 'GET', '/api/admin/services')).body.services).not.toContainEqual(
      expect.objectContaining({ bin: IMPORTED }),
    );
  });

  it('creates and updates by БИН from a `;` file with a BOM, each row audited', async () => {
    const csv = [
      `\uFEFF${header}`,
      `${IMPORTED};"ГКП «Астана Су Арнасы»";"«Астана Су Арнасы» МКК";;utility;KZ-71;water_sewer|flooding;;1`,
      `${HEAT};"ТОО «Астана-Теплотранзит»";"«Астана-Теплотранзит» ЖШС";Astana-Teplotranzit;utility;KZ-71;heating;;1`,
      `${ALMATY_LIFT};"ТОО «Алматы Лифт»";"«Алматы Лифт» ЖШС";;lift_company;KZ-75;lifts;;1`,
    ].join('\r\n');
    const checked = await call(admin, 'POST', '/api/admin/services/import?dryRun=true', csv, 'text/csv');
    expect(checked.body).toMatchObject({ ok: true, isApplied: false });
    const res = await call(admin, 'POST', '/api/admin/services/import', csv, 'text/csv');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ ok: true, isApplied: true, created: 2, updated: 1, unchanged: 0 });
    expect(await auditOf(`service:${IMPORTED}`)).toEqual(['service.create']);
    expect(await auditOf('services')).toEqual(['service.import']);
    const again = await call(admin, 'POST', '/api/admin/services/import', csv, 'text/csv');
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('takes text/csv only, and refuses bytes that are not UTF-8', async () => {
    expect((await call(admin, 'POST', '/api/admin/services/import', { csv: 'x' })).status).toBe(415);
    const res = await authedFetch(admin, `${server.url}/api/admin/services/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: Buffer.from([0x62, 0x69, 0x6e, 0xff, 0x0a]),
    });
    expect(res.status).toBe(400);
  });

  it('exports what it imports (BOM, `;`)', async () => {
    const res = await authedFetch(admin, `${server.url}/api/admin/services/export`);
    expect(res.status).toBe(200);
    // Bytes, not text(): the decoder would swallow the BOM this checks.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text).toMatch(new RegExp(`^\uFEFF${header}\r\n`));
    expect(text).toContain(`${IMPORTED};ГКП «Астана Су Арнасы»`);
  });
});

async function register(): Promise<string> {
  const res = await call(agent, 'POST', '/api/appeals', {
    category: 'heating',
    priority: 'high',
    channel: 'call',
    location: { lat: 51.128, lng: 71.43 },
    description: 'Нет отопления в подъезде',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const appealId = (res.body as unknown as WriteAccepted).appealId ?? '';
  await waitFor(() => server.app.store.state.appeals.has(appealId), 5000, 'appeal applied');
  return appealId;
}

async function assign(appealId: string, body: unknown) {
  const res = await call(supervisor, 'POST', `/api/appeals/${appealId}/assign`, body, 'application/json');
  if (res.status === 202) {
    const { cursor } = res.body as unknown as WriteAccepted;
    await waitFor(() => server.app.store.state.cursor >= cursor, 5000, 'assignment applied');
  }
  return res;
}

async function lastEventData(): Promise<Record<string, unknown>> {
  const [entry] = await server.log.rangeReverse('events', '+', 1);
  return (JSON.parse(entry?.fields.event ?? '{}') as { data: Record<string, unknown> }).data;
}

describe('assignment through the directory', () => {
  it('writes serviceId and the directory name when a service is picked', async () => {
    await call(admin, 'POST', '/api/admin/services', { ...heat }); // exists already: 409, harmless
    const appealId = await register();
    const res = await assign(appealId, { serviceId: HEAT, service: 'typed over' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(await lastEventData()).toEqual({ appealId, service: 'ТОО «Астана-Теплотранзит»', serviceId: HEAT });
    expect(server.app.store.state.appeals.get(appealId)).toMatchObject({ serviceId: HEAT });
  });

  it('matches free text to the directory, and keeps text it cannot match', async () => {
    const appealId = await register();
    await assign(appealId, { service: 'астана су арнасы', assignee: 'Бригада 2' });
    expect(await lastEventData()).toEqual({
      appealId,
      service: 'ГКП «Астана Су Арнасы»',
      serviceId: IMPORTED,
      assignee: 'Бригада 2',
    });
    await assign(appealId, { service: 'ИП Сейтказин' });
    expect(await lastEventData()).toEqual({ appealId, service: 'ИП Сейтказин' });
    expect(server.app.store.state.appeals.get(appealId)?.serviceId).toBeUndefined();
  });

  it('refuses an organisation that is unknown, deactivated or of another region, on serviceId', async () => {
    const appealId = await register();
    const other = await assign(appealId, { serviceId: ALMATY_LIFT });
    expect(other).toMatchObject({ status: 422, body: { code: 'service_out_of_region', field: 'serviceId' } });
    const unknown = await assign(appealId, { serviceId: demoBin(998) });
    expect(unknown.body).toMatchObject({ code: 'unknown_service', field: 'serviceId' });
    await call(admin, 'PATCH', `/api/admin/services/${IMPORTED}`, { active: false });
    const off = await assign(appealId, { serviceId: IMPORTED });
    expect(off.body).toMatchObject({ code: 'inactive_service' });
    await call(admin, 'PATCH', `/api/admin/services/${IMPORTED}`, { active: true });
  });
});

describe('GET /api/services and /api/services/load', () => {
  it('lists the directory for the picker within the caller’s regions, filtered by region and category', async () => {
    const res = await call(supervisor, 'GET', '/api/services?region=KZ-71&category=heating');
    const bins = (res.body.services as Organisation[]).map((o) => o.bin);
    expect(bins).toContain(HEAT);
    expect(bins).not.toContain(IMPORTED);
    const all = await call(supervisor, 'GET', '/api/services');
    expect((all.body.services as Organisation[]).map((o) => o.bin)).not.toContain(ALMATY_LIFT);
    expect((await call(supervisor, 'GET', '/api/services?region=KZ-75')).status).toBe(403);
  });

  it('gives each service’s load in the asked regions, and refuses a region out of scope', async () => {
    const res = await call(supervisor, 'GET', '/api/services/load?region=KZ-71');
    expect(res.status).toBe(200);
    const body = res.body as unknown as ServiceLoadResponse;
    expect(body.regions).toEqual(['KZ-71']);
    const heatRow = body.services.find((s) => s.serviceId === HEAT);
    expect(heatRow).toMatchObject({ open: 1, overdue: 0, resolvedToday: 0, name: heat.name });
    expect(heatRow?.medianResponseMs).toEqual(expect.any(Number));
    expect(body.services.find((s) => s.service === 'ИП Сейтказин')).toMatchObject({ serviceId: null, open: 1 });
    const refused = await call(supervisor, 'GET', '/api/services/load?region=KZ-75');
    expect(refused).toMatchObject({ status: 403, body: { field: 'region' } });
    const bad = await call(supervisor, 'GET', '/api/services/load?region=KZ-99');
    expect(bad.status).toBe(400);
  });
});

describe('the demo directory', () => {
  it('is seeded once, leaving what an admin changed alone', async () => {
    const prefix = uniquePrefix('demo-services');
    const log = await createRedisLog({ url: testRedisUrl(), prefix, logger: createSilentLogger() });
    try {
      const directory = createServiceDirectory(log);
      expect(await ensureDemoServices(directory)).toBe(DEMO_SERVICES.length);
      const first = DEMO_SERVICES[0]?.bin ?? '';
      await directory.update(first, { active: false });
      expect(await ensureDemoServices(directory)).toBe(0);
      expect((await directory.get(first))?.active).toBe(false);
      expect((await directory.snapshot()).organisations).toHaveLength(DEMO_SERVICES.length);
      // Another node's cached copy follows a change made elsewhere (the version key).
      const otherNode = createServiceDirectory(log);
      expect((await otherNode.snapshot()).byBin.get(first)?.active).toBe(false);
      await directory.update(first, { active: true });
      expect((await otherNode.snapshot()).byBin.get(first)?.active).toBe(true);
    } finally {
      await log.close();
      await deletePrefix(testRedisUrl(), prefix);
    }
  });
});

describe('serviceId from outside producers', () => {
  it('applies a valid one and dead-letters a wrong one, naming the field', async () => {
    const appealId = await register();
    const base = { v: 1, type: 'appeal.assigned', at: new Date().toISOString(), region: 'KZ-71' };
    await server.log.append('events', {
      event: JSON.stringify({
        ...base,
        id: `ext-${appealId}-bad`,
        data: { appealId, service: 'X', serviceId: '123456789012' },
      }),
    });
    await server.log.append('events', {
      event: JSON.stringify({
        ...base,
        id: `ext-${appealId}-ok`,
        data: { appealId, service: 'Тепло', serviceId: HEAT },
      }),
    });
    await waitFor(() => server.app.store.state.appeals.get(appealId)?.serviceId === HEAT, 5000, 'external assignment');
    const [dead] = await server.log.rangeReverse('events:dead', '+', 1);
    expect(dead?.fields.reason).toMatch(/data\.serviceId: 123456789012 is not a valid БИН/);
  });
});
