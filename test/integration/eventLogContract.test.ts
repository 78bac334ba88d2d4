import net, { type AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compareStreamIds, previousStreamId } from '@shared';
import { createMemoryLog } from '../../server/src/embedded/memoryLog';
import { createSilentLogger } from '../../server/src/logger';
import type { EventLog, KeyValueStore, LogEntry } from '../../server/src/stream/eventLog';
import { createRedisLog } from '../../server/src/stream/redisLog';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis';

const prefix = uniquePrefix('eventLog');
const logger = createSilentLogger();

afterAll(async () => {
  await deletePrefix(testRedisUrl(), prefix);
});

interface Backend {
  name: string;
  open(): Promise<EventLog>;
}

const backends: Backend[] = [
  { name: 'redis', open: () => createRedisLog({ url: testRedisUrl(), prefix, logger }) },
  { name: 'memory', open: async () => createMemoryLog() },
];

let streamCounter = 0;
/** Every test writes its own stream, so no test sees another's entries. */
function freshStream(): string {
  streamCounter += 1;
  return `s${streamCounter}`;
}

function since(startedAt: number): number {
  return performance.now() - startedAt;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Tracks whether a promise has settled, without awaiting it. */
function watch<T>(promise: Promise<T>): { promise: Promise<T>; isSettled(): boolean } {
  let isSettled = false;
  const tracked = promise.finally(() => {
    isSettled = true;
  });
  return { promise: tracked, isSettled: () => isSettled };
}

const ids = (entries: LogEntry[]): string[] => entries.map((entry) => entry.id);

describe.each(backends)('StreamLog contract (and the connection): $name', ({ name, open }) => {
  let log: EventLog;

  beforeAll(async () => {
    log = await open();
  });

  afterAll(async () => {
    await log.close();
  });

  async function appendMany(stream: string, count: number): Promise<string[]> {
    const appended: string[] = [];
    for (let n = 0; n < count; n += 1) appended.push(await log.append(stream, { n: String(n) }));
    return appended;
  }

  it('reports its kind', () => {
    expect(log.kind).toBe(name);
  });

  it('append resolves to strictly increasing "<ms>-<seq>" ids near the clock', async () => {
    const before = Date.now();
    const appended = await Promise.all(
      Array.from({ length: 50 }, (_, n) => log.append(freshStream(), { n: String(n) })),
    );
    const stream = freshStream();
    const sequential = await appendMany(stream, 50);
    for (const id of [...appended, ...sequential]) {
      expect(id).toMatch(/^\d+-\d+$/);
      expect(Number(id.split('-')[0])).toBeGreaterThanOrEqual(before - 5);
      expect(Number(id.split('-')[0])).toBeLessThanOrEqual(Date.now() + 5);
    }
    for (let i = 1; i < sequential.length; i += 1) {
      expect(compareStreamIds(sequential[i - 1] as string, sequential[i] as string)).toBeLessThan(0);
    }
  });

  it('read returns the entries after a cursor, oldest first, with exact fields', async () => {
    const stream = freshStream();
    const fields: Array<Record<string, string>> = [
      { event: '{"v":1,"id":"a"}', note: 'Нет отопления — қала\nline two', empty: '' },
      { event: '{"v":1,"id":"b"}' },
      { event: '{"v":1,"id":"c"}', '10': 'numeric-looking field name' },
    ];
    const appended: string[] = [];
    for (const f of fields) appended.push(await log.append(stream, f));

    const all = await log.read(stream, '0-0', 10, 100);
    expect(all).toEqual(appended.map((id, i) => ({ id, fields: fields[i] })));
    expect(Object.getPrototypeOf(all[0]?.fields)).toBe(Object.prototype);
    expect(ids(await log.read(stream, appended[0] as string, 10, 100))).toEqual(appended.slice(1));
    expect(ids(await log.read(stream, '0-0', 2, 100))).toEqual(appended.slice(0, 2));
  });

  it('read with nothing new waits about blockMs, then resolves to []', async () => {
    const stream = freshStream();
    const [last] = await appendMany(stream, 1);
    let startedAt = performance.now();
    expect(await log.read(stream, last as string, 10, 300)).toEqual([]);
    expect(since(startedAt)).toBeGreaterThanOrEqual(250);
    expect(since(startedAt)).toBeLessThan(2000);

    startedAt = performance.now();
    expect(await log.read(freshStream(), '0-0', 10, 200)).toEqual([]);
    expect(since(startedAt)).toBeGreaterThanOrEqual(150);
  });

  it('a blocked read is woken by an append, long before blockMs', async () => {
    const stream = freshStream();
    const [last] = await appendMany(stream, 1);
    const startedAt = performance.now();
    const reading = log.read(stream, last as string, 10, 10_000);
    await sleep(100);
    const id = await log.append(stream, { event: 'late' });
    expect(await reading).toEqual([{ id, fields: { event: 'late' } }]);
    expect(since(startedAt)).toBeLessThan(2000);
  });

  it('a blocked read does not delay the other methods', async () => {
    const blocked = freshStream();
    const other = freshStream();
    const [cursor] = await appendMany(blocked, 1);
    const reading = watch(log.read(blocked, cursor as string, 10, 10_000));
    await sleep(50);

    const startedAt = performance.now();
    const id = await log.append(other, { n: '1' });
    expect(ids(await log.range(other, '0-0', '+', 10))).toEqual([id]);
    expect(ids(await log.rangeReverse(other, '+', 10))).toEqual([id]);
    expect((await log.info(other)).lastId).toBe(id);
    await log.setValue(`${other}:value`, 'v');
    expect(await log.getValue(`${other}:value`)).toBe('v');
    expect(await log.ping()).toBe(true);
    expect(since(startedAt)).toBeLessThan(1000);
    expect(reading.isSettled()).toBe(false);

    const woke = await log.append(blocked, { n: 'wake' });
    expect(ids(await reading.promise)).toEqual([woke]);
  });

  it('two blocked reads do not hold each other up', async () => {
    const first = freshStream();
    const second = freshStream();
    const readingFirst = watch(log.read(first, '0-0', 10, 10_000));
    const readingSecond = log.read(second, '0-0', 10, 10_000);
    await sleep(50);
    const startedAt = performance.now();
    const id = await log.append(second, { n: '1' });
    expect(ids(await readingSecond)).toEqual([id]);
    expect(since(startedAt)).toBeLessThan(1000);
    expect(readingFirst.isSettled()).toBe(false);
    const other = await log.append(first, { n: '1' });
    expect(ids(await readingFirst.promise)).toEqual([other]);
  });

  it('range excludes afterId, includes toId, honours "+" and count', async () => {
    const stream = freshStream();
    const a = await appendMany(stream, 5);
    const at = (i: number) => a[i] as string;
    expect(ids(await log.range(stream, at(0), at(3), 10))).toEqual([at(1), at(2), at(3)]);
    expect(ids(await log.range(stream, at(0), '+', 2))).toEqual([at(1), at(2)]);
    expect(ids(await log.range(stream, '0-0', '+', 100))).toEqual(a);
    expect(ids(await log.range(stream, '-', at(1), 100))).toEqual([at(0), at(1)]);
    expect(await log.range(stream, at(4), '+', 10)).toEqual([]);
    expect(await log.range(stream, at(3), at(1), 10)).toEqual([]);
    expect(await log.range(freshStream(), '0-0', '+', 10)).toEqual([]);
    // How the API reads one entry by id.
    expect(ids(await log.range(stream, previousStreamId(at(2)), at(2), 1))).toEqual([at(2)]);
  });

  it('ids without a sequence part mean seq 0 as a start and the last seq as an end', async () => {
    const stream = freshStream();
    const a = await appendMany(stream, 3);
    const lastMs = (a[2] as string).split('-')[0] as string;
    expect(ids(await log.range(stream, '0', lastMs, 10))).toEqual(a);
    expect(ids(await log.rangeReverse(stream, lastMs, 1))).toEqual([a[2]]);
    expect(ids(await log.read(stream, '0', 10, 100))).toEqual(a);
  });

  it('rangeReverse returns entries up to beforeId, newest first, at most count', async () => {
    const stream = freshStream();
    const a = await appendMany(stream, 4);
    expect(ids(await log.rangeReverse(stream, '+', 2))).toEqual([a[3], a[2]]);
    expect(ids(await log.rangeReverse(stream, a[2] as string, 10))).toEqual([a[2], a[1], a[0]]);
    expect(await log.rangeReverse(freshStream(), '+', 10)).toEqual([]);
  });

  it('info describes missing, filled and trimmed streams; lastId survives trimming', async () => {
    const stream = freshStream();
    expect(await log.info(stream)).toEqual({ length: 0, firstId: null, lastId: '0-0', maxDeletedId: '0-0' });

    const a = await appendMany(stream, 3);
    expect(await log.info(stream)).toEqual({ length: 3, firstId: a[0], lastId: a[2], maxDeletedId: '0-0' });

    expect(await log.trim(stream, a[2] as string)).toBe(2);
    const trimmed = await log.info(stream);
    expect(trimmed).toMatchObject({ length: 1, firstId: a[2], lastId: a[2] });
    // An upper bound of what went: at least the last trimmed id, below the first survivor.
    expect(compareStreamIds(trimmed.maxDeletedId, a[1] as string)).toBeGreaterThanOrEqual(0);
    expect(compareStreamIds(trimmed.maxDeletedId, a[2] as string)).toBeLessThan(0);

    const pastLast = `${Number((a[2] as string).split('-')[0]) + 1}-0`;
    expect(await log.trim(stream, pastLast)).toBe(1);
    expect(await log.info(stream)).toEqual({ length: 0, firstId: null, lastId: a[2], maxDeletedId: a[2] });
    const next = await log.append(stream, { n: 'after trim' });
    expect(compareStreamIds(next, a[2] as string)).toBeGreaterThan(0);
    expect(ids(await log.read(stream, a[2] as string, 10, 100))).toEqual([next]);
  });

  it('trim resolves to how many entries went, 0 when none or no stream', async () => {
    const stream = freshStream();
    const a = await appendMany(stream, 4);
    expect(await log.trim(stream, a[0] as string)).toBe(0);
    expect(await log.trim(stream, a[2] as string)).toBe(2);
    expect(await log.trim(stream, a[2] as string)).toBe(0);
    expect(ids(await log.range(stream, '0-0', '+', 10))).toEqual([a[2], a[3]]);
    expect(await log.trim(freshStream(), '1-0')).toBe(0);
  });

  it('ping answers true while open', async () => {
    expect(await log.ping()).toBe(true);
  });

  it('rejects what Redis rejects: bad ids, no fields; and non-positive counts', async () => {
    const stream = freshStream();
    await appendMany(stream, 1);
    await expect(log.range(stream, 'nope', '+', 10)).rejects.toThrow(/Invalid stream ID/);
    await expect(log.read(stream, '1-x', 10, 10)).rejects.toThrow(/Invalid stream ID/);
    await expect(log.append(stream, {})).rejects.toThrow(/wrong number of arguments/);
    await expect(log.range(stream, '0-0', '+', 0)).rejects.toThrow(RangeError);
    await expect(log.read(stream, '0-0', 10, -1)).rejects.toThrow(RangeError);
  });

  it('close makes a pending read resolve to [] promptly; a closed log pings false', async () => {
    const own = await open();
    const stream = freshStream();
    const reading = own.read(stream, '0-0', 10, 10_000);
    await sleep(100);
    const startedAt = performance.now();
    await own.close();
    expect(await reading).toEqual([]);
    expect(since(startedAt)).toBeLessThan(1000);
    expect(await own.ping()).toBe(false);
    expect(await own.read(stream, '0-0', 10, 10_000)).toEqual([]);
    await expect(own.append(stream, { n: '1' })).rejects.toThrow(/closed/);
    await own.close();
  });
});

describe.each(backends)('KeyValueStore contract: $name', ({ open }) => {
  let owner: EventLog;
  /** Only the key-value side: what sessions, users, idempotency and rate limits are given. */
  let log: KeyValueStore;

  beforeAll(async () => {
    owner = await open();
    log = owner;
  });

  afterAll(async () => {
    await owner.close();
  });

  it('getValue/setValue keep one string per key', async () => {
    const key = `${freshStream()}:snapshot`;
    expect(await log.getValue(key)).toBeNull();
    await log.setValue(key, '{"v":1}');
    expect(await log.getValue(key)).toBe('{"v":1}');
    await log.setValue(key, 'ещё раз');
    expect(await log.getValue(key)).toBe('ещё раз');
  });

  it('setValue with ttlMs makes the value disappear after that long', async () => {
    const key = `${freshStream()}:session`;
    await log.setValue(key, 'token', 150);
    expect(await log.getValue(key)).toBe('token');
    await sleep(250);
    expect(await log.getValue(key)).toBeNull();
    expect(await log.deleteValue(key)).toBe(false);
  });

  it('setValueIfAbsent sets only an absent key, once among racing callers, and expires', async () => {
    const key = `${freshStream()}:claim`;
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((v) => log.setValueIfAbsent(key, v, 200)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ['a', 'b', 'c', 'd'][results.indexOf(true)];
    expect(await log.getValue(key)).toBe(winner);
    expect(await log.setValueIfAbsent(key, 'late', 200)).toBe(false);
    await sleep(300);
    expect(await log.getValue(key)).toBeNull();
    expect(await log.setValueIfAbsent(key, 'again', 200)).toBe(true);
    expect(await log.getValue(key)).toBe('again');
  });

  it('setValue without ttlMs persists, and clears the TTL of an earlier setValue', async () => {
    const kept = `${freshStream()}:kept`;
    const renewed = `${freshStream()}:renewed`;
    await log.setValue(kept, 'forever');
    await log.setValue(renewed, 'short-lived', 150);
    await log.setValue(renewed, 'now forever');
    await sleep(250);
    expect(await log.getValue(kept)).toBe('forever');
    expect(await log.getValue(renewed)).toBe('now forever');
  });

  it('deleteValue resolves to whether the key existed', async () => {
    const key = `${freshStream()}:value`;
    await log.setValue(key, 'v');
    expect(await log.deleteValue(key)).toBe(true);
    expect(await log.getValue(key)).toBeNull();
    expect(await log.deleteValue(key)).toBe(false);
    expect(await log.deleteValue(`${freshStream()}:never-set`)).toBe(false);
  });

  it('increment counts hits in a fixed window that starts with the first hit', async () => {
    const key = `${freshStream()}:hits`;
    const windowMs = 300;
    const hits = [
      await log.increment(key, windowMs),
      await log.increment(key, windowMs),
      await log.increment(key, windowMs),
    ];
    expect(hits.map((hit) => hit.count)).toEqual([1, 2, 3]);
    for (const { resetInMs } of hits) {
      expect(resetInMs).toBeGreaterThan(0);
      expect(resetInMs).toBeLessThanOrEqual(windowMs);
    }
    // Later hits do not push the window out.
    expect((hits[2] as { resetInMs: number }).resetInMs).toBeLessThanOrEqual(
      (hits[0] as { resetInMs: number }).resetInMs,
    );

    await sleep((hits[2] as { resetInMs: number }).resetInMs + 100);
    const next = await log.increment(key, windowMs);
    expect(next.count).toBe(1);
    expect(next.resetInMs).toBeGreaterThan(0);
    expect(next.resetInMs).toBeLessThanOrEqual(windowMs);
  });

  it('concurrent increments on a new key are all counted, each once', async () => {
    const key = `${freshStream()}:burst`;
    const hits = await Promise.all(Array.from({ length: 20 }, () => log.increment(key, 10_000)));
    const counts = hits.map((hit) => hit.count).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    for (const { resetInMs } of hits) {
      expect(resetInMs).toBeGreaterThan(0);
      expect(resetInMs).toBeLessThanOrEqual(10_000);
    }
  });

  it('increment gives a window to a counter that was set without one', async () => {
    const key = `${freshStream()}:preset`;
    await log.setValue(key, '5');
    const hit = await log.increment(key, 10_000);
    expect(hit.count).toBe(6);
    expect(hit.resetInMs).toBeGreaterThan(0);
    expect(hit.resetInMs).toBeLessThanOrEqual(10_000);
    expect(await log.getValue(key)).toBe('6');
  });

  it('hashSet/hashGet/hashGetAll/hashDelete keep fields per key; missing is null or {}', async () => {
    const key = `${freshStream()}:users`;
    expect(await log.hashGet(key, 'alice')).toBeNull();
    expect(await log.hashGetAll(key)).toEqual({});
    expect(await log.hashDelete(key, 'alice')).toBe(false);

    await log.hashSet(key, 'alice', '{"role":"operator"}');
    await log.hashSet(key, 'bob', 'Әлия — қала');
    await log.hashSet(key, 'alice', '{"role":"admin"}');
    await log.hashSet(key, '__proto__', 'just a field');
    expect(await log.hashGet(key, 'alice')).toBe('{"role":"admin"}');
    expect(await log.hashGet(key, 'carol')).toBeNull();
    const all = await log.hashGetAll(key);
    expect(Object.getPrototypeOf(all)).toBe(Object.prototype);
    expect(Object.entries(all).sort()).toEqual([
      ['__proto__', 'just a field'],
      ['alice', '{"role":"admin"}'],
      ['bob', 'Әлия — қала'],
    ]);

    expect(await log.hashDelete(key, 'alice')).toBe(true);
    expect(await log.hashDelete(key, 'alice')).toBe(false);
    expect(await log.hashGet(key, 'alice')).toBeNull();
    expect(await log.hashDelete(key, '__proto__')).toBe(true);
    expect(await log.hashGetAll(key)).toEqual({ bob: 'Әлия — қала' });
    expect(await log.deleteValue(key)).toBe(true);
    expect(await log.hashGetAll(key)).toEqual({});
  });

  it('rejects what Redis rejects on values: wrong types, non-integer counters; and bad TTLs', async () => {
    const text = `${freshStream()}:text`;
    const hash = `${freshStream()}:hash`;
    await log.setValue(text, 'not a number');
    await log.hashSet(hash, 'f', 'v');
    await expect(log.getValue(hash)).rejects.toThrow(/WRONGTYPE/);
    await expect(log.hashGet(text, 'f')).rejects.toThrow(/WRONGTYPE/);
    await expect(log.hashSet(text, 'f', 'v')).rejects.toThrow(/WRONGTYPE/);
    await expect(log.increment(hash, 1000)).rejects.toThrow(/WRONGTYPE/);
    await expect(log.increment(text, 1000)).rejects.toThrow(/not an integer/);
    await expect(log.setValue(text, 'v', 0)).rejects.toThrow(RangeError);
    await expect(log.setValue(text, 'v', 1.5)).rejects.toThrow(RangeError);
    await expect(log.increment(text, 0)).rejects.toThrow(RangeError);
    expect(await log.getValue(text)).toBe('not a number');
  });

  it('a closed log rejects the key/value and hash methods', async () => {
    const own = await open();
    const key = `${freshStream()}:closed`;
    await own.close();
    await expect(own.getValue(key)).rejects.toThrow('event log is closed');
    await expect(own.setValue(key, 'v')).rejects.toThrow('event log is closed');
    await expect(own.setValue(key, 'v', 1000)).rejects.toThrow('event log is closed');
    await expect(own.deleteValue(key)).rejects.toThrow('event log is closed');
    await expect(own.increment(key, 1000)).rejects.toThrow('event log is closed');
    await expect(own.hashSet(key, 'f', 'v')).rejects.toThrow('event log is closed');
    await expect(own.hashGet(key, 'f')).rejects.toThrow('event log is closed');
    await expect(own.hashGetAll(key)).rejects.toThrow('event log is closed');
    await expect(own.hashDelete(key, 'f')).rejects.toThrow('event log is closed');
  });
});

describe('memory log only', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('ids strictly increase within one millisecond and when the clock steps back', async () => {
    const log = createMemoryLog();
    const now = vi.spyOn(Date, 'now').mockReturnValue(1000);
    const sameMs = [
      await log.append('s', { n: '1' }),
      await log.append('s', { n: '2' }),
      await log.append('s', { n: '3' }),
    ];
    expect(sameMs).toEqual(['1000-0', '1000-1', '1000-2']);
    now.mockReturnValue(900);
    expect(await log.append('s', { n: '4' })).toBe('1000-3');
    now.mockReturnValue(2000);
    expect(await log.append('s', { n: '5' })).toBe('2000-0');
    // Sequences are per stream, as in Redis.
    expect(await log.append('other', { n: '1' })).toBe('2000-0');
    await log.close();
  });

  it('expires values and counter windows exactly at their deadline on the clock', async () => {
    const log = createMemoryLog();
    const now = vi.spyOn(Date, 'now').mockReturnValue(1000);
    await log.setValue('v', 'x', 500);
    expect(await log.increment('c', 500)).toEqual({ count: 1, resetInMs: 500 });
    now.mockReturnValue(1499);
    expect(await log.getValue('v')).toBe('x');
    expect(await log.increment('c', 500)).toEqual({ count: 2, resetInMs: 1 });
    now.mockReturnValue(1500);
    expect(await log.getValue('v')).toBeNull();
    expect(await log.increment('c', 500)).toEqual({ count: 1, resetInMs: 500 });
    await log.close();
  });

  it('hands out copies, so callers cannot rewrite the log', async () => {
    const log = createMemoryLog();
    const fields = { event: 'original' };
    await log.append('s', fields);
    fields.event = 'changed by the producer';
    const [entry] = await log.range('s', '0-0', '+', 1);
    (entry as LogEntry).fields.event = 'changed by a reader';
    expect((await log.range('s', '0-0', '+', 1))[0]?.fields).toEqual({ event: 'original' });
    await log.close();
  });
});

describe('redis log only: keys', () => {
  it('puts values, counters and hashes under `${prefix}:`, with their TTLs', async () => {
    const log = await createRedisLog({ url: testRedisUrl(), prefix, logger });
    const raw = createClient({ url: testRedisUrl() });
    raw.on('error', () => {
      // The commands below reject on their own.
    });
    await raw.connect();
    try {
      const base = freshStream();
      await log.setValue(`${base}:plain`, 'v');
      await log.setValue(`${base}:ttl`, 'v', 10_000);
      await log.increment(`${base}:hits`, 10_000);
      await log.hashSet(`${base}:hash`, 'f', 'v');

      expect(await raw.get(`${prefix}:${base}:plain`)).toBe('v');
      expect(await raw.pTTL(`${prefix}:${base}:plain`)).toBe(-1);
      expect(await raw.get(`${prefix}:${base}:ttl`)).toBe('v');
      expect(await raw.pTTL(`${prefix}:${base}:ttl`)).toBeGreaterThan(9000);
      expect(await raw.get(`${prefix}:${base}:hits`)).toBe('1');
      expect(await raw.pTTL(`${prefix}:${base}:hits`)).toBeGreaterThan(9000);
      expect(await raw.hGet(`${prefix}:${base}:hash`, 'f')).toBe('v');
      expect(await raw.exists(`${base}:plain`)).toBe(0);

      expect(await log.deleteValue(`${base}:plain`)).toBe(true);
      expect(await raw.exists(`${prefix}:${base}:plain`)).toBe(0);
    } finally {
      raw.destroy();
      await log.close();
    }
  });
});

/** A TCP relay to the test Redis that can be cut and restored, to play an outage. */
async function startRelay(): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void> }> {
  const target = new URL(testRedisUrl());
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const relay = net.createServer((inbound) => {
        const outbound = net.connect(Number(target.port || 6379), target.hostname);
        const drop = () => {
          inbound.destroy();
          outbound.destroy();
          sockets.delete(inbound);
          sockets.delete(outbound);
        };
        for (const socket of [inbound, outbound]) {
          sockets.add(socket);
          socket.on('error', drop).on('close', drop);
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      relay.once('error', reject);
      relay.listen(port, '127.0.0.1', () => {
        port = (relay.address() as AddressInfo).port;
        server = relay;
        resolve();
      });
    });
  await listen();
  const url = new URL(testRedisUrl());
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut: () =>
      new Promise<void>((resolve) => {
        server?.close(() => resolve());
        server = null;
        for (const socket of sockets) socket.destroy();
      }),
    restore: listen,
  };
}

