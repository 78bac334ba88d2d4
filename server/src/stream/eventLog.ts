/**
 * The store behind Ortalyq: Redis streams and keys in production, an in-memory copy in demo
 * mode without Redis. Both implementations pass the same contract suites (stream and
 * key-value, test/integration/eventLogContract.test.ts), so nothing above these interfaces
 * can tell them apart. Ids are Redis stream ids ("<ms>-<seq>"), strictly increasing.
 */

/**
 * The log's store cannot be reached right now (Redis down, connection lost): the request
 * may succeed later. HTTP answers 503 `unavailable`; the tail retries from its cursor.
 */
export class LogUnavailableError extends Error {
  override name = 'LogUnavailableError';
}

export interface LogEntry {
  id: string;
  fields: Record<string, string>;
}

/** Where the log is and what is in it. */
export interface LogInfo {
  length: number;
  /** Id of the oldest entry still in the log, null when empty. */
  firstId: string | null;
  /** Id of the newest entry ever appended (survives trimming), '0-0' when none. */
  lastId: string;
  /**
   * An upper bound of the highest id ever removed, '0-0' when none was. Redis 7.0 does
   * not update XINFO's max-deleted-entry-id on XTRIM, so when entries-added exceeds the
   * length this is the id just before the first remaining entry. A reader whose cursor
   * is below it may have missed entries (and gets a snapshot instead of a replay).
   */
  maxDeletedId: string;
}

/** The append-only streams: events, dead letters, audit (XADD, XREAD, XRANGE, XTRIM, XINFO). */
export interface StreamLog {
  /** Appends an entry to `stream` (a key suffix from keys.ts); resolves to its id. */
  append(stream: string, fields: Record<string, string>): Promise<string>;
  /**
   * Entries of `stream` strictly after `afterId`, oldest first, at most `count`.
   * When there are none, waits up to `blockMs` for new ones (XREAD BLOCK); resolves to
   * [] on timeout. Must not delay the other methods while it waits.
   */
  read(stream: string, afterId: string, count: number, blockMs: number): Promise<LogEntry[]>;
  /** Entries with `afterId` < id ≤ `toId` ('+' = newest), oldest first, at most `count`. */
  range(stream: string, afterId: string, toId: string, count: number): Promise<LogEntry[]>;
  /** Entries with id ≤ `beforeId`, newest first, at most `count` (for the health panel). */
  rangeReverse(stream: string, beforeId: string, count: number): Promise<LogEntry[]>;
  info(stream: string): Promise<LogInfo>;
  /** Drops entries with ids below `minId` (XTRIM MINID); resolves to how many went. */
  trim(stream: string, minId: string): Promise<number>;
}

/**
 * The small key/value store beside the streams (snapshots, sessions, users, kiosk tokens,
 * idempotency claims, rate-limit counters). Keys are suffixes from keys.ts.
 */
export interface KeyValueStore {
  getValue(key: string): Promise<string | null>;
  /** Sets a value; with `ttlMs` it disappears after that long (PX). */
  setValue(key: string, value: string, ttlMs?: number): Promise<void>;
  /**
   * Sets a value only when the key holds none (SET NX PX), atomically across nodes;
   * resolves to whether it was set (idempotency keys, one-time claims).
   */
  setValueIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes a value; resolves to whether it existed. */
  deleteValue(key: string): Promise<boolean>;
  /**
   * Counts a hit in a fixed window (rate limits): INCR, and on the first hit PEXPIRE
   * `windowMs`. Resolves to the count so far and the ms until the window resets.
   */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Hash fields (users, kiosk tokens): HSET / HGET / HGETALL / HDEL. */
  hashSet(key: string, field: string, value: string): Promise<void>;
  hashGet(key: string, field: string): Promise<string | null>;
  hashGetAll(key: string): Promise<Record<string, string>>;
  hashDelete(key: string, field: string): Promise<boolean>;
  /**
   * Sets a hash field only if it still holds `expected` (null: only if absent), atomically;
   * resolves to whether it was set. Read-modify-write without lost updates across nodes.
   */
  hashCompareAndSet(key: string, field: string, expected: string | null, value: string): Promise<boolean>;
}

/**
 * One connection to the store, serving both interfaces (one Redis, or one in-memory copy).
 * Modules take the narrowest one they use: `StreamLog` to read or append entries,
 * `KeyValueStore` for values and hashes; only wiring (index.ts, app.ts) holds the whole log.
 */
export interface EventLog extends StreamLog, KeyValueStore {
  /** 'redis' or 'memory', for the health panel and the start-up banner. */
  readonly kind: 'redis' | 'memory';
  /** True when the backing store answers. */
  ping(): Promise<boolean>;
  /** Closes connections (or stops waiting readers); pending `read`s resolve to []. */
  close(): Promise<void>;
}
