import type { ApiError, WriteAccepted } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinLayer } from '../../server/src/regions/loadRegionLayer';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';
import { pointOutside } from '../unit/regions/pointOutside';

/**
 * Where the write API puts a new appeal (docs/regions.md "Locating"): today's layer by
 * default, a place the gazetteer knows over the polygons, and a region that contradicts the
 * point refused with 422 naming both, over HTTP and Open311.
 */
const SEMEY = { lat: 50.4111, lng: 80.2275 };
const ASTANA = { lat: 51.128, lng: 71.43 };
const ALMATY = { lat: 43.25, lng: 76.93 };

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) {
    await s.stop();
    await deletePrefix(testRedisUrl(), s.prefix);
  }
});

function appealBody(location: object, region?: string): object {
  return {
    ...(region !== undefined ? { region } : {}),
    category: 'heating',
    priority: 'normal',
    channel: 'call',
    location,
    description: 'Холодные батареи во всём подъезде',
  };
}

async function post(server: TestServer, session: TestSession, path: string, body: object) {
  const res = await authedFetch(session, `${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function regionOfWrite(server: TestServer, answer: { status: number; body: unknown }): Promise<string> {
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  const body = answer.body as WriteAccepted | [{ service_request_id: string }];
  const appealId = Array.isArray(body) ? body[0].service_request_id : (body.appealId ?? '');
  await waitFor(() => server.app.store.state.appeals.has(appealId), 5000, 'appeal applied');
  return server.app.store.state.appeals.get(appealId)?.region ?? '';
}

describe('placing written appeals on the default layer (today’s 20 units)', () => {
  let server: TestServer;
  let agent: TestSession;
  beforeAll(async () => {
    server = await startTestServer();
    servers.push(server);
    agent = await signIn(server, 'agent');
  });

  it('puts a point in Semey into Abai (KZ-10), over HTTP and Open311', async () => {
    expect(await regionOfWrite(server, await post(server, agent, '/api/appeals', appealBody(SEMEY)))).toBe('KZ-10');
    const open311 = { service_code: 'heating', description: 'Холодно', lat: SEMEY.lat, long: SEMEY.lng };
    expect(await regionOfWrite(server, await post(server, agent, '/open311/v2/requests.json', open311))).toBe('KZ-10');
  });

  it('accepts a point 1 km outside its region’s simplified border with that region', async () => {
    const outside = pointOutside(loadBuiltinLayer(), 'KZ-10', 1000);
    const answer = await post(server, agent, '/api/appeals', appealBody(outside, 'KZ-10'));
    expect(await regionOfWrite(server, answer)).toBe('KZ-10');
  });

  it('refuses a region that contradicts the point with 422 naming both, and writes nothing', async () => {
    const before = (await server.log.info('events')).length;
    const answer = await post(server, agent, '/api/appeals', appealBody(ASTANA, 'KZ-75'));
    expect(answer.status).toBe(422);
    const error = answer.body as ApiError;
    expect(error).toMatchObject({ code: 'region_mismatch', field: 'region' });
    expect(error.message).toContain('KZ-75');
    expect(error.message).toContain('KZ-71');
    // The 2022 oblast's parent is no longer taken for a point in the new oblast.
    const semey = await post(server, agent, '/api/appeals', appealBody(SEMEY, 'KZ-63'));
    expect(semey.status).toBe(422);
    expect((semey.body as ApiError).message).toMatch(/KZ-63 .*KZ-10/);
    expect((await server.log.info('events')).length).toBe(before);
  });

  it('refuses over Open311 an address_string naming a place far from lat/long, naming both regions', async () => {
    const fields = {
      service_code: 'heating',
      description: 'Холодно',
      lat: ALMATY.lat,
      long: ALMATY.lng,
      address_string: 'г. Семей, ул. Абая 12',
    };
    const answer = await post(server, agent, '/open311/v2/requests.json', fields);
    expect(answer.status).toBe(422);
    const [error] = answer.body as [{ code: number; description: string }];
    expect(error.code).toBe(422);
    expect(error.description).toContain('KZ-10');
    expect(error.description).toContain('KZ-75');
    // The same over HTTP: the field at fault is the address.
    const http = await post(server, agent, '/api/appeals', appealBody({ ...ALMATY, address: 'г. Семей, ул. Абая 12' }));
    expect(http).toMatchObject({ status: 422, body: { code: 'region_mismatch', field: 'location.address' } });
  });
});

describe('placing written appeals on the 2018 layer (REGION_LAYER=2018): the gazetteer beats the polygon', () => {
  let server: TestServer;
  let agent: TestSession;
  beforeAll(async () => {
    server = await startTestServer({ layer: loadBuiltinLayer('2018') });
    servers.push(server);
    agent = await signIn(server, 'agent');
  });

  it('puts Semey into Abai when its address says so, into the 2018 shape when nothing does', async () => {
    const named = appealBody({ ...SEMEY, address: 'Семей, ул. Абая 12' });
    expect(await regionOfWrite(server, await post(server, agent, '/api/appeals', named))).toBe('KZ-10');
    const open311 = { service_code: 'heating', description: 'Холодно', address_string: 'Семей, ул. Абая 12' };
    expect(await regionOfWrite(server, await post(server, agent, '/open311/v2/requests.json', open311))).toBe('KZ-10');
    const bare = appealBody(SEMEY);
    expect(await regionOfWrite(server, await post(server, agent, '/api/appeals', bare))).toBe('KZ-63');
  });

  it('takes Abai given with a point in Semey (its parent shape includes it), refuses Almaty', async () => {
    expect(await regionOfWrite(server, await post(server, agent, '/api/appeals', appealBody(SEMEY, 'KZ-10')))).toBe(
      'KZ-10',
    );
    const wrong = await post(server, agent, '/api/appeals', appealBody(SEMEY, 'KZ-75'));
    expect(wrong).toMatchObject({ status: 422, body: { code: 'region_mismatch' } });
  });
});
