import {
  applyFrame,
  createReplica,
  FEED_LENGTH,
  loadSnapshot,
  markUnsynced,
  PROTOCOL_VERSION,
  type Analytics,
  type AnalyticsFilter,
  type Eviction,
  type Frame,
  type HandshakeAuth,
  type Incompatible,
  type Replica,
  type Snapshot,
  type Stats,
  type StreamEvent,
  type UpstreamStatus,
} from '@shared';
import { browserTimers, createBatcher, type Timers } from './batcher';
import { selectFeed, WALL_FEED_LENGTH, type FeedItem } from './feed';
import {
  applyArrival,
  applyConnected,
  applyDisconnected,
  applyEvicted,
  applyIncompatible,
  applyUpstream,
  createLinkState,
  type LinkState,
} from './link';

/** At most one render every this many ms, however fast events arrive (≤ 5 per second). */
export const RENDER_INTERVAL_MS = 200;

/**
 * What components read. A new object after each flush; its parts keep their identity
 * while unchanged, so a component selecting `stats` does not re-render for a feed update.
 */
export interface WallView {
  /** Bumped whenever the replica changed; later features memoise selectors on it. */
  version: number;
  feed: readonly FeedItem[];
  stats: Stats | null;
  link: LinkState;
  /** The charts' series for the watched filter (null until the first answer, or when none is watched). */
  analytics: Analytics | null;
  /** Why the server refused the watched filter, or null. */
  analyticsError: string | null;
}

/**
 * What changed in the replica, as it happens (before the throttled render): the events a
 * frame applied, or `reset` when a snapshot replaced everything. For views that keep an
 * index over the whole replica (the map's 20,000 markers) and update only what changed.
 */
export type ReplicaChange = { kind: 'events'; events: readonly StreamEvent[] } | { kind: 'reset' };

export interface WallStore {
  subscribe(listener: () => void): () => void;
  /** Hears every ReplicaChange synchronously; returns the unsubscribe function. */
  subscribeChanges(listener: (change: ReplicaChange) => void): () => void;
  getView(): WallView;
  /** The replica itself, for selectors over the whole projection (memoise on `version`). */
  getReplica(): Replica;
  /** Handshake auth for the next (re)connect: our cursor, unless a fresh snapshot is needed. */
  handshakeAuth(): HandshakeAuth;
  /** Returns the cursor to resume from when a gap was found, else null. */
  receiveSnapshot(snapshot: Snapshot): string | null;
  /** Returns the cursor to resume from when a gap was found, else null. */
  receiveFrame(frame: Frame): string | null;
  receiveStats(stats: Stats): void;
  /** The server's link to the stream changed (or was reported on connect). */
  receiveUpstream(status: UpstreamStatus): void;
  /** Watch the charts for `filter` (null: stop); the socket binding sends it now and on every reconnect. */
  watchAnalytics(filter: AnalyticsFilter | null): void;
  /** The filter being watched, or null. */
  analyticsFilter(): AnalyticsFilter | null;
  /** Hears every change of the watched filter; returns the unsubscribe function. */
  subscribeAnalyticsFilter(listener: (filter: AnalyticsFilter | null) => void): () => void;
  /** Series from the server; ignored unless for the filter watched now. */
  receiveAnalytics(analytics: Analytics): void;
  /** The server refused the watched filter. */
  analyticsFailed(error: string): void;
  connected(): void;
  disconnected(): void;
  incompatible(info: Incompatible): void;
  /** The server is about to disconnect this socket on purpose (`server:evicted`). */
  evicted(info: Eviction): void;
  /** The next handshake omits the cursor, so the server answers with a snapshot. */
  requireSnapshot(): void;
  /** Stops pending flushes (tests, hot reload). */
  dispose(): void;
}

export interface WallStoreOptions {
  /** Client clock (epoch ms). */
  now?: () => number;
  timers?: Timers;
  renderIntervalMs?: number;
  feedLength?: number;
}

/**
 * The client store: the shared Replica (shared/src/sync/replica.ts) plus the latest
 * Stats and the link state, behind a `useSyncExternalStore` interface. Socket handlers
 * write into it at any rate; listeners hear about it at most once per render interval,
 * except for link changes (connect, disconnect), which are shown at once.
 */
