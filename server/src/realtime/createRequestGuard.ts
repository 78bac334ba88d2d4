import {
  CLIENT_EVENT_LIMITS,
  type ClientToServerEvents,
  type InterServerEvents,
  type RateLimit,
  type ServerToClientEvents,
  type SocketData,
} from '@shared';
import type { Socket } from 'socket.io';
import type { Logger } from '../logger';
import type { BacklogLedger } from './backlog';
import { createSubjectRateLimiter, type SubjectRateLimiter } from './subjectRateLimiter';

type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type ClientEvent = keyof ClientToServerEvents;

/** The answer to a request refused by the rate limit. */
export const RATE_LIMITED_ERROR = 'too many requests: slow down';

export interface RequestGuard {
  /**
   * Whether a client event may be handled: it takes a token from its user's (or kiosk link's)
   * bucket. A refused one is answered `rate_limited` with `retryAfterMs`, never dropped
   * silently; but a socket refused while its queue is over the cap (it sends requests and
   * reads none of the answers) is told `flooding` and disconnected, since every answer would
   * be one more message held for it.
   */
  admit(socket: IoSocket, event: ClientEvent, ack: unknown): boolean;
  /** Counts work a socket causes without asking (its handshake's snapshot or replay), never refused. */
  charge(socket: IoSocket, event: ClientEvent): void;
  /** Stops the timer that forgets idle subjects. */
  close(): void;
}

/** How often subjects whose buckets have refilled are forgotten, ms. */
const SWEEP_INTERVAL_MS = 60_000;

export function createRequestGuard(options: {
  ledger: BacklogLedger;
  logger: Logger;
  now: () => number;
  limits?: Readonly<Record<ClientEvent, RateLimit>>;
}): RequestGuard {
  const limits = options.limits ?? CLIENT_EVENT_LIMITS;
  const limiter: SubjectRateLimiter<ClientEvent> = createSubjectRateLimiter(limits, options.now);
  const sweepTimer = setInterval(() => limiter.sweep(), SWEEP_INTERVAL_MS);
  sweepTimer.unref();

  return {
    admit(socket, event, ack) {
      const retryAfterMs = limiter.take(socket.data.subjectRoom, event);
      if (retryAfterMs === 0) return true;
      if (!options.ledger.hasRoom(socket)) {
        options.logger.warn(
          { user: socket.data.user.username, event },
          'socket floods requests without reading the answers: disconnected',
        );
        socket.emit('server:evicted', { reason: 'flooding', limit: limits[event].burst });
        socket.disconnect(true);
        return false;
      }
      if (typeof ack === 'function') {
        (ack as (result: unknown) => void)({
          ok: false,
          error: RATE_LIMITED_ERROR,
          code: 'rate_limited',
          retryAfterMs,
        });
      }
      return false;
    },
    charge(socket, event) {
      limiter.takeIfAny(socket.data.subjectRoom, event);
    },
    close() {
      clearInterval(sweepTimer);
    },
  };
}
