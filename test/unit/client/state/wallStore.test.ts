import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computeStats, createProjection, FEED_LENGTH, PROTOCOL_VERSION } from '@shared';
import { createBatcher } from '../../../../client/src/state/batcher';
import { createWallStore, RENDER_INTERVAL_MS, type WallStore } from '../../../../client/src/state/wallStore';
import { createEventFactory, T0 } from '../../shared/factories';
import { frameOf, snapshotOf } from '../fixtures';

let clock = T0;
let store: WallStore;
let notified: number;

beforeEach(() => {
  vi.useFakeTimers();
  clock = T0;
  store = createWallStore({ now: () => clock });
  notified = 0;
  store.subscribe(() => (notified += 1));
});

afterEach(() => {
  store.dispose();
  vi.useRealTimers();
});

/** Advances the client clock and the fake timers together. */
function advance(ms: number): void {
  clock += ms;
  vi.advanceTimersByTime(ms);
}

describe('wall store', () => {
  it('shows a snapshot at once: feed, stats and a live link', () => {
    const f = createEventFactory();
    const snapshot = snapshotOf([f.registered('A-1'), f.registered('A-2')], T0);
    store.connected();
    expect(store.receiveSnapshot(snapshot)).toBeNull();
    const view = store.getView();
    expect(view.feed.map((i) => i.entityId)).toEqual(['A-2', 'A-1']);
    expect(view.stats).toBe(snapshot.stats);
    expect(view.link.isSynced).toBe(true);
    expect(view.version).toBe(1);
    expect(notified).toBe(2); // connected, snapshot
  });

  it('batches 50 events/s into at most 5 notifications a second', () => {
    const f = createEventFactory();
    const first = f.registered('A-0');
    store.connected();
    store.receiveSnapshot(snapshotOf([first], T0));
    notified = 0;
    let cursor = first.streamId;
    for (let i = 1; i <= 50; i += 1) {
      const event = f.registered(`A-${i}`);
      expect(store.receiveFrame(frameOf(cursor, [event], clock))).toBeNull();
      cursor = event.streamId;
      advance(20);
    }
    advance(RENDER_INTERVAL_MS);
    expect(notified).toBeLessThanOrEqual(1000 / RENDER_INTERVAL_MS + 1);
    expect(notified).toBeGreaterThanOrEqual(4);
    expect(store.getView().feed[0]?.entityId).toBe('A-50');
  });

  it('does not notify before the interval, and keeps unchanged parts identical', () => {
    const f = createEventFactory();
    const e1 = f.registered('A-1');
    store.connected();
    store.receiveSnapshot(snapshotOf([e1], T0));
    const before = store.getView();
    notified = 0;
    store.receiveFrame(frameOf(e1.streamId, [f.registered('A-2')], T0));
    expect(notified).toBe(0);
    expect(store.getView()).toBe(before);
    advance(RENDER_INTERVAL_MS);
    expect(notified).toBe(1);
    const after = store.getView();
    expect(after.stats).toBe(before.stats);
    expect(after.feed).not.toBe(before.feed);
    expect(after.feed[1]).toBe(before.feed[0]);
  });

  it('takes stats updates on the same throttle', () => {
    store.receiveStats(computeStats(createProjection(), T0));
    store.receiveStats(computeStats(createProjection(), T0 + 1000));
    expect(notified).toBe(0);
    advance(RENDER_INTERVAL_MS);
    expect(notified).toBe(1);
    expect(store.getView().stats?.asOf).toBe(T0 + 1000);
  });

  it('dates live events by arrival', () => {
    const f = createEventFactory();
    const e1 = f.registered('A-1');
    store.connected();
    store.receiveSnapshot(snapshotOf([e1], T0));
    advance(10_000);
    store.receiveFrame(frameOf(e1.streamId, [f.registered('A-2')], clock));
    advance(RENDER_INTERVAL_MS);
    expect(store.getView().link.lastEventAt).toBe(T0 + 10_000);
  });

  it('reports a gap, queues live frames and recovers with the replay', () => {
    const f = createEventFactory();
    const e1 = f.registered('A-1');
    store.connected();
    store.receiveSnapshot(snapshotOf([e1], T0));
    const e2 = f.registered('A-2');
    const e3 = f.registered('A-3');
    const e4 = f.registered('A-4');
    // e2 never arrived: the frame with e3 starts after it.
    expect(store.receiveFrame(frameOf(e2.streamId, [e3], T0))).toBe(e1.streamId);
    expect(store.receiveFrame(frameOf(e3.streamId, [e4], T0))).toBeNull(); // queued
    advance(RENDER_INTERVAL_MS);
    expect(store.getView().link.isSynced).toBe(false);
    expect(store.receiveFrame(frameOf(e1.streamId, [e2, e3], T0, true))).toBeNull();
    advance(RENDER_INTERVAL_MS);
    expect(store.getView().feed.map((i) => i.entityId)).toEqual(['A-4', 'A-3', 'A-2', 'A-1']);
    expect(store.getView().link.isSynced).toBe(true);
  });

  it('sends the cursor on reconnect, and none before a snapshot or when one is required', () => {
    const f = createEventFactory();
    expect(store.handshakeAuth()).toEqual({ protocol: PROTOCOL_VERSION });
    const snapshot = snapshotOf([f.registered('A-1')], T0);
    store.receiveSnapshot(snapshot);
    expect(store.handshakeAuth()).toEqual({ protocol: PROTOCOL_VERSION, cursor: snapshot.cursor });
    store.requireSnapshot();
    expect(store.handshakeAuth()).toEqual({ protocol: PROTOCOL_VERSION });
    store.receiveSnapshot(snapshot);
    expect(store.handshakeAuth().cursor).toBe(snapshot.cursor);
  });

  it('marks the replica unsynced and the link down on disconnect, at once', () => {
    const f = createEventFactory();
    store.connected();
    store.receiveSnapshot(snapshotOf([f.registered('A-1')], T0));
    notified = 0;
    store.disconnected();
    expect(notified).toBe(1);
    expect(store.getReplica().isSynced).toBe(false);
    expect(store.getView().link.connection).toBe('disconnected');
  });

  it('keeps the feed bounded even with events it cannot match', () => {
    const f = createEventFactory();
    const e0 = f.registered('A-0');
    store.connected();
    store.receiveSnapshot(snapshotOf([e0], T0));
    let cursor = e0.streamId;
    for (let i = 0; i < FEED_LENGTH * 5; i += 1) {
      const event = f.assigned(`outside-scope-${i}`);
      store.receiveFrame(frameOf(cursor, [event], T0));
      cursor = event.streamId;
    }
    expect(store.getReplica().state.feed.length).toBeLessThanOrEqual(FEED_LENGTH * 2);
    advance(RENDER_INTERVAL_MS);
    expect(store.getView().feed).toHaveLength(30);
  });

  it('stops listening after unsubscribe', () => {
    const unsubscribe = store.subscribe(() => {
      throw new Error('should not be called');
    });
    unsubscribe();
    store.connected();
    expect(notified).toBe(1);
  });
});

describe('createBatcher', () => {
  it('flushes a lone request on the next tick, then at most once per interval, and flushNow skips the wait', () => {
    const flush = vi.fn();
    const batcher = createBatcher(flush, 200);
    batcher.request();
    vi.advanceTimersByTime(0);
    expect(flush).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 100; i += 1) batcher.request();
    vi.advanceTimersByTime(199);
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(2);
    batcher.request();
    batcher.flushNow();
    expect(flush).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(1000);
    expect(flush).toHaveBeenCalledTimes(3);
  });
});
