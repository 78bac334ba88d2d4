import { createClient } from 'redis';
import { compareStreamIds, previousStreamId } from '@shared';
import type { Logger } from '../logger';
import type { EventLog, LogEntry, LogInfo } from './eventLog';
import {
  destroyQuietly,
  redactUrl,
  watchConnection,
  withTimeout,
  withUnavailableErrors,
  type RedisClient,
} from './redisConnection';
import { assertBlockMs, assertCount, assertWindowMs } from './logArguments';

export interface RedisLogOptions {
  url: string;
  /** Key prefix: streams are `${prefix}:${stream}`, values `${prefix}:${key}`. */
  prefix: string;
  logger: Logger;
}

/** Give up on a Redis that never answered at start-up (a later outage is retried forever). */
const STARTUP_TIMEOUT_MS = 5000;
const CONNECT_TIMEOUT_MS = 2000;
const RECONNECT_MAX_MS = 1000;
const PING_TIMEOUT_MS = 1000;
const CLOSE_TIMEOUT_MS = 2000;
/**
 * A command without an answer this long fails (as unavailable): a Redis that is shutting
 * down or a half-open link must not hold HTTP requests past the 2 s they are promised.
 */
const COMMAND_TIMEOUT_MS = 1500;
/** Large values (the projection snapshot) may take longer to move. */
const BULK_TIMEOUT_MS = 30_000;
const BULK_BYTES = 1024 * 1024;

/**
 * INCR, then PEXPIRE only when the key has no TTL yet (a new key, or one SET without
 * one), and PTTL: in one script so concurrent hits never leave a counter without a
 * window. A script rather than MULTI with PEXPIRE NX, which needs Redis 7.
 */
// HSET only if the field still holds ARGV[2] (or is absent when ARGV[3] is '1').
const COMPARE_AND_SET_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if (ARGV[3] == '1' and current == false) or (ARGV[3] == '0' and current == ARGV[2]) then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
  return 1
