import { streamIdTime, type Eviction, type Incompatible, type SnapshotReason, type UpstreamStatus } from '@shared';

/** No event for this long while connected and in sync: the wall shows "data is stale". */
export const STALE_AFTER_MS = 30_000;

export type Connection = 'connecting' | 'connected' | 'disconnected';

/** What the header's link indicator shows (`data-state` of `link-status`). */
export type LinkStatus = 'live' | 'stale' | 'down' | 'connecting';

/**
 * The link to the server as the client sees it. Times are client-clock epoch ms;
 * `clockOffsetMs` converts server times (server = client + offset).
 */
export interface LinkState {
  connection: Connection;
  /** The replica is in step with the server (false before the first snapshot and during a resync). */
  isSynced: boolean;
  /** When the newest event reached us (estimated from its stream id after a snapshot or replay). */
  lastEventAt: number | null;
  /** When the last snapshot or replay brought us in step. */
  syncedAt: number | null;
  clockOffsetMs: number;
  /** Set once the server refuses our protocol version: the page must be reloaded. */
  incompatible: Incompatible | null;
  /**
   * Why the server disconnected us on purpose (`server:evicted`: too many tabs or screens, or
   * flooding), shown until the next connection; null otherwise.
   */
  evicted: Eviction | null;
  /** The server we are connected to has lost its own link to the stream (Redis): nothing new can come. */
  isUpstreamDown: boolean;
  /**
   * When a snapshot replaced what we had because the missed events could not be replayed
   * (trimmed from the stream, or we fell too far behind): the screen says so for a while.
   */
  reloadedAt: number | null;
}

/** How long the "data reloaded" notice stays after such a snapshot. */
export const RELOAD_NOTICE_MS = 15_000;

/** Snapshot reasons that mean events were skipped over rather than shown one by one. */
const RELOAD_REASONS: ReadonlySet<string> = new Set(['trimmed', 'too_far_behind']);

/** True while the "data reloaded" notice should show. */
export function isReloadNoticeShown(link: LinkState, now: number): boolean {
  return link.reloadedAt !== null && now - link.reloadedAt < RELOAD_NOTICE_MS;
}

export function createLinkState(): LinkState {
  return {
    connection: 'connecting',
    isSynced: false,
    lastEventAt: null,
    syncedAt: null,
    clockOffsetMs: 0,
    incompatible: null,
    evicted: null,
    isUpstreamDown: false,
    reloadedAt: null,
  };
}

/** The server reported its link to the stream (`server:upstream`). */
export function applyUpstream(link: LinkState, status: UpstreamStatus): LinkState {
  return link.isUpstreamDown === !status.isConnected ? link : { ...link, isUpstreamDown: !status.isConnected };
}

export function applyConnected(link: LinkState): LinkState {
  return { ...link, connection: 'connected', evicted: null };
}

/** The server is about to disconnect us on purpose and said why. */
export function applyEvicted(link: LinkState, info: Eviction): LinkState {
  return { ...link, evicted: info };
}

/**
 * True when the eviction means "another tab or screen took this place": reconnecting by
 * itself would only push out the next oldest, so the page stays down until the user reloads it.
 */
export function isEvictedForGood(eviction: Eviction | null): boolean {
  return eviction !== null && eviction.reason !== 'flooding';
}

export function applyDisconnected(link: LinkState): LinkState {
  return { ...link, connection: 'disconnected', isSynced: false };
}

export function applyIncompatible(link: LinkState, info: Incompatible): LinkState {
  return { ...link, connection: 'disconnected', isSynced: false, incompatible: info };
}

/** What arrived: a snapshot, a live frame or a replay frame (the answer to a resume). */
export interface SyncArrival {
  kind: 'snapshot' | 'live' | 'replay';
  /** Server clock when it was sent. */
  serverTime: number;
  /** Stream id of the newest event it brought (snapshot: newest feed entry), or null. */
  newestStreamId: string | null;
  /** Replica state after applying it. */
  isSynced: boolean;
  /** A snapshot's reason (`connect`, `trimmed`…). */
  reason?: SnapshotReason;
}

/**
 * The link after a snapshot or frame arrived at client time `now`. A live event is
 * "new" when it arrives; the events of a snapshot or replay are old news, so their
 * time comes from the stream id (server clock, converted), never later than now.
 */
export function applyArrival(link: LinkState, arrival: SyncArrival, now: number): LinkState {
  const clockOffsetMs = Number.isFinite(arrival.serverTime) ? arrival.serverTime - now : link.clockOffsetMs;
  let lastEventAt = link.lastEventAt;
  if (arrival.newestStreamId !== null) {
    const eventAt =
      arrival.kind === 'live' ? now : Math.min(now, clientTimeOfStreamId(arrival.newestStreamId, clockOffsetMs));
    if (Number.isFinite(eventAt)) lastEventAt = Math.max(lastEventAt ?? eventAt, eventAt);
  }
  const isResync = arrival.kind !== 'live' && arrival.isSynced;
  return {
    ...link,
    isSynced: arrival.isSynced,
    clockOffsetMs,
    lastEventAt,
    syncedAt: isResync ? now : link.syncedAt,
    reloadedAt: arrival.reason !== undefined && RELOAD_REASONS.has(arrival.reason) ? now : link.reloadedAt,
  };
}

function clientTimeOfStreamId(streamId: string, clockOffsetMs: number): number {
  try {
    return streamIdTime(streamId) - clockOffsetMs;
  } catch {
    return Number.NaN;
  }
}

/** Age of the newest event at client time `now`, or null when none was seen. */
export function lastEventAge(link: LinkState, now: number): number | null {
  return link.lastEventAt === null ? null : Math.max(0, now - link.lastEventAt);
}

/**
 * The indicator state: down (no link, refused, or the server lost the stream), connecting (no link yet, or waiting
 * for the resync answer), stale (in step but nothing new for `staleAfterMs` since the
 * newer of the last event and the last resync), else live. A wall screen may set its own
 * threshold (`/wall?stale=`); everything else uses STALE_AFTER_MS.
 */
export function linkStatusOf(link: LinkState, now: number, staleAfterMs = STALE_AFTER_MS): LinkStatus {
  if (link.incompatible || link.connection === 'disconnected' || link.isUpstreamDown) return 'down';
  if (link.connection === 'connecting' || !link.isSynced) return 'connecting';
  const freshest = Math.max(link.lastEventAt ?? -Infinity, link.syncedAt ?? -Infinity);
  return now - freshest > staleAfterMs ? 'stale' : 'live';
}