async function eventually<T>(attempt: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await attempt();
      if (isDone(value)) return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe('redis log only: outages', () => {
  it('fails fast while Redis is away, never crashes, and reads again once it is back', async () => {
    const relay = await startRelay();
    const log = await createRedisLog({ url: relay.url, prefix, logger });
    const producer = await createRedisLog({ url: testRedisUrl(), prefix, logger });
    try {
      const stream = freshStream();
      const first = await log.append(stream, { n: '1' });
      const pending = log.read(stream, first, 10, 10_000);
      await sleep(50);

      await relay.cut();
      await expect(pending).rejects.toThrow();
      let startedAt = performance.now();
      await expect(log.append(stream, { n: 'lost' })).rejects.toThrow();
      await expect(log.range(stream, '0-0', '+', 10)).rejects.toThrow();
      await expect(log.read(stream, first, 10, 1000)).rejects.toThrow();
      expect(since(startedAt)).toBeLessThan(500);
      startedAt = performance.now();
      expect(await log.ping()).toBe(false);
      expect(since(startedAt)).toBeLessThan(1500);

      // Someone else keeps writing while this node is cut off.
      const second = await producer.append(stream, { n: '2' });
      await relay.restore();
      await eventually(
        () => log.ping(),
        (ok) => ok,
        5000,
      );
      // The tail just calls read again after an error, from the same cursor.
      const entries = await eventually(
        () => log.read(stream, first, 10, 100),
        (got) => got.length > 0,
        5000,
      );
      expect(entries).toEqual([{ id: second, fields: { n: '2' } }]);
      expect(ids(await log.range(stream, '0-0', '+', 10))).toEqual([first, second]);
    } finally {
      await log.close();
      await producer.close();
    }
  });

  it('rejects with a clear error when nothing answers at start-up', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const startedAt = performance.now();
    await expect(createRedisLog({ url: `redis://:secret@127.0.0.1:${port}`, prefix, logger })).rejects.toThrow(
      new RegExp(`cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}`),
    );
    expect(since(startedAt)).toBeLessThan(9000);
  });
});

describe.each(backends)('KeyValueStore compare-and-set: $name', ({ open }) => {
  it('sets only when the field still holds the expected value (null = absent)', async () => {
    const log = await open();
    try {
      const key = `cas-${freshStream()}`;
      expect(await log.hashCompareAndSet(key, 'f', null, 'v1')).toBe(true);
      expect(await log.hashCompareAndSet(key, 'f', null, 'other')).toBe(false);
      expect(await log.hashCompareAndSet(key, 'f', 'stale', 'v2')).toBe(false);
      expect(await log.hashCompareAndSet(key, 'f', 'v1', 'v2')).toBe(true);
      expect(await log.hashGet(key, 'f')).toBe('v2');
    } finally {
      await log.close();
    }
  });

  it('lets exactly one of many concurrent writers win each round', async () => {
    const log = await open();
    try {
      const key = `cas-${freshStream()}`;
      await log.hashSet(key, 'f', 'start');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => log.hashCompareAndSet(key, 'f', 'start', `w${i}`)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      await log.close();
    }
  });
});
