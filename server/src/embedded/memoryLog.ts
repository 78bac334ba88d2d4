import { previousStreamId } from '@shared';
import type { EventLog, LogEntry, LogInfo } from '../stream/eventLog';
import { assertBlockMs, assertCount, assertWindowMs } from '../stream/logArguments';

/** A stream id split into its two unsigned 64-bit halves. */
interface ParsedId {
  ms: bigint;
  seq: bigint;
}

interface StoredEntry {
  id: string;
  parsed: ParsedId;
  fields: Record<string, string>;
}

interface MemoryStream {
  entries: StoredEntry[];
  /** Last generated id: survives trimming, like Redis' last-generated-id. */
  last: ParsedId;
  /** Entries ever appended, like Redis' entries-added. */
  added: number;
}

/**
 * One key of the key/value side, typed like a Redis key so misuse fails the same way.
 * `expiresAt` is a Date.now() timestamp, null when the key never expires.
 */
type StoredValue =
  | { type: 'string'; value: string; expiresAt: number | null }
  | { type: 'hash'; fields: Map<string, string>; expiresAt: null };

interface Waiter {
  after: ParsedId;
  count: number;
  finish(entries: LogEntry[]): void;
}

const MAX_U64 = 18446744073709551615n;
const ZERO: ParsedId = { ms: 0n, seq: 0n };
const ID_PATTERN = /^(\d{1,20})(?:-(\d{1,20}))?$/;
// Same texts as the Redis replies, so callers matching on messages see no difference.
const INVALID_ID = 'ERR Invalid stream ID specified as stream command argument';
const EMPTY_FIELDS = "ERR wrong number of arguments for 'xadd' command";
const WRONG_TYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const NOT_AN_INTEGER = 'ERR value is not an integer or out of range';
/** Expired keys are dropped when read, and in a sweep at most this often on writes. */
const SWEEP_INTERVAL_MS = 60_000;
// What Redis' INCR accepts: a canonical signed decimal, no sign on zero, no leading zeros.
const INTEGER_PATTERN = /^(?:0|-?[1-9]\d*)$/;

function compare(a: ParsedId, b: ParsedId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  return a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
}

function format(id: ParsedId): string {
  return `${id.ms}-${id.seq}`;
}

/**
 * Parses an id argument the way Redis does: '-' and '+' are the extremes, and a bare
 * "<ms>" gets `missingSeq` (0 for starts and cursors, the maximum for inclusive ends).
 */
function parseId(text: string, missingSeq: bigint): ParsedId {
  if (text === '-') return ZERO;
  if (text === '+') return { ms: MAX_U64, seq: MAX_U64 };
  const match = ID_PATTERN.exec(text);
  if (!match) throw new Error(INVALID_ID);
  const ms = BigInt(match[1] as string);
  const seq = match[2] === undefined ? missingSeq : BigInt(match[2]);
  if (ms > MAX_U64 || seq > MAX_U64) throw new Error(INVALID_ID);
  return { ms, seq };
}

/** Index of the first entry whose id is greater than `id` (or ≥ when `inclusive`). */
function lowerBound(entries: StoredEntry[], id: ParsedId, inclusive: boolean): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compare((entries[mid] as StoredEntry).parsed, id);
    if (order < 0 || (order === 0 && !inclusive)) low = mid + 1;
    else high = mid;
  }
  return low;
}

function toEntry(stored: StoredEntry): LogEntry {
  // A copy, so a caller mutating what it got back cannot rewrite history.
  return { id: stored.id, fields: { ...stored.fields } };
}

/**
 * The event log kept in process memory, for demo mode without Redis. It mirrors the
 * Redis stream semantics the contract suite checks: "<ms>-<seq>" ids that strictly
 * increase even when the clock steps back, exclusive/inclusive ranges, XTRIM MINID,
 * and a blocking `read` (blockMs 0 waits until an append or `close`, like XREAD BLOCK 0).
 * Nothing survives a restart.
 */
