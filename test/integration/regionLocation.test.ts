import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@shared';
import { loadRegionPack } from '../../server/src/regions/loadRegionLayer';
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

/** An appeal sent without `region`, only a point. */
function locatedOnly(lat: number, lng: number): { envelope: EventEnvelope; appealId: string } {
  const { region: _region, ...rest } = appealRegistered();
  const envelope = { ...rest, data: { ...rest.data, location: { lat, lng } } } as EventEnvelope;
  return { envelope, appealId: (envelope.data as { appealId: string }).appealId };
}

describe('events without a region are located by point-in-polygon', () => {
  it('on the built-in layer: Semey lands in East Kazakhstan (its 2018 shape), Tashkent is dead-lettered', async () => {
    const server = await startTestServer();
    servers.push(server);
    const semey = locatedOnly(50.41, 80.25);
    const tashkent = locatedOnly(41.31, 69.28);
    await appendEnvelope(server.log, semey.envelope);
    const deadId = await appendEnvelope(server.log, tashkent.envelope);
    await waitFor(() => server.app.store.state.appeals.has(semey.appealId), 5000, 'located appeal');
    expect(server.app.store.state.appeals.get(semey.appealId)?.region).toBe('KZ-63');
    const dead = await waitFor(async () => (await server.log.range('events:dead', '0-0', '+', 10))[0], 5000, 'dead');
    expect(dead.fields).toMatchObject({ sourceId: deadId, reason: 'outside any region' });
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
