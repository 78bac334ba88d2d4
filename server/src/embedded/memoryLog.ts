import { previousStreamId } from '@shared';
import type { EventLog, LogEntry, LogInfo } from '../stream/eventLog';

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

function assertCount(count: number): void {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
}

function assertBlockMs(blockMs: number): void {
  if (!Number.isInteger(blockMs) || blockMs < 0)
    throw new RangeError(`blockMs must be a non-negative integer, got ${blockMs}`);
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
  const values = new Map<string, string>();
  const waiters = new Map<string, Set<Waiter>>();
  let isClosed = false;

  function assertOpen(): void {
    if (isClosed) throw new Error('event log is closed');
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
      return values.get(key) ?? null;
    },

    async setValue(key, value) {
      assertOpen();
      values.set(key, value);
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