export function createWallStore(options: WallStoreOptions = {}): WallStore {
  const now = options.now ?? Date.now;
  const feedLength = options.feedLength ?? WALL_FEED_LENGTH;
  const replica = createReplica();
  const feedCache = new WeakMap<StreamEvent, FeedItem>();
  const listeners = new Set<() => void>();
  const changeListeners = new Set<(change: ReplicaChange) => void>();
  const emitChange = (change: ReplicaChange): void => {
    for (const listener of [...changeListeners]) listener(change);
  };

  let view: WallView = {
    version: 0,
    feed: [],
    stats: null,
    link: createLinkState(),
    analytics: null,
    analyticsError: null,
  };
  // Written by handlers, published by flush().
  let link = view.link;
  let stats: Stats | null = null;
  let analytics: Analytics | null = null;
  let analyticsError: string | null = null;
  let filter: AnalyticsFilter | null = null;
  const filterListeners = new Set<(filter: AnalyticsFilter | null) => void>();
  let replicaChanged = false;
  let hasSnapshot = false;
  let needsSnapshot = false;

  const flush = (): void => {
    const next: WallView = {
      version: replicaChanged ? view.version + 1 : view.version,
      feed: replicaChanged ? selectFeed(replica.state, feedLength, feedCache) : view.feed,
      stats,
      link,
      analytics,
      analyticsError,
    };
    replicaChanged = false;
    if (
      next.version === view.version &&
      next.stats === view.stats &&
      next.link === view.link &&
      next.analytics === view.analytics &&
      next.analyticsError === view.analyticsError
    ) {
      return;
    }
    view = next;
    for (const listener of [...listeners]) listener();
  };
  const batcher = createBatcher(flush, options.renderIntervalMs ?? RENDER_INTERVAL_MS, options.timers ?? browserTimers);

  // The replica trims applied events, but events it could not match (outside the
  // snapshot's scope) are appended untrimmed; keep the feed bounded here.
  const trimFeed = (): void => {
    const feed = replica.state.feed;
    if (feed.length > FEED_LENGTH * 2) feed.splice(0, feed.length - FEED_LENGTH);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribeChanges(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    getView: () => view,
    getReplica: () => replica,
    handshakeAuth() {
      if (!hasSnapshot || needsSnapshot) return { protocol: PROTOCOL_VERSION };
      return { protocol: PROTOCOL_VERSION, cursor: replica.state.cursor };
    },
    receiveSnapshot(snapshot) {
      const outcome = loadSnapshot(replica, snapshot);
      hasSnapshot = true;
      needsSnapshot = false;
      trimFeed();
      const newest = outcome.events.at(-1) ?? snapshot.feed.at(-1);
      link = applyArrival(
        link,
        {
          kind: 'snapshot',
          reason: snapshot.reason,
          serverTime: snapshot.serverTime,
          newestStreamId: newest?.streamId ?? null,
          isSynced: replica.isSynced,
        },
        now(),
      );
      stats = snapshot.stats;
      replicaChanged = true;
      emitChange({ kind: 'reset' });
      // A snapshot follows a (re)connect or a resync: show it without waiting.
      batcher.flushNow();
      return outcome.gap;
    },
    receiveFrame(frame) {
      const wasSynced = replica.isSynced;
      const outcome = applyFrame(replica, frame);
      if (outcome.events.length > 0) {
        trimFeed();
        replicaChanged = true;
        emitChange({ kind: 'events', events: outcome.events });
      }
      if (outcome.events.length > 0 || wasSynced !== replica.isSynced || frame.replay) {
        link = applyArrival(
          link,
          {
            kind: frame.replay ? 'replay' : 'live',
            serverTime: frame.serverTime,
            newestStreamId: outcome.events.at(-1)?.streamId ?? null,
            isSynced: replica.isSynced,
          },
          now(),
        );
      }
      batcher.request();
      return outcome.gap;
    },
    receiveStats(next) {
      stats = next;
      batcher.request();
    },
    receiveUpstream(status) {
      link = applyUpstream(link, status);
      batcher.flushNow();
    },
    watchAnalytics(next) {
      if (sameFilter(filter, next)) return;
      filter = next;
      analytics = null;
      analyticsError = null;
      for (const listener of [...filterListeners]) listener(next);
      batcher.flushNow();
    },
    analyticsFilter: () => filter,
    subscribeAnalyticsFilter(listener) {
      filterListeners.add(listener);
      return () => filterListeners.delete(listener);
    },
    receiveAnalytics(next) {
      if (!sameFilter(filter, next.filter)) return;
      analytics = next;
      analyticsError = null;
      batcher.request();
    },
    analyticsFailed(error) {
      analyticsError = error;
      batcher.flushNow();
    },
    connected() {
      link = applyConnected(link);
      batcher.flushNow();
    },
    disconnected() {
      markUnsynced(replica);
      link = applyDisconnected(link);
      batcher.flushNow();
    },
    incompatible(info) {
      markUnsynced(replica);
      link = applyIncompatible(link, info);
      batcher.flushNow();
    },
    evicted(info) {
      link = applyEvicted(link, info);
      batcher.flushNow();
    },
    requireSnapshot() {
      needsSnapshot = true;
    },
    dispose() {
      batcher.cancel();
      listeners.clear();
      changeListeners.clear();
      filterListeners.clear();
    },
  };
}

/** Same region, category and window (the server echoes the filter it computed for). */
export function sameFilter(a: AnalyticsFilter | null, b: AnalyticsFilter | null): boolean {
  if (a === null || b === null) return a === b;
  return a.region === b.region && a.category === b.category && a.window === b.window;
}
