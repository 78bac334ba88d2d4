import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@shared';
import { loadBuiltinLayer, loadRegionPack } from '../../server/src/regions/loadRegionLayer';
import { authedFetch, signIn } from '../support/auth';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) {
    await s.stop();
    await deletePrefix(testRedisUrl(), s.prefix);
  }
});

/** An appeal sent without `region`, only a point (and maybe an address). */
function locatedOnly(lat: number, lng: number, address?: string): { envelope: EventEnvelope; appealId: string } {
  const { region: _region, ...rest } = appealRegistered();
  const location = { lat, lng, ...(address !== undefined ? { address } : {}) };
  const envelope = { ...rest, data: { ...rest.data, location } } as EventEnvelope;
  return { envelope, appealId: (envelope.data as { appealId: string }).appealId };
}

describe('events without a region are located (gazetteer, then point-in-polygon)', () => {
  it('on the default layer: Semey is Abai (KZ-10), Zhezkazgan Ulytau (KZ-62); Tashkent is dead-lettered', async () => {
    const server = await startTestServer();
    servers.push(server);
    const semey = locatedOnly(50.41, 80.25);
    const zhezkazgan = locatedOnly(47.7833, 67.7667);
    const tashkent = locatedOnly(41.31, 69.28);
    await appendEnvelope(server.log, semey.envelope);
    await appendEnvelope(server.log, zhezkazgan.envelope);
    const deadId = await appendEnvelope(server.log, tashkent.envelope);
    await waitFor(() => server.app.store.state.appeals.has(zhezkazgan.appealId), 5000, 'located appeal');
    expect(server.app.store.state.appeals.get(semey.appealId)?.region).toBe('KZ-10');
    expect(server.app.store.state.appeals.get(zhezkazgan.appealId)?.region).toBe('KZ-62');
    const dead = await waitFor(async () => (await server.log.range('events:dead', '0-0', '+', 10))[0], 5000, 'dead');
    expect(dead.fields).toMatchObject({ sourceId: deadId, reason: 'outside any region' });
  });

  it('on the 2018 layer: Semey lands in its 2018 shape (KZ-63) unless its address names Semey (KZ-10)', async () => {
    const server = await startTestServer({ layer: loadBuiltinLayer('2018') });
    servers.push(server);
    const bare = locatedOnly(50.41, 80.25);
    const named = locatedOnly(50.41, 80.25, 'г. Семей, ул. Абая 12');
    await appendEnvelope(server.log, bare.envelope);
    await appendEnvelope(server.log, named.envelope);
    await waitFor(() => server.app.store.state.appeals.has(named.appealId), 5000, 'located appeal');
    expect(server.app.store.state.appeals.get(bare.appealId)?.region).toBe('KZ-63');
    expect(server.app.store.state.appeals.get(named.appealId)?.region).toBe('KZ-10');
  });

  it('with the 20-unit reference pack: Semey is Abai (KZ-10), and the API serves that layer with its attribution', async () => {
    const layer = await loadRegionPack(path.resolve('../shared/geo/kz-regions-20.topo.json'));
    const server = await startTestServer({ layer });
    servers.push(server);
    const semey = locatedOnly(50.41, 80.25);
    await appendEnvelope(server.log, semey.envelope);
    await waitFor(() => server.app.store.state.appeals.has(semey.appealId), 5000, 'located appeal');
    expect(server.app.store.state.appeals.get(semey.appealId)?.region).toBe('KZ-10');

    const operator = await signIn(server, 'operator');
    const body = (await (await authedFetch(operator, `${server.url}/api/regions`)).json()) as {
      layer: { shapes: unknown[]; attribution: string };
    };
    expect(body.layer.shapes).toHaveLength(20);
    expect(body.layer.attribution).toContain('OpenStreetMap');
  });
});
