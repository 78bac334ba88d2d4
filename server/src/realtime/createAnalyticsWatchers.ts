import type { Analytics, Scope } from '@shared';
import type { Logger } from '../logger';
import type { BacklogLedger } from './backlog';
import type { IoSocket, RealtimeSource } from './createRealtime';
import { parseAnalyticsWatch } from './messages';

type WatchAnswer = { ok: true; data: Analytics | null } | { ok: false; error: string };

export interface AnalyticsWatchers {
  /** A socket's `analytics:watch` (already admitted by the request guard): its answer. */
  watch(socket: IoSocket, scope: Scope, request: unknown): WatchAnswer;
  /** The socket stops getting pushes (gone, or paused while its connection drains). */
  forget(socket: IoSocket): void;
  /** A drained socket gets pushes again, and the latest series at once. */
  resume(socket: IoSocket): void;
  /** One computation per scope and filter, sent to every socket watching it. */
  push(): void;
}

/** Sockets watching analytics on this node (the filter is in `socket.data.analytics`). */
export function createAnalyticsWatchers(deps: {
  source: Pick<RealtimeSource, 'analytics'>;
  ledger: BacklogLedger;
  logger: Logger;
}): AnalyticsWatchers {
  const { source, ledger, logger } = deps;
  const watchers = new Set<IoSocket>();

  /**
   * The latest series to one socket, if its queue has room: a socket over its cap skips
   * updates (none pile up) and gets the one current when it sends again.
   */
  function sendAnalytics(socket: IoSocket): boolean {
    const filter = socket.data.analytics;
    if (!filter || !ledger.hasRoom(socket)) return true;
    try {
      socket.emit('analytics:update', source.analytics(socket.data.user.regions, filter));
      return true;
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'analytics computation failed');
      return false;
    }
  }

  return {
    watch(socket, scope, request) {
      const parsed = parseAnalyticsWatch(request, scope.regions);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const filter = parsed.value;
      if (filter === null) {
        delete socket.data.analytics;
        watchers.delete(socket);
        return { ok: true, data: null };
      }
      socket.data.analytics = filter;
      if (!socket.data.isBehind) watchers.add(socket);
      // Its queue is full: the filter is kept and the series follow once it has drained.
      if (!ledger.hasRoom(socket)) return { ok: true, data: null };
      try {
        return { ok: true, data: source.analytics(scope.regions, filter) };
      } catch (error) {
        logger.error({ err: (error as Error).message }, 'analytics computation failed');
        return { ok: false, error: 'analytics unavailable, retry' };
      }
    },
    forget(socket) {
      watchers.delete(socket);
    },
    resume(socket) {
      if (!socket.data.analytics) return;
      watchers.add(socket);
      sendAnalytics(socket); // the latest series at once, none of those skipped meanwhile
    },
    push() {
      for (const socket of watchers) {
        if (!socket.connected || !socket.data.analytics || socket.data.isBehind) {
          watchers.delete(socket);
          continue;
        }
        if (!sendAnalytics(socket)) return;
      }
    },
  };
}