end
return 0
`;

const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

function isCountAndTtl(reply: unknown): reply is [number, number] {
  return Array.isArray(reply) && reply.length === 2 && reply.every((item) => typeof item === 'number');
}

/** node-redis hands back field maps built with Object.create(null); give callers plain objects. */
function toEntry(message: { id: string; message: Record<string, string> }): LogEntry {
  return { id: message.id, fields: { ...message.message } };
}

/**
 * XREAD's RESP2 reply after node-redis' transform: [{ name, messages: [{ id, message }] }]
 * (null on timeout). Its declared type is a RESP3 catch-all union, hence the guard.
 */
type StreamsReply = Array<{ name: string; messages: Array<{ id: string; message: Record<string, string> }> }>;

function isStreamsReply(reply: unknown): reply is StreamsReply {
  return Array.isArray(reply) && reply.every((item) => typeof item === 'object' && item !== null && 'messages' in item);
}

/**
 * The event log on a Redis stream (node-redis v5). Commands share one connection; each
 * blocking XREAD runs on a connection of its own (kept in a small pool), so a tail
 * waiting for events never delays an append or a range. While Redis is down, commands
 * fail at once (no offline queue) and the connections keep reconnecting with backoff
 * capped at 1 s; `ping` then answers false. Rejects if Redis does not answer within a
 * few seconds at start-up.
 */
export async function createRedisLog(options: RedisLogOptions): Promise<EventLog> {
  const { prefix, logger } = options;
  const safeUrl = redactUrl(options.url);
  const startedAt = Date.now();
  let isStarting = true;

  const client: RedisClient = createClient({
    url: options.url,
    // Queued commands would hang for the whole outage; failing fast lets HTTP answer 503
    // and the tail retry from its cursor.
    disableOfflineQueue: true,
    commandOptions: { timeout: COMMAND_TIMEOUT_MS },
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Shared by the duplicated reader connections (duplicate() copies the options).
      reconnectStrategy(retries: number, cause: Error) {
        if (isStarting && Date.now() - startedAt > STARTUP_TIMEOUT_MS) {
          return new Error(`cannot reach Redis at ${safeUrl}: ${cause.message}`);
        }
        const jitter = Math.floor(Math.random() * 100);
        return Math.min(RECONNECT_MAX_MS, 50 * 2 ** Math.min(retries, 5) + jitter);
      },
    },
  });
  watchConnection(client, 'commands', safeUrl, logger);

  const readers = new Set<RedisClient>();
  const idleReaders: RedisClient[] = [];
  let isClosed = false;
  let closing: Promise<void> | null = null;

  async function openReader(): Promise<RedisClient> {
    const reader = client.duplicate();
    watchConnection(reader, 'reader', safeUrl, logger);
    readers.add(reader);
    try {
      await reader.connect();
    } catch (error) {
      readers.delete(reader);
      destroyQuietly(reader);
      throw error;
    }
    return reader;
  }

  async function acquireReader(): Promise<RedisClient> {
    const idle = idleReaders.pop();
    if (idle) return idle;
    // Connecting now would wait out the outage instead of failing fast like the rest.
    if (!client.isReady) throw new Error(`Redis at ${safeUrl} is unreachable`);
    return openReader();
  }

  function releaseReader(reader: RedisClient): void {
    if (isClosed) destroyQuietly(reader);
    else if (reader.isOpen) idleReaders.push(reader);
    else readers.delete(reader);
  }

  function assertOpen(): void {
    if (isClosed) throw new Error('event log is closed');
  }

  const key = (suffix: string): string => `${prefix}:${suffix}`;

  try {
    await client.connect();
    idleReaders.push(await openReader());
  } catch (error) {
    for (const reader of readers) destroyQuietly(reader);
    destroyQuietly(client);
    throw error;
  }
  isStarting = false;
  logger.debug({ url: safeUrl, prefix }, 'redis event log connected');

  return withUnavailableErrors({
    kind: 'redis',

    async append(stream, fields) {
      assertOpen();
      return client.xAdd(key(stream), '*', fields);
    },

    async read(stream, afterId, count, blockMs) {
      assertCount(count);
      assertBlockMs(blockMs);
      if (isClosed) return [];
      const reader = await acquireReader();
      try {
        const reply = await reader
          .withCommandOptions({ timeout: blockMs + COMMAND_TIMEOUT_MS })
          .xRead({ key: key(stream), id: afterId }, { COUNT: count, BLOCK: blockMs });
        if (reply === null) return [];
        if (!isStreamsReply(reply)) throw new Error('unexpected XREAD reply shape');
        return reply.flatMap((streamReply) => streamReply.messages.map(toEntry));
      } catch (error) {
        // close() destroys reader connections to cut blocking reads short.
        if (isClosed) return [];
        throw error;
      } finally {
        releaseReader(reader);
      }
    },

    async range(stream, afterId, toId, count) {
      assertCount(count);
      assertOpen();
      // '(' makes the start exclusive (Redis ≥ 6.2); '(-' would be a syntax error.
      const start = afterId === '-' ? '-' : `(${afterId}`;
      const reply = await client.xRange(key(stream), start, toId, { COUNT: count });
      return reply.map(toEntry);
    },

    async rangeReverse(stream, beforeId, count) {
      assertCount(count);
      assertOpen();
      const reply = await client.xRevRange(key(stream), beforeId, '-', { COUNT: count });
      return reply.map(toEntry);
    },

    async info(stream): Promise<LogInfo> {
      assertOpen();
      let reply;
      try {
        reply = await client.xInfoStream(key(stream));
      } catch (error) {
        if (/no such key/i.test((error as Error).message)) {
          return { length: 0, firstId: null, lastId: '0-0', maxDeletedId: '0-0' };
        }
        throw error;
      }
      const length = Number(reply.length);
      const firstId = reply['first-entry'] ? String(reply['first-entry'].id) : null;
      const lastId = String(reply['last-generated-id']);
      // max-deleted-entry-id only tracks XDEL: XTRIM leaves it at 0-0 (checked on Redis
      // 7.0). So when entries-added says something went, bound what went by the first
      // survivor (trimming cuts from the front); before Redis 7 assume something went.
      const deleted = reply['max-deleted-entry-id'] === undefined ? '0-0' : String(reply['max-deleted-entry-id']);
      const added = reply['entries-added'] === undefined ? Number.POSITIVE_INFINITY : Number(reply['entries-added']);
      let maxDeletedId = deleted;
      if (added > length) {
        const trimmedUpTo = firstId === null ? lastId : previousStreamId(firstId);
        if (compareStreamIds(trimmedUpTo, maxDeletedId) > 0) maxDeletedId = trimmedUpTo;
      }
      return { length, firstId, lastId, maxDeletedId };
    },

    async trim(stream, minId) {
      assertOpen();
      return client.xTrim(key(stream), 'MINID', minId);
    },

    async getValue(valueKey) {
      assertOpen();
      return client.get(key(valueKey));
    },

    async setValue(valueKey, value, ttlMs) {
      if (ttlMs !== undefined) assertWindowMs('ttlMs', ttlMs);
      assertOpen();
      const target = value.length > BULK_BYTES ? client.withCommandOptions({ timeout: BULK_TIMEOUT_MS }) : client;
      // A plain SET clears an earlier TTL, which is what callers of setValue(k, v) expect.
      if (ttlMs === undefined) await target.set(key(valueKey), value);
      else await target.set(key(valueKey), value, { expiration: { type: 'PX', value: ttlMs } });
    },

    async setValueIfAbsent(valueKey, value, ttlMs) {
      assertWindowMs('ttlMs', ttlMs);
      assertOpen();
      const reply = await client.set(key(valueKey), value, {
        condition: 'NX',
        expiration: { type: 'PX', value: ttlMs },
      });
      return reply === 'OK';
    },

    async deleteValue(valueKey) {
      assertOpen();
      return (await client.del(key(valueKey))) > 0;
    },

    async increment(counterKey, windowMs) {
      assertWindowMs('windowMs', windowMs);
      assertOpen();
      // EVAL (not EVALSHA): the script is tiny and Redis caches it by its digest anyway.
      const reply = await client.eval(INCREMENT_SCRIPT, { keys: [key(counterKey)], arguments: [String(windowMs)] });
      if (!isCountAndTtl(reply)) throw new Error('unexpected increment script reply shape');
      const [count, ttl] = reply;
      return { count, resetInMs: Math.max(0, ttl) };
    },

    async hashSet(hashKey, field, value) {
      assertOpen();
      await client.hSet(key(hashKey), field, value);
    },

    async hashCompareAndSet(hashKey, field, expected, value) {
      assertOpen();
      const reply = await client.eval(COMPARE_AND_SET_SCRIPT, {
        keys: [key(hashKey)],
        arguments: [field, expected ?? '', expected === null ? '1' : '0', value],
      });
      return reply === 1;
    },

    async hashGet(hashKey, field) {
      assertOpen();
      return client.hGet(key(hashKey), field);
    },

    async hashGetAll(hashKey) {
      assertOpen();
      // A null-prototype object from node-redis; callers get a plain one ({} when missing).
      return { ...(await client.hGetAll(key(hashKey))) };
    },

    async hashDelete(hashKey, field) {
      assertOpen();
      return (await client.hDel(key(hashKey), field)) > 0;
    },

    async ping() {
      if (isClosed) return false;
      try {
        // A half-open link never answers; the offline case is rejected at once.
        return (await withTimeout(client.ping(), PING_TIMEOUT_MS, 'PING')) === 'PONG';
      } catch {
        return false;
      }
    },

    close() {
      if (closing) return closing;
      isClosed = true;
      closing = (async () => {
        // Destroying (not closing) the readers rejects their blocking XREADs at once.
        for (const reader of readers) destroyQuietly(reader);
        readers.clear();
        idleReaders.length = 0;
        if (!client.isOpen) return;
        try {
          // close() lets in-flight appends finish; a dead link must not hold shutdown.
          await withTimeout(client.close(), CLOSE_TIMEOUT_MS, 'closing Redis');
        } catch (error) {
          logger.warn({ url: safeUrl, err: (error as Error).message }, 'redis connection did not close cleanly');
          client.unref();
        }
      })();
      return closing;
    },
  });
}
