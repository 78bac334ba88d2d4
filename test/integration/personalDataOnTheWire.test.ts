import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../server/src/logger';
import { createSimulator } from '../../server/src/simulator/createSimulator';
import { signIn } from '../support/auth';
import { waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

// A phone in any spacing, not part of a longer number (timestamps are numbers too).
const PHONE = /(?<!\d)\+?[78][\s\-()]*\d{3}[\s\-()]*\d{3}[\s\-()]*\d{2}[\s\-()]*\d{2}(?!\d)/;

let server: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

describe('personal data on the wire', () => {
  it('operator and kiosk sockets see minutes of simulator traffic without a phone or a full name', async () => {
    const operator = await signIn(server, 'operator');
    const { secret } = await server.app.access.kiosks.issue('Зал', 'all', 'test');
    const open = await fetch(`${server.url}/kiosk/${secret}`, { redirect: 'manual' });
    const kioskCookie = (open.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    for (const cookie of [operator.cookie, kioskCookie]) clients.push(connectLiveClient(server.url, { cookie }));
    await waitFor(() => clients.every((c) => c.snapshots.length === 1), 5000, 'snapshots');

    // Two minutes of realistic traffic (written as history, so the test takes seconds), with a burst.
    const simulator = createSimulator({
      log: server.log,
      rate: 20,
      logger: createSilentLogger(),
      seed: 109,
      backfillMinutes: 2,
      burstOnStart: true,
    });
    simulator.start();
    // The daily rhythm makes a night-time minute quiet: wait for whatever the minute held.
    await waitFor(() => simulator.status().buffered === 0 && simulator.status().appended > 200, 20_000, 'a minute');
    await waitFor(() => server.app.store.state.counters.applied >= simulator.status().appended, 5000, 'applied');
    await simulator.stop();
    const cursor = server.app.store.state.cursor;
    await waitFor(() => clients.every((c) => c.replica.state.cursor === cursor), 5000, 'clients caught up');

    const stored = [...server.app.store.state.appeals.values()].filter((a) => a.citizen?.phone);
    expect(stored.length).toBeGreaterThan(50);
    for (const c of clients) {
      const wire = JSON.stringify([c.snapshots, c.frames]);
      expect(c.shown.length).toBeGreaterThan(200);
      expect(wire).not.toMatch(PHONE);
      for (const appeal of stored.slice(0, 200)) {
        if (appeal.citizen?.name) expect(wire).not.toContain(appeal.citizen.name);
      }
    }

    // The same traffic through the HTTP lists and exports, as the operator and the kiosk screen.
    for (const cookie of [operator.cookie, kioskCookie]) {
      for (const path of [
        '/api/appeals.csv',
        '/api/appeals?limit=500',
        '/api/incidents.csv',
        '/open311/v2/requests.json',
      ]) {
        const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
        expect(res.status, path).toBe(200);
        const body = await res.text();
        expect(body.length, path).toBeGreaterThan(path.includes('incidents') ? 100 : 5000);
        expect(body, path).not.toMatch(PHONE);
        for (const appeal of stored.slice(0, 200)) {
          if (appeal.citizen?.name) expect(body, path).not.toContain(appeal.citizen.name);
        }
      }
    }
  });
});
