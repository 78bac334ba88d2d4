import { streamIdTime, type Incompatible } from '@shared';

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
}

export function createLinkState(): LinkState {
  return {
    connection: 'connecting',
    isSynced: false,
    lastEventAt: null,
    syncedAt: null,
    clockOffsetMs: 0,
    incompatible: null,
  };
}

export function applyConnected(link: LinkState): LinkState {
  return { ...link, connection: 'connected' };
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
 * The indicator state: down (no link, or refused), connecting (no link yet, or waiting
 * for the resync answer), stale (in step but nothing new for `staleAfterMs` since the
 * newer of the last event and the last resync), else live. A wall screen may set its own
 * threshold (`/wall?stale=`); everything else uses STALE_AFTER_MS.
 */
export function linkStatusOf(link: LinkState, now: number, staleAfterMs = STALE_AFTER_MS): LinkStatus {
  if (link.incompatible || link.connection === 'disconnected') return 'down';
  if (link.connection === 'connecting' || !link.isSynced) return 'connecting';
  const freshest = Math.max(link.lastEventAt ?? -Infinity, link.syncedAt ?? -Infinity);
  return now - freshest > staleAfterMs ? 'stale' : 'live';
}
