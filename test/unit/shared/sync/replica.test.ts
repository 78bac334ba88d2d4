import { describe, expect, it } from 'vitest';
import {
  applyFrame,
  computeStats,
  createProjection,
  createReplica,
  loadSnapshot,
  markUnsynced,
  PROTOCOL_VERSION,
  type Frame,
  type Snapshot,
  type StreamEvent,
} from '@shared';
import { createEventFactory, T0 } from '../factories';

function snapshotAt(cursor: string, events: StreamEvent[] = []): Snapshot {
  return {
    protocol: PROTOCOL_VERSION,
    cursor,
    scope: { regions: 'all' },
    reason: 'connect',
    appeals: [],
    incidents: [],
    feed: events,
    stats: computeStats(createProjection(), T0),
    serverTime: T0,
  };
}

function frame(from: string, events: StreamEvent[], replay = false): Frame {
  const cursor = events.length > 0 ? (events[events.length - 1] as StreamEvent).streamId : from;
  return { from, cursor, events, replay, serverTime: T0 };
}

describe('replica: snapshot + frames on the client', () => {
  it('queues frames until the snapshot, then applies only what the snapshot lacks', () => {
    const f = createEventFactory();
    const [a, b, c] = [f.registered('A-1'), f.registered('A-2'), f.registered('A-3')];
    const replica = createReplica();
    expect(applyFrame(replica, frame('0-0', [a, b]))).toEqual({ events: [], gap: null });
    const loaded = loadSnapshot(replica, snapshotAt(a.streamId));
    // a is covered by the snapshot cursor, so only b comes out of the queue.
    expect(loaded.events.map((e) => e.id)).toEqual([b.id]);
    const live = applyFrame(replica, frame(b.streamId, [c]));
    expect(live).toEqual({ events: [c], gap: null });
    expect(replica.state.cursor).toBe(c.streamId);
  });

  it('never shows an event twice when frames overlap', () => {
    const f = createEventFactory();
    const [a, b] = [f.registered('A-1'), f.registered('A-2')];
    const replica = createReplica();
    loadSnapshot(replica, snapshotAt('0-0'));
    expect(applyFrame(replica, frame('0-0', [a])).events).toEqual([a]);
    expect(applyFrame(replica, frame('0-0', [a, b])).events).toEqual([b]);
    expect(applyFrame(replica, frame('0-0', [a, b])).events).toEqual([]);
  });

  it('reports a gap when a frame starts after its cursor, queues live frames, and recovers from the replay', () => {
    const f = createEventFactory();
    const [a, b, c, d] = [f.registered('A-1'), f.registered('A-2'), f.registered('A-3'), f.registered('A-4')];
    const replica = createReplica();
    loadSnapshot(replica, snapshotAt(a.streamId));
    expect(applyFrame(replica, frame(b.streamId, [c]))).toEqual({ events: [], gap: a.streamId });
    expect(replica.isSynced).toBe(false);
    // A live frame while resyncing waits.
    expect(applyFrame(replica, frame(c.streamId, [d]))).toEqual({ events: [], gap: null });
    // The replay answers from our cursor; the queued frame follows without repeats.
    const replayed = applyFrame(replica, frame(a.streamId, [b, c], true));
    expect(replayed.events.map((e) => e.id)).toEqual([b.id, c.id, d.id]);
    expect(replayed.gap).toBeNull();
    expect(replica.isSynced).toBe(true);
  });

  it('after a disconnect queues frames until the resume answer', () => {
    const f = createEventFactory();
    const [a, b] = [f.registered('A-1'), f.registered('A-2')];
    const replica = createReplica();
    loadSnapshot(replica, snapshotAt('0-0'));
    applyFrame(replica, frame('0-0', [a]));
    markUnsynced(replica);
    expect(applyFrame(replica, frame(a.streamId, [b])).events).toEqual([]);
    expect(applyFrame(replica, frame(a.streamId, [], true)).events).toEqual([b]);
  });

  it('shows an event for an appeal outside its snapshot in the feed instead of dropping it', () => {
    const f = createEventFactory();
    const closed = f.statusChanged('A-old', 'closed', { at: T0 });
    const replica = createReplica();
    loadSnapshot(replica, snapshotAt('0-0'));
    expect(applyFrame(replica, frame('0-0', [closed])).events).toEqual([closed]);
    expect(replica.state.feed.at(-1)).toEqual(closed);
  });

  it('a snapshot replaces everything and restores a missed gap', () => {
    const f = createEventFactory();
    const [a, b] = [f.registered('A-1'), f.registered('A-2')];
    const replica = createReplica();
    loadSnapshot(replica, snapshotAt('0-0'));
    expect(applyFrame(replica, frame(a.streamId, [b])).gap).toBe('0-0');
    const snapshot = snapshotAt(b.streamId, [a, b]);
    expect(loadSnapshot(replica, snapshot)).toEqual({ events: [], gap: null });
    expect(replica.isSynced).toBe(true);
    expect(replica.state.cursor).toBe(b.streamId);
    expect(replica.state.feed).toHaveLength(2);
  });
});