export function createMemoryLog(): EventLog {
  const streams = new Map<string, MemoryStream>();
  const values = new Map<string, StoredValue>();
  const waiters = new Map<string, Set<Waiter>>();
  let isClosed = false;
  let nextSweepAt = Date.now() + SWEEP_INTERVAL_MS;

  function assertOpen(): void {
    if (isClosed) throw new Error('event log is closed');
  }

  /** The key as Redis would see it at `now`: an expired key is gone (and dropped here). */
  function liveValue(key: string, now: number): StoredValue | undefined {
    const stored = values.get(key);
    if (stored?.expiresAt != null && stored.expiresAt <= now) {
      values.delete(key);
      return undefined;
    }
    return stored;
  }

  /**
   * Keys written with a TTL and never read again (one rate-limit counter per client)
   * would pile up with lazy expiry alone; a sweep on writes needs no timer to keep the
   * process alive or to stop on close.
   */
  function sweepExpired(now: number): void {
    if (now < nextSweepAt) return;
    nextSweepAt = now + SWEEP_INTERVAL_MS;
    for (const key of [...values.keys()]) liveValue(key, now);
  }

  function liveHash(key: string, now: number): Map<string, string> | undefined {
    const stored = liveValue(key, now);
    if (stored && stored.type !== 'hash') throw new Error(WRONG_TYPE);
    return stored?.fields;
  }

  function entriesAfter(stream: MemoryStream | undefined, after: ParsedId, count: number): LogEntry[] {
    if (!stream) return [];
    const start = lowerBound(stream.entries, after, false);
    return stream.entries.slice(start, start + count).map(toEntry);
  }

  function wakeReaders(name: string): void {
    const pending = waiters.get(name);
    if (!pending) return;
    const stream = streams.get(name);
    for (const waiter of pending) {
      const entries = entriesAfter(stream, waiter.after, waiter.count);
      if (entries.length > 0) waiter.finish(entries);
    }
  }

  return {
    kind: 'memory',

    async append(name, fields) {
      assertOpen();
      if (Object.keys(fields).length === 0) throw new Error(EMPTY_FIELDS);
      let stream = streams.get(name);
      if (!stream) {
        stream = { entries: [], last: ZERO, added: 0 };
        streams.set(name, stream);
      }
      // Redis' rule: a later millisecond starts at seq 0, otherwise the last id's ms is
      // kept and seq goes up, so ids never go backwards with the wall clock.
      const now = BigInt(Date.now());
      const parsed: ParsedId =
        now > stream.last.ms ? { ms: now, seq: 0n } : { ms: stream.last.ms, seq: stream.last.seq + 1n };
      const id = format(parsed);
      stream.entries.push({ id, parsed, fields: { ...fields } });
      stream.last = parsed;
      stream.added += 1;
      wakeReaders(name);
      return id;
    },

    async read(name, afterId, count, blockMs) {
      assertCount(count);
      assertBlockMs(blockMs);
      if (isClosed) return [];
      const stream = streams.get(name);
      const after = afterId === '$' ? (stream?.last ?? ZERO) : parseId(afterId, 0n);
      const ready = entriesAfter(stream, after, count);
      if (ready.length > 0) return ready;
      return new Promise<LogEntry[]>((resolve) => {
        let pending = waiters.get(name);
        if (!pending) {
          pending = new Set();
          waiters.set(name, pending);
        }
        const waiter: Waiter = {
          after,
          count,
          finish(entries) {
            if (timer) clearTimeout(timer);
            pending.delete(waiter);
            if (pending.size === 0 && waiters.get(name) === pending) waiters.delete(name);
            resolve(entries);
          },
        };
        const timer = blockMs > 0 ? setTimeout(() => waiter.finish([]), blockMs) : null;
        pending.add(waiter);
      });
    },

    async range(name, afterId, toId, count) {
      assertCount(count);
      assertOpen();
      const after = parseId(afterId, 0n);
      const to = parseId(toId, MAX_U64);
      const stream = streams.get(name);
      if (!stream) return [];
      const start = lowerBound(stream.entries, after, afterId === '-');
      const end = lowerBound(stream.entries, to, false);
      return stream.entries.slice(start, Math.min(end, start + count)).map(toEntry);
    },

    async rangeReverse(name, beforeId, count) {
      assertCount(count);
      assertOpen();
      const before = parseId(beforeId, MAX_U64);
      const stream = streams.get(name);
      if (!stream) return [];
      const end = lowerBound(stream.entries, before, false);
      return stream.entries
        .slice(Math.max(0, end - count), end)
        .reverse()
        .map(toEntry);
    },

    async info(name): Promise<LogInfo> {
      assertOpen();
      const stream = streams.get(name);
      if (!stream) return { length: 0, firstId: null, lastId: '0-0', maxDeletedId: '0-0' };
      const first = stream.entries[0];
      const lastId = format(stream.last);
      // Same bound as the Redis log computes (see redisLog.ts): trimming removes from the
      // front, so everything before the first survivor may be gone.
      const hasRemoved = stream.added > stream.entries.length;
      const maxDeletedId = !hasRemoved ? '0-0' : first ? previousStreamId(first.id) : lastId;
      return { length: stream.entries.length, firstId: first?.id ?? null, lastId, maxDeletedId };
    },

    async trim(name, minId) {
      assertOpen();
      const min = parseId(minId, 0n);
      const stream = streams.get(name);
      if (!stream) return 0;
      const removed = lowerBound(stream.entries, min, true);
      stream.entries.splice(0, removed);
      return removed;
    },

    async getValue(key) {
      assertOpen();
      const stored = liveValue(key, Date.now());
      if (!stored) return null;
      if (stored.type !== 'string') throw new Error(WRONG_TYPE);
      return stored.value;
    },

    async setValue(key, value, ttlMs) {
      if (ttlMs !== undefined) assertWindowMs('ttlMs', ttlMs);
      assertOpen();
      const now = Date.now();
      sweepExpired(now);
      // Like SET: replaces whatever was there, and without a TTL clears an earlier one.
      values.set(key, { type: 'string', value, expiresAt: ttlMs === undefined ? null : now + ttlMs });
    },

    async setValueIfAbsent(key, value, ttlMs) {
      assertWindowMs('ttlMs', ttlMs);
      assertOpen();
      const now = Date.now();
      sweepExpired(now);
      if (liveValue(key, now)) return false;
      values.set(key, { type: 'string', value, expiresAt: now + ttlMs });
      return true;
    },

    async deleteValue(key) {
      assertOpen();
      return liveValue(key, Date.now()) !== undefined && values.delete(key);
    },

    async increment(key, windowMs) {
      assertWindowMs('windowMs', windowMs);
      assertOpen();
      const now = Date.now();
      sweepExpired(now);
      const stored = liveValue(key, now);
      if (stored && stored.type !== 'string') throw new Error(WRONG_TYPE);
      const count = stored ? Number(stored.value) + 1 : 1;
      if (stored && (!INTEGER_PATTERN.test(stored.value) || !Number.isSafeInteger(count))) {
        throw new Error(NOT_AN_INTEGER);
      }
      // The window starts with the first hit (or on a key that had no TTL), as in redisLog.
      const expiresAt = stored?.expiresAt ?? now + windowMs;
      values.set(key, { type: 'string', value: String(count), expiresAt });
      return { count, resetInMs: expiresAt - now };
    },

    async hashSet(key, field, value) {
      assertOpen();
      const now = Date.now();
      sweepExpired(now);
      const fields = liveHash(key, now);
      if (fields) fields.set(field, value);
      else values.set(key, { type: 'hash', fields: new Map([[field, value]]), expiresAt: null });
    },

    async hashCompareAndSet(key, field, expected, value) {
      assertOpen();
      // Single-threaded: the check and the set cannot interleave with another call.
      const now = Date.now();
      const fields = liveHash(key, now);
      if ((fields?.get(field) ?? null) !== expected) return false;
      if (fields) fields.set(field, value);
      else values.set(key, { type: 'hash', fields: new Map([[field, value]]), expiresAt: null });
      return true;
    },

    async hashGet(key, field) {
      assertOpen();
      return liveHash(key, Date.now())?.get(field) ?? null;
    },

    async hashGetAll(key) {
      assertOpen();
      // fromEntries defines own properties, so a field named "__proto__" stays a field.
      return Object.fromEntries(liveHash(key, Date.now()) ?? []);
    },

    async hashDelete(key, field) {
      assertOpen();
      const fields = liveHash(key, Date.now());
      if (!fields?.delete(field)) return false;
      // Redis removes a hash with its last field.
      if (fields.size === 0) values.delete(key);
      return true;
    },

    async ping() {
      return !isClosed;
    },

    async close() {
      isClosed = true;
      for (const pending of [...waiters.values()]) {
        for (const waiter of [...pending]) waiter.finish([]);
      }
      waiters.clear();
    },
  };
}
