import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type StreamEvent } from '@shared';
import { authedFetch, signIn } from '../support/auth';
import { appealAssigned, appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { connectLiveClient, type LiveClient } from '../support/liveClient';
import { deletePrefix, openTestLog, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

const prefixes: string[] = [];
const servers: TestServer[] = [];
const clients: LiveClient[] = [];

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(options);
  servers.push(s);
  prefixes.push(s.prefix);
  return s;
}

/** A signed-in operator's live socket (the wall). */
async function client(s: TestServer, options: Parameters<typeof connectLiveClient>[1] = {}): Promise<LiveClient> {
  const session = await signIn(s, 'operator');
  const c = connectLiveClient(s.url, { ...options, cookie: session.cookie });
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.stop();
});

afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(testRedisUrl(), prefix);
});

const appealIds = (events: StreamEvent[]): string[] =>
  events.filter((e) => e.type === 'appeal.registered').map((e) => (e.data as { appealId: string }).appealId);

describe('live pipeline: Redis stream → projection → Socket.IO', () => {
  it('delivers an XADDed entry to a connected client as a frame carrying its cursor', async () => {
    const s = await server();
    const c = await client(s);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    const envelope = appealRegistered();
    const streamId = await appendEnvelope(s.log, envelope);
    const frame = await waitFor(() => c.frames.find((f) => f.events.some((e) => e.id === envelope.id)), 5000, 'frame');
    expect(frame.cursor).toBe(streamId);
    const delivered = frame.events.find((e) => e.id === envelope.id);
    expect(delivered?.streamId).toBe(streamId);
    expect(c.replica.state.appeals.get((envelope.data as { appealId: string }).appealId)?.status).toBe('registered');
    // Personal data never reaches an unauthenticated (wall) socket unmasked.
    expect(JSON.stringify(frame)).not.toContain('234 56 12');
    expect(JSON.stringify(frame)).toContain('+7 7** *** ** 12');
  });

  it('sends bad entries to the dead-letter stream with a reason and keeps applying good ones', async () => {
    const s = await server();
    const good1 = appealRegistered();
    const good2 = appealRegistered();
    const bad: [string, Record<string, string>][] = [
      ['not JSON', { event: '{"v":1,' }],
      ['unknown event type', { event: JSON.stringify({ ...appealRegistered(), type: 'appeal.teleported' }) }],
      ['unknown region', { event: JSON.stringify({ ...appealRegistered(), region: 'KZ-99' }) }],
      ['data.channel: missing', { event: JSON.stringify({ ...appealRegistered(), data: { appealId: 'x' } }) }],
      ['missing field "event"', { payload: '{}' }],
      ['oversize', { event: JSON.stringify({ ...appealRegistered(), pad: 'x'.repeat(1024 * 1024) }) }],
    ];
    await appendEnvelope(s.log, good1);
    const badIds: string[] = [];
    for (const [, fields] of bad) badIds.push(await s.log.append('events', fields));
    await appendEnvelope(s.log, good2);

    await waitFor(() => s.app.store.state.appeals.has((good2.data as { appealId: string }).appealId), 5000, 'good2');
    expect(s.app.store.state.appeals.has((good1.data as { appealId: string }).appealId)).toBe(true);
    const dead = await s.log.range('events:dead', '0-0', '+', 100);
    expect(dead.map((d) => d.fields.sourceId)).toEqual(badIds);
    bad.forEach(([reason], i) => expect(dead[i]?.fields.reason).toContain(reason));
    expect(dead[1]?.fields.reason).toContain('type');
    // The 1 MB value is kept only in part, and says so.
    expect(dead[5]?.fields.truncated).toBe('event');
    expect(Buffer.byteLength(dead[5]?.fields.event ?? '')).toBeLessThanOrEqual(4096);
    const session = await signIn(s, 'operator');
    const health = (await (await authedFetch(session, `${s.url}/api/health`)).json()) as {
      deadLetters: { count: number };
    };
    expect(health.deadLetters.count).toBe(bad.length);
  });

  it('restarts without losing or doubling events added while it was down', async () => {
    const first = await server();
    await appendEnvelope(first.log, appealRegistered());
    await waitFor(() => first.app.store.state.appeals.size === 1, 5000, 'first appeal');
    await first.stop();
    servers.splice(servers.indexOf(first), 1);

    const producer = await openTestLog(first.prefix);
    const ids: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const envelope = appealRegistered();
      ids.push((envelope.data as { appealId: string }).appealId);
      await appendEnvelope(producer, envelope);
    }
    // The same event id again (a producer retry) must not count twice.
    await producer.append('events', { event: JSON.stringify({ ...appealRegistered(), id: 'retry-me' }) });
    await producer.append('events', { event: JSON.stringify({ ...appealRegistered(), id: 'retry-me' }) });
    await producer.close();

    const second = await server({ prefix: first.prefix });
    const state = second.app.store.state;
    expect(state.appeals.size).toBe(1 + 100 + 1);
    for (const id of ids) expect(state.appeals.has(id)).toBe(true);
    expect(state.counters.applied).toBe(102);
    expect(state.counters.duplicates).toBe(1);
  });

  it('restores from a snapshot and replays only the tail', async () => {
    const first = await server({ snapshotEveryEvents: 10 });
    for (let i = 0; i < 25; i += 1) await appendEnvelope(first.log, appealRegistered());
    await waitFor(() => first.app.store.state.appeals.size === 25, 5000, '25 appeals');
    const raw = await first.log.getValue('snapshot');
    expect(raw).not.toBeNull();
    const snapshotCursor = (JSON.parse(raw as string) as { cursor: string }).cursor;
    await first.stop();
    servers.splice(servers.indexOf(first), 1);

    // Drop everything the snapshot covers: a full replay would now find only the tail.
    const producer = await openTestLog(first.prefix);
    const finalCursor = (JSON.parse((await producer.getValue('snapshot')) as string) as { cursor: string }).cursor;
    expect(finalCursor).not.toBe(snapshotCursor);
    await producer.trim('events', finalCursor);
    for (let i = 0; i < 5; i += 1) await appendEnvelope(producer, appealRegistered());
    await producer.close();
    const second = await server({ prefix: first.prefix });
    expect(second.app.store.state.appeals.size).toBe(30);
    expect(second.app.store.state.counters.applied).toBe(30);
  });

  it('gives a reconnecting client exactly the events it missed', async () => {
    const s = await server();
    const first = await client(s);
    await waitFor(() => first.snapshots.length === 1, 5000, 'snapshot');
    const before = appealRegistered();
    await appendEnvelope(s.log, before);
    await waitFor(() => first.shown.length === 1, 5000, 'first event');
    const cursor = first.replica.state.cursor;
    first.close();

    const missed: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const envelope =
        i % 2 === 0 ? appealRegistered() : appealAssigned((before.data as { appealId: string }).appealId);
      missed.push(envelope.id);
      await appendEnvelope(s.log, envelope);
    }
    await waitFor(
      () => s.app.store.state.cursor !== cursor && s.app.store.state.counters.applied === 21,
      5000,
      'server applied',
    );

    const again = await client(s, { cursor });
    await waitFor(() => again.shown.length >= 20, 5000, 'replay');
    expect(again.snapshots).toHaveLength(0);
    // Live frames flushed while the replay was read may arrive first; they are queued, then de-duplicated.
    expect(again.frames.filter((f) => f.replay)).toHaveLength(1);
    expect(again.shown.map((e) => e.id)).toEqual(missed);
    // A new live event after the replay arrives once.
    const after = appealRegistered();
    await appendEnvelope(s.log, after);
    await waitFor(() => again.shown.some((e) => e.id === after.id), 5000, 'live after replay');
    expect(again.shown.filter((e) => e.id === after.id)).toHaveLength(1);
    expect(appealIds(again.shown)).toContain((after.data as { appealId: string }).appealId);
  });

  it('serves one snapshot encoding to every new socket of a scope, each followed at once by the events since', async () => {
    const s = await server({ config: { SNAPSHOT_CACHE_MS: '60000' } });
    const first = await client(s);
    await waitFor(() => first.snapshots.length === 1, 5000, 'first snapshot');
    const envelopes = [appealRegistered(), appealRegistered(), appealRegistered()];
    for (const envelope of envelopes) await appendEnvelope(s.log, envelope);
    await waitFor(() => envelopes.every((e) => first.shown.some((x) => x.id === e.id)), 5000, 'live frames');
    const second = await client(s);
    await waitFor(
      () => second.snapshots.length === 1 && second.replica.state.cursor === first.replica.state.cursor,
      5000,
      'second client caught up',
    );
    const cached = first.snapshots[0];
    // The cached snapshot, as built for the first client before the events…
    expect(second.snapshots[0]?.cursor).toBe(cached?.cursor);
    expect(second.snapshots[0]?.appeals.length).toBe(cached?.appeals.length);
    // …then, before any live frame, exactly the events applied since.
    const catchUp = second.frames[0];
    expect(catchUp?.replay).toBe(true);
    expect(catchUp?.from).toBe(cached?.cursor);
    expect(catchUp?.events.map((e) => e.id)).toEqual(envelopes.map((e) => e.id));
    expect(appealIds(second.shown)).toEqual(appealIds(first.shown));
    expect([...second.replica.state.appeals.keys()].sort()).toEqual([...first.replica.state.appeals.keys()].sort());
  });

  it('compresses the snapshot for a client that offers permessage-deflate, sends it whole otherwise, and frames follow both exactly', async () => {
    const s = await server({ config: { SNAPSHOT_CACHE_MS: '60000' } });
    const description = 'Во дворе прорвало трубу, вода заливает подвал дома. '.repeat(10);
    const prefill = Array.from({ length: 300 }, () => {
      const envelope = appealRegistered();
      (envelope.data as { description: string }).description = description;
      return envelope;
    });
    for (const envelope of prefill) await appendEnvelope(s.log, envelope);
    await waitFor(() => s.app.store.state.counters.applied === prefill.length, 10_000, 'prefill applied');

    const compressed = await client(s);
    const whole = await client(s, { deflate: false });
    // Events while the compression runs: each client must see every one, after its snapshot.
    const live = [appealRegistered(), appealRegistered(), appealRegistered()];
    for (const envelope of live) await appendEnvelope(s.log, envelope);
    const end = (await s.log.rangeReverse('events', '+', 1))[0]?.id as string;
    for (const c of [compressed, whole]) {
      await waitFor(() => c.snapshots.length === 1 && c.replica.state.cursor === end, 10_000, 'caught up');
      expect(c.replica.state.appeals.size).toBe(prefill.length + live.length);
      expect(
        appealIds(c.shown).filter((id) => live.some((e) => (e.data as { appealId: string }).appealId === id)),
      ).toHaveLength(live.length);
    }
    expect(compressed.snapshots[0]).toEqual(whole.snapshots[0]);
    const firstId = (prefill[0]?.data as { appealId: string }).appealId;
    const shownDescription = compressed.snapshots[0]?.appeals.find((a) => a.id === firstId)?.description;
    expect(shownDescription).toBe(s.app.store.state.appeals.get(firstId)?.description);
    expect(shownDescription).toContain('прорвало трубу');
    // On the wire: the compressed snapshot is a fraction of the whole one.
    const wire = (c: LiveClient): number =>
      (c.socket.io.engine as unknown as { transport: { ws: { _socket: { bytesRead: number } } } }).transport.ws._socket
        .bytesRead;
    const snapshotBytes = Buffer.byteLength(JSON.stringify(whole.snapshots[0]));
    expect(wire(whole)).toBeGreaterThan(snapshotBytes);
    expect(wire(compressed)).toBeLessThan(snapshotBytes / 4);
  });

  it('answers a resume from trimmed entries from memory, and with a fresh snapshot once memory lacks them too', async () => {
    const s = await server();
    await appendEnvelope(s.log, appealRegistered());
    await waitFor(() => s.app.store.state.counters.applied === 1, 5000, 'applied');
    const oldCursor = s.app.store.state.cursor;
    for (let i = 0; i < 5; i += 1) await appendEnvelope(s.log, appealRegistered());
    await waitFor(() => s.app.store.state.counters.applied === 6, 5000, 'applied 6');
    const entries = await s.log.range('events', '0-0', '+', 100);
    await s.log.trim('events', (entries[3] as { id: string }).id);
    // The node applied them and still holds them: the resume is exact, no snapshot needed.
    const c = await client(s, { cursor: oldCursor });
    const replay = await waitFor(() => c.frames.find((f) => f.replay), 5000, 'replay');
    expect(replay.events.map((e) => e.streamId)).toEqual(entries.slice(1).map((e) => e.id));
    expect(c.snapshots).toHaveLength(0);
    c.close();

    // A restarted node holds only what it applied since its snapshot.
    await s.app.store.saveSnapshot();
    await s.stop();
    servers.splice(servers.indexOf(s), 1);
    const restarted = await server({ prefix: s.prefix });
    const late = await client(restarted, { cursor: oldCursor });
    const snapshot = await waitFor(() => late.snapshots[0], 5000, 'snapshot');
    expect(snapshot.reason).toBe('trimmed');
    expect(snapshot.appeals).toHaveLength(6);
  });

  it('tells a client with another protocol version that it is incompatible', async () => {
    const s = await server();
    const c = await client(s, { protocol: PROTOCOL_VERSION + 1 });
    const message = await waitFor(() => c.incompatible[0], 5000, 'incompatible');
    expect(message).toContain('reload');
    expect(c.snapshots).toHaveLength(0);
  });

  it('refuses a forged resume request with a specific error and keeps the socket', async () => {
    const s = await server();
    const c = await client(s);
    await waitFor(() => c.snapshots.length === 1, 5000, 'snapshot');
    const answer = await c.socket.emitWithAck('sync:resume', { cursor: 'DROP TABLE' });
    expect(answer).toEqual({ ok: false, error: expect.stringContaining('not a stream cursor') });
    expect(c.socket.connected).toBe(true);
  });
});
