import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '@shared';
import { authedFetch, signIn } from '../support/auth';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { startServerProcess } from '../support/serverProcess';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(testRedisUrl(), prefix);
});

/** Node A: the real entry point as its own process (so it can be killed with -9). */
async function startProcessNode(prefix: string): Promise<{ child: ChildProcess; url: string }> {
  return startServerProcess({
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    DEMO: 'false',
    FRAME_INTERVAL_MS: '50',
  });
}

const idsOf = (events: readonly StreamEvent[]): string[] => events.map((e) => e.streamId);

describe('two nodes on one Redis', () => {
  it('a write through node A reaches a client on node B; after kill -9 of A its client resumes on B without gaps', async () => {
    const b: TestServer = await startTestServer({ cluster: true, frameIntervalMs: 50 });
    prefixes.push(b.prefix);
    const a = await startProcessNode(b.prefix);
    const clients: LiveClient[] = [];
    let producing = true;
    try {
      // Sessions live in Redis: one signed in through B is valid on A.
      const agent = await signIn(b, 'agent');
      const operator = await signIn(b, 'operator');
      const onB = connectLiveClient(b.url, { cookie: operator.cookie });
      const onA = connectLiveClient(a.url, { cookie: operator.cookie });
      clients.push(onA, onB);
      await waitFor(() => onA.snapshots.length === 1 && onB.snapshots.length === 1, 10_000, 'both snapshots');

      const res = await authedFetch(agent, `${a.url}/api/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `two-nodes-${b.prefix}` },
        body: JSON.stringify({
          category: 'heating',
          priority: 'high',
          channel: 'call',
          location: { lat: 51.128, lng: 71.43 },
          description: 'Холодные батареи во всём подъезде',
        }),
      });
      expect(res.status).toBe(202);
      const { appealId } = (await res.json()) as { appealId: string };
      await waitFor(() => onB.replica.state.appeals.get(appealId), 5000, 'the appeal written through A, on B');

      // A producer keeps writing (~200/s) while node A dies.
      const producer = (async () => {
        while (producing) {
          for (let i = 0; i < 10; i += 1) await appendEnvelope(b.log, appealRegistered({ region: 'KZ-75' }));
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      // Everything A's client showed is after its snapshot; B's client resumes where A's stopped.
      const startCursor = onA.snapshots[0]?.cursor as string;
      await waitFor(() => onA.shown.length >= 50, 10_000, 'live events on A');
      a.child.kill('SIGKILL');
      await once(a.child, 'exit');
      await waitFor(() => !onA.socket.connected, 5000, 'A gone');
      // The load balancer sends the client to B; it resumes from its cursor.
      const resumed = connectLiveClient(b.url, { cookie: operator.cookie, cursor: onA.replica.state.cursor });
      clients.push(resumed);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      producing = false;
      await producer;
      const last = (await b.log.rangeReverse('events', '+', 1))[0]?.id as string;
      await waitFor(() => resumed.replica.state.cursor === last, 10_000, 'resumed client at the end of the stream');

      // Ground truth: every stream entry after the client's first cursor, in order, once.
      const truth = (await b.log.range('events', startCursor, last, 100_000)).map((e) => e.id);
      const shown = [...idsOf(onA.shown), ...idsOf(resumed.shown)];
      expect(resumed.snapshots).toHaveLength(0);
      expect(shown).toEqual(truth);
      console.log(
        `node A killed after ${onA.shown.length} events; B replayed and streamed ${resumed.shown.length} more`,
      );
    } finally {
      producing = false;
      for (const c of clients) c.close();
      if (a.child.exitCode === null) a.child.kill('SIGKILL');
      await b.stop();
    }
  }, 90_000);
});
