import type { AnalyticsFilter, Eviction } from '@shared';
import { isEvictedForGood } from '../state/link';
import type { WallStore } from '../state/wallStore';
import type { SessionCheck } from '../session/sessionContext';
import {
  DEFAULT_RECONNECT_MS,
  isUnauthorizedError,
  manualReconnectDelay,
  shouldVerifySession,
  type DisconnectReason,
} from './reconnectPolicy';
import type { WallSocket } from './socket';

/** How the socket tells the session layer what the server said about the session. */
export interface SessionHooks {
  /** The handshake was refused as `unauthorized`: the session is gone, show the login page. */
  onUnauthorized(): void;
  /**
   * The server dropped us without a shutdown notice. Resolves `valid` to reconnect (the
   * new claims apply), `invalid` when the session is gone (the session layer then shows
   * the login page), `unknown` when the check itself failed (retry as usual).
   */
  verifySession(): Promise<SessionCheck>;
}

/** How long a `sync:resume` may take before we give up and ask for a snapshot. */
export const RESUME_TIMEOUT_MS = 15_000;

/**
 * Wires socket events into the store and answers gaps with `sync:resume`
 * (design.md "Real-time protocol"). Returns a function that unbinds everything.
 * Without `session` hooks a refused (`unauthorized`) handshake just stays down.
 */
export function bindSocket(socket: WallSocket, store: WallStore, session?: SessionHooks): () => void {
  let isBound = true;
  let shutdownDelayMs: number | null = null;
  let isIncompatible = false;
  let resumingFrom: string | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Why the server said it is disconnecting us, until the next connect. */
  let eviction: Eviction | null = null;
  /** A request the server refused as rate-limited, sent again when it said a token is back. */
  let resumeRetryTimer: ReturnType<typeof setTimeout> | null = null;
  let watchRetryTimer: ReturnType<typeof setTimeout> | null = null;

  const scheduleReconnect = (reason: DisconnectReason | 'connect_error'): void => {
    const delay = manualReconnectDelay(reason, {
      isIncompatible,
      shutdownDelayMs,
      isActive: socket.active,
      random: Math.random(),
    });
    if (delay === null || retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!socket.connected && !isIncompatible) socket.connect();
    }, delay);
  };

  /** Resync from scratch: reconnect without a cursor, the server sends a snapshot. */
  const restart = (): void => {
    store.requireSnapshot();
    socket.disconnect();
    socket.connect();
  };

  const resume = (cursor: string | null): void => {
    if (cursor === null || cursor === resumingFrom) return;
    resumingFrom = cursor;
    socket.timeout(RESUME_TIMEOUT_MS).emit('sync:resume', { cursor }, (err, result) => {
      resumingFrom = null;
      if (!err && !result.ok && result.code === 'rate_limited') {
        // This user's tabs asked too often: ask again when allowed (a restart would cost more).
        resumeRetryTimer ??= setTimeout(() => {
          resumeRetryTimer = null;
          if (socket.connected) resume(cursor);
        }, result.retryAfterMs ?? DEFAULT_RECONNECT_MS);
      } else if (err || !result.ok) restart();
    });
  };

  /** Tells the server which charts to push (on every connect: a new socket watches nothing). */
  const watch = (filter: AnalyticsFilter | null): void => {
    if (!socket.connected) return;
    socket.timeout(RESUME_TIMEOUT_MS).emit('analytics:watch', filter, (err, result) => {
      if (err) return; // the next connect sends it again
      if (!result.ok && result.code === 'rate_limited') {
        // Filters changed faster than allowed: the one current when a token is back is sent then.
        watchRetryTimer ??= setTimeout(() => {
          watchRetryTimer = null;
          watch(store.analyticsFilter());
        }, result.retryAfterMs ?? DEFAULT_RECONNECT_MS);
      } else if (!result.ok) store.analyticsFailed(result.error);
      else if (result.data) store.receiveAnalytics(result.data);
    });
  };
  const unwatchFilter = store.subscribeAnalyticsFilter(watch);

  socket.on('connect', () => {
    shutdownDelayMs = null;
    eviction = null;
    store.connected();
    const filter = store.analyticsFilter();
    if (filter) watch(filter);
  });
  /** Reconnects only if the session survived whatever made the server drop us. */
  const verifyThenReconnect = (hooks: SessionHooks): void => {
    hooks.verifySession().then(
      (check) => {
        if (!isBound || socket.connected) return;
        if (check === 'valid') socket.connect();
        else if (check === 'unknown') scheduleReconnect('io server disconnect');
        // 'invalid': the session layer shows the login page and unmounts us.
      },
      () => {
        if (isBound) scheduleReconnect('io server disconnect');
      },
    );
  };

  socket.on('disconnect', (reason) => {
    resumingFrom = null;
    store.disconnected();
    // Another tab or screen took our place: reconnecting would push out the next one (the page says why).
    if (isEvictedForGood(eviction)) return;
    if (session && shouldVerifySession(reason, { isIncompatible, shutdownDelayMs })) verifyThenReconnect(session);
    else scheduleReconnect(reason);
  });
  socket.on('connect_error', (error) => {
    store.disconnected();
    // No retry loop without a session: only signing in helps.
    if (isUnauthorizedError(error)) session?.onUnauthorized();
    else scheduleReconnect('connect_error');
  });
  socket.on('sync:snapshot', (snapshot) => resume(store.receiveSnapshot(snapshot)));
  socket.on('sync:frame', (frame) => resume(store.receiveFrame(frame)));
  socket.on('stats:update', (stats) => store.receiveStats(stats));
  socket.on('server:upstream', (status) => store.receiveUpstream(status));
  socket.on('analytics:update', (analytics) => store.receiveAnalytics(analytics));
  socket.on('sync:incompatible', (info) => {
    isIncompatible = true;
    store.incompatible(info);
    socket.disconnect();
  });
  socket.on('server:evicted', (info) => {
    eviction = info;
    store.evicted(info);
  });
  socket.on('server:shutdown', (info) => {
    shutdownDelayMs = info.reconnectInMs;
  });

  return () => {
    isBound = false;
    unwatchFilter();
    for (const timer of [retryTimer, resumeRetryTimer, watchRetryTimer]) if (timer !== null) clearTimeout(timer);
    socket.removeAllListeners();
  };
}
