import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  type createClient,
  DisconnectsClientError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from 'redis';
import type { Logger } from '../logger';
import { LogUnavailableError, type EventLog } from './eventLog';

/** The Redis log's connection handling: redacted URLs, timeouts, outage logs, errors mapped to LogUnavailableError. */

export type RedisClient = ReturnType<typeof createClient>;

/** The URL without its password, for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable Redis URL)';
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Logs a connection's outages once each (not once per reconnect attempt). Without an
 * 'error' listener node-redis would throw the error and take the process down.
 */
export function watchConnection(client: RedisClient, role: string, url: string, logger: Logger): void {
  let isDown = false;
  client.on('error', (error: Error) => {
    if (isDown) {
      logger.debug({ role, url, err: error.message }, 'redis still unreachable');
      return;
    }
    isDown = true;
    logger.warn({ role, url, err: error.message }, 'redis link lost, reconnecting');
  });
  client.on('ready', () => {
    if (!isDown) return;
    isDown = false;
    logger.info({ role, url }, 'redis link restored');
  });
}

export function destroyQuietly(client: RedisClient): void {
  if (client.isOpen) client.destroy();
}

/** node-redis errors that mean "not reachable now", not "this command is wrong". */
const UNAVAILABLE_ERRORS: readonly (new (...args: never[]) => Error)[] = [
  ClientOfflineError,
  ClientClosedError,
  SocketClosedUnexpectedlyError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  SocketTimeoutError,
  TimeoutError,
];

/** Socket errors a dropped link hands to the commands in flight. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH']);

/** Replies of a Redis that is up but not serving yet (loading its AOF after a restart…). */
const NOT_READY_REPLY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN)\b/;

function toUnavailable(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof LogUnavailableError) return error;
  const code = (error as { code?: unknown }).code;
  const isUnavailable =
    UNAVAILABLE_ERRORS.some((kind) => error instanceof kind) ||
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    NOT_READY_REPLY.test(error.message) ||
    /unreachable/.test(error.message);
  return isUnavailable ? new LogUnavailableError(`Redis unreachable: ${error.message}`, { cause: error }) : error;
}

/** Every method of the log, with connection failures turned into LogUnavailableError. */
export function withUnavailableErrors(log: EventLog): EventLog {
  const wrapped: Record<string, unknown> = { kind: log.kind };
  for (const [name, value] of Object.entries(log)) {
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        throw toUnavailable(error);
      }
    };
  }
  return wrapped as unknown as EventLog;
}
