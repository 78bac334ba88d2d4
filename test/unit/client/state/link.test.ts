import { describe, expect, it } from 'vitest';
import {
  applyArrival,
  applyConnected,
  applyDisconnected,
  applyIncompatible,
  applyUpstream,
  createLinkState,
  isReloadNoticeShown,
  lastEventAge,
  linkStatusOf,
  RELOAD_NOTICE_MS,
  STALE_AFTER_MS,
  type LinkState,
} from '../../../../client/src/state/link';

const NOW = 1_800_000_000_000;

function syncedAt(now: number): LinkState {
  return applyArrival(
    applyConnected(createLinkState()),
    { kind: 'snapshot', serverTime: now, newestStreamId: null, isSynced: true },
    now,
  );
}

describe('link state', () => {
  it('is connecting until connected and in sync', () => {
    const link = createLinkState();
    expect(linkStatusOf(link, NOW)).toBe('connecting');
    expect(linkStatusOf(applyConnected(link), NOW)).toBe('connecting');
    expect(linkStatusOf(syncedAt(NOW), NOW)).toBe('live');
  });

  it('is live while events keep coming, stale after 30 s without one', () => {
    let link = syncedAt(NOW);
    expect(linkStatusOf(link, NOW + STALE_AFTER_MS)).toBe('live');
    expect(linkStatusOf(link, NOW + STALE_AFTER_MS + 1)).toBe('stale');
    link = applyArrival(
      link,
      { kind: 'live', serverTime: NOW + 40_000, newestStreamId: '1-0', isSynced: true },
      NOW + 40_000,
    );
    expect(link.lastEventAt).toBe(NOW + 40_000);
    expect(linkStatusOf(link, NOW + 50_000)).toBe('live');
    expect(lastEventAge(link, NOW + 50_000)).toBe(10_000);
  });

  it('is down when disconnected or refused, whatever the data age', () => {
    const link = syncedAt(NOW);
    expect(linkStatusOf(applyDisconnected(link), NOW)).toBe('down');
    expect(applyDisconnected(link).isSynced).toBe(false);
    const refused = applyIncompatible(link, { serverProtocol: 2, message: 'upgrade' });
    expect(linkStatusOf(refused, NOW)).toBe('down');
    expect(refused.incompatible?.serverProtocol).toBe(2);
  });

  it('is down while the server has lost its own link to the stream, live again when it is back', () => {
    const link = syncedAt(NOW);
    const lost = applyUpstream(link, { isConnected: false, since: NOW });
    expect(linkStatusOf(lost, NOW)).toBe('down');
    // Fresh data does not hide it: nothing new can come while the server is cut off.
    expect(linkStatusOf(lost, NOW + 1)).toBe('down');
    const back = applyUpstream(lost, { isConnected: true, since: NOW + 5000 });
    expect(linkStatusOf(back, NOW + 5000)).toBe('live');
    // An unchanged report keeps the same object (no re-render).
    expect(applyUpstream(back, { isConnected: true, since: NOW + 6000 })).toBe(back);
  });

  it('says so for a while after a snapshot that skipped events, not after an ordinary one', () => {
    const connected = applyConnected(createLinkState());
    const ordinary = applyArrival(
      connected,
      { kind: 'snapshot', reason: 'connect', serverTime: NOW, newestStreamId: null, isSynced: true },
      NOW,
    );
    expect(isReloadNoticeShown(ordinary, NOW)).toBe(false);
    for (const reason of ['trimmed', 'too_far_behind'] as const) {
      const reloaded = applyArrival(
        ordinary,
        { kind: 'snapshot', reason, serverTime: NOW + 1000, newestStreamId: null, isSynced: true },
        NOW + 1000,
      );
      expect(isReloadNoticeShown(reloaded, NOW + 1000 + RELOAD_NOTICE_MS - 1)).toBe(true);
      expect(isReloadNoticeShown(reloaded, NOW + 1000 + RELOAD_NOTICE_MS)).toBe(false);
    }
  });

  it('dates snapshot and replay events by their stream id on the client clock', () => {
    // Server clock 2 s ahead; the newest event was appended 5 s before the snapshot.
    const serverNow = NOW + 2000;
    const link = applyArrival(
      applyConnected(createLinkState()),
      { kind: 'snapshot', serverTime: serverNow, newestStreamId: `${serverNow - 5000}-3`, isSynced: true },
      NOW,
    );
    expect(link.clockOffsetMs).toBe(2000);
    expect(link.lastEventAt).toBe(NOW - 5000);
    expect(lastEventAge(link, NOW)).toBe(5000);
  });

  it('never dates an event in the future or from a malformed id', () => {
    const future = applyArrival(
      createLinkState(),
      { kind: 'replay', serverTime: NOW, newestStreamId: `${NOW + 60_000}-0`, isSynced: true },
      NOW,
    );
    expect(future.lastEventAt).toBe(NOW);
    const odd = applyArrival(
      createLinkState(),
      { kind: 'replay', serverTime: NOW, newestStreamId: 'x', isSynced: true },
      NOW,
    );
    expect(odd.lastEventAt).toBeNull();
  });

  it('counts staleness from the last resync when there are no events', () => {
    const link = syncedAt(NOW);
    expect(link.lastEventAt).toBeNull();
    expect(lastEventAge(link, NOW)).toBeNull();
    expect(linkStatusOf(link, NOW + 1000)).toBe('live');
  });

  it('is connecting (not live) while a resync is pending', () => {
    const link = applyArrival(
      syncedAt(NOW),
      { kind: 'live', serverTime: NOW, newestStreamId: null, isSynced: false },
      NOW,
    );
    expect(linkStatusOf(link, NOW)).toBe('connecting');
  });
});
