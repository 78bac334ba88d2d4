import { afterAll, describe, expect, it } from 'vitest';
import { compareStreamIds, type RegionCode, type RegionScope } from '@shared';
import { signIn, type TestSession } from '../support/auth';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * Issue "Delivery guarantees", scenario 3: 200 clients drop for 1–60 s and come back, at
 * random, while 200 events/s flow for 75 s; each must show exactly the stream's events for
 * its scope, no gap, no repeat.
 */
const CLIENTS = 200;
const RATE = 200;
const PRODUCE_MS = 75_000;
const REGIONS: RegionCode[] = ['KZ-75', 'KZ-71', 'KZ-11', 'KZ-79'];

let server: TestServer;
afterAll(async () => {
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Watcher {
  client: LiveClient;
  scope: RegionScope;
  firstCursor: string;
  disconnects: number;
}

describe('clients that come and go', () => {
  it('200 clients with random 1–60 s disconnects under 200 events/s each show their scope exactly: no gap, no repeat', async () => {
    // Half the screens share one sign-in, the rest one per region: lift the socket caps (8 per sign-in, 32 per user).
    server = await startTestServer({
      frameIntervalMs: 100,
      config: { SOCKETS_PER_SESSION: String(CLIENTS), SOCKETS_PER_USER: String(CLIENTS) },
    });
    // A national operator and one supervisor per region: two kinds of scope.
    const sessions = new Map<string, TestSession>();
    sessions.set('all', await signIn(server, 'operator'));
    for (const region of REGIONS) sessions.set(region, await signIn(server, 'supervisor', [region]));
    const watchers: Watcher[] = [];
    for (let i = 0; i < CLIENTS; i += 1) {
      const key = i % 2 === 0 ? 'all' : (REGIONS[i % REGIONS.length] as RegionCode);
      const client = connectLiveClient(server.url, { cookie: (sessions.get(key) as TestSession).cookie });
      watchers.push({ client, scope: key === 'all' ? 'all' : [key as RegionCode], firstCursor: '', disconnects: 0 });
    }
    try {
      await waitFor(() => watchers.every((w) => w.client.snapshots.length === 1), 30_000, 'every snapshot');
      for (const w of watchers) w.firstCursor = w.client.snapshots[0]?.cursor ?? '';

      let producing = true;
      const producer = (async () => {
        const started = Date.now();
        let sent = 0;
        while (Date.now() - started < PRODUCE_MS) {
          const due = Math.floor(((Date.now() - started) / 1000) * RATE);
          for (; sent < due; sent += 1) {
            await appendEnvelope(server.log, appealRegistered({ region: REGIONS[sent % REGIONS.length] }));
          }
          await sleep(20);
        }
        producing = false;
        return sent;
      })();
      const done = producer.then(() => undefined);
      const churn = watchers.map(async (w) => {
        while (producing) {
          await sleep(500 + Math.random() * 9500);
          if (!producing) break;
          w.client.socket.disconnect();
          w.disconnects += 1;
          // Away 1–60 s, or until the stream stops (then everyone comes back to be checked).
          await Promise.race([sleep(1000 + Math.random() * 59_000), done]);
          w.client.socket.connect();
        }
      });
      const sent = await producer;
      await Promise.all(churn);
      const last = (await server.log.rangeReverse('events', '+', 1))[0]?.id as string;
      await waitFor(
        () => watchers.every((w) => w.client.socket.connected && w.client.replica.state.cursor === last),
        60_000,
        'every client at the end of the stream',
      );

      const entries = await server.log.range('events', '0-0', last, 1_000_000);
      const regionOf = new Map(
        entries.map((e) => [e.id, (JSON.parse(e.fields.event ?? '{}') as { region: string }).region]),
      );
      let totalDisconnects = 0;
      for (const w of watchers) {
        totalDisconnects += w.disconnects;
        const truth = entries
          .filter((e) => compareStreamIds(e.id, w.firstCursor) > 0)
          .map((e) => e.id)
          .filter((id) => w.scope === 'all' || w.scope.includes(regionOf.get(id) as RegionCode));
        expect(w.client.shown.map((e) => e.streamId)).toEqual(truth);
        expect(w.client.snapshots).toHaveLength(1);
      }
      expect(totalDisconnects).toBeGreaterThanOrEqual(CLIENTS);
      console.log(`${sent} events, ${CLIENTS} clients, ${totalDisconnects} disconnects: every client exact`);
    } finally {
      for (const w of watchers) w.client.close();
    }
  }, 240_000);
});
