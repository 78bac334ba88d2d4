import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedFetch, signIn } from '../support/auth';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/** Two nodes on one Redis and one prefix, as behind a load balancer. */
let a: TestServer;
let b: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  a = await startTestServer({ cluster: true });
  b = await startTestServer({ cluster: true, prefix: a.prefix });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await b.stop();
  await a.stop();
  await deletePrefix(testRedisUrl(), a.prefix);
});

function watch(server: TestServer, cookie: string): LiveClient {
  const client = connectLiveClient(server.url, { cookie });
  clients.push(client);
  return client;
}

describe('several nodes', () => {
  it('disabling a user on one node disconnects their socket on the other at once', async () => {
    const admin = await signIn(a, 'admin');
    const victim = await signIn(a, 'operator');
    const bystander = await signIn(a, 'operator');
    const onB = watch(b, victim.cookie);
    const other = watch(b, bystander.cookie);
    await waitFor(() => onB.snapshots.length === 1 && other.snapshots.length === 1, 5000, 'snapshots on node b');

    const res = await authedFetch(admin, `${a.url}/api/admin/users/${victim.username}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isDisabled: true }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => !onB.socket.connected, 3000, 'disconnect on node b');
    expect(other.socket.connected).toBe(true);
  });

  it('each node sends a stream event to its own clients exactly once (frames never cross nodes)', async () => {
    const viewer = await signIn(a, 'operator');
    const onA = watch(a, viewer.cookie);
    const onB = watch(b, viewer.cookie);
    await waitFor(() => onA.snapshots.length === 1 && onB.snapshots.length === 1, 5000, 'snapshots');
    const envelope = appealRegistered({ region: 'KZ-71' });
    await appendEnvelope(a.log, envelope);
    await waitFor(() => onA.shown.some((e) => e.id === envelope.id), 5000, 'shown on a');
    await waitFor(() => onB.shown.some((e) => e.id === envelope.id), 5000, 'shown on b');
    // Give a duplicate through the adapter time to arrive, then count.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const count = (c: LiveClient) => c.frames.flatMap((f) => f.events).filter((e) => e.id === envelope.id).length;
    expect([count(onA), count(onB)]).toEqual([1, 1]);
  });
});
