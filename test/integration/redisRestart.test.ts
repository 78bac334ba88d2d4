import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareStreamIds } from '@shared';
import { startRedisChild, type RedisChild } from '../../server/src/embedded/redisChild';
import { createSilentLogger } from '../../server/src/logger';
import type { ChildProcess } from 'node:child_process';
import type { Role } from '@shared';
import { createUserStore } from '../../server/src/auth/userStore';
import { createRedisLog } from '../../server/src/stream/redisLog';
import type { EventLog } from '../../server/src/stream/eventLog';
import { waitFor } from '../support/events';
import { connectLiveClient } from '../support/liveClient';
import { startServerProcess } from '../support/serverProcess';

/**
 * Issue "Delivery guarantees", scenario 2: Redis (AOF on) stops for 10 s under API writes.
 * A private redis-server on a fixed port, so the server's connections find it again.
 */
const RATE = 500;
const OUTAGE_MS = 10_000;
const logger = createSilentLogger();
let dir = '';
let redis: RedisChild | null = null;
let child: ChildProcess | null = null;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await redis?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Session {
  cookie: string;
}

/** The server as its own process (the load generator must not share its event loop). */
async function startServer(redisUrl: string): Promise<{ process: ChildProcess; url: string }> {
  const started = await startServerProcess({
    REDIS_URL: redisUrl,
    DEMO: 'false',
    FRAME_INTERVAL_MS: '100',
    WRITE_RATE_LIMIT: '100000',
  });
  started.child.on('exit', () => {
    const failed = started
      .output()
      .split('\n')
      .filter((line) => line.includes('request failed'));
    if (failed.length > 0) console.log(failed.slice(0, 5).join('\n'));
  });
  return { process: started.child, url: started.url };
}

/** A user written straight into the server's Redis, signed in over HTTP. */
async function signInAs(log: EventLog, url: string, role: Role): Promise<Session> {
  const username = `${role}-restart`;
  const password = `pw-${username}-secret`;
  await createUserStore(log).add({ username, password, role, regions: 'all' });
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

interface Outcome {
  key: string;
  status: number | 'hung';
  eventId?: string;
  during: boolean;
}

function body(n: number): string {
  return JSON.stringify({
    category: 'water_sewer',
    priority: 'normal',
    channel: 'call',
    location: { lat: 43.238 + (n % 50) / 1000, lng: 76.945 },
    description: `Нет воды в доме, заявка ${n}`,
  });
}

/**
 * One write with its idempotency key; a request unanswered after 8 s counts as 'hung'. Not a
 * timing target (the full suite loads this 2-core machine; answers have taken over 2 s there):
 * a server that held writes while Redis was down would hold them for the whole 10 s outage.
 */
async function write(url: string, agent: Session, key: string, n: number): Promise<Omit<Outcome, 'during'>> {
  try {
    const res = await fetch(`${url}/api/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: agent.cookie, 'idempotency-key': key },
      body: body(n),
      signal: AbortSignal.timeout(8000),
    });
    const json = (await res.json()) as { eventId?: string };
    return { key, status: res.status, ...(json.eventId ? { eventId: json.eventId } : {}) };
  } catch {
    return { key, status: 'hung' };
  }
}

describe('Redis restart under write load', () => {
  it('2xx writes land exactly once, outage writes fail fast with 503, health degrades and recovers, the wall resumes without gaps', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ortalyq-restart-'));
    redis = await startRedisChild({ dataDir: dir, logger });
    const port = Number(new URL(redis.url).port);
    const started = await startServer(redis.url);
    child = started.process;
    const url = started.url;
    let log = await createRedisLog({ url: redis.url, prefix: 'ortalyq', logger });
    const agent = await signInAs(log, url, 'agent');
    const operator = await signInAs(log, url, 'operator');
    await log.close();
    const wall = connectLiveClient(url, { cookie: operator.cookie });
    try {
      await waitFor(() => wall.snapshots.length === 1, 5000, 'the wall snapshot');
      const outcomes: Outcome[] = [];
      let isDown = false;
      let running = true;
      let n = 0;
      const inFlight = new Set<Promise<void>>();
      const producer = (async () => {
        const started = Date.now();
        while (running) {
          const due = Math.floor(((Date.now() - started) / 1000) * RATE);
          while (n < due && inFlight.size < 100) {
            const during = isDown;
            const key = `restart-${n}`;
            const p = write(url, agent, key, n).then((o) => {
              outcomes.push({ ...o, during });
              inFlight.delete(p);
            });
            inFlight.add(p);
            n += 1;
          }
          await sleep(10);
        }
        await Promise.all(inFlight);
      })();

      await sleep(3000);
      // A health answer slower than 5 s (this 2-core machine under the full suite) is asked again.
      const healthOf = async (): Promise<{ status: string } | null> => {
        try {
          const res = await fetch(`${url}/api/health`, {
            headers: { cookie: operator.cookie },
            signal: AbortSignal.timeout(5000),
          });
          return (await res.json()) as { status: string };
        } catch {
          return null;
        }
      };
      await redis.stop();
      isDown = true;
      const stoppedAt = Date.now();
      // Degraded while Redis is still down (the time it took is printed, not asserted).
      const degraded = await waitFor(
        async () => {
          const health = await healthOf();
          return health?.status === 'degraded' ? health : null;
        },
        OUTAGE_MS - 1000,
        'health degraded',
      );
      console.log(`health degraded ${Date.now() - stoppedAt} ms after Redis stopped`, JSON.stringify(degraded));
      // The wall, still connected to the server, is told the server lost its link.
      await waitFor(() => wall.upstream.at(-1)?.isConnected === false, 8000, 'link down on the wall');
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
      redis = await startRedisChild({ dataDir: dir, logger, port });
      isDown = false;
      await waitFor(async () => (await healthOf())?.status === 'ok', 15_000, 'health ok again');
      await waitFor(() => wall.upstream.at(-1)?.isConnected === true, 15_000, 'link up again on the wall');
      expect(wall.upstream.map((u) => u.isConnected)).toEqual([true, false, true]);
      await sleep(3000);
      running = false;
      await producer;

      const during = outcomes.filter((o) => o.during);
      const hung = outcomes.filter((o) => o.status === 'hung');
      const byStatus = new Map<string | number, number>();
      for (const o of outcomes) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
      console.log(
        `${outcomes.length} writes, by status: ${JSON.stringify([...byStatus])}; ${during.length} during the outage`,
      );
      expect(hung).toEqual([]);
      expect(during.length).toBeGreaterThan(100);
      expect(during.filter((o) => o.status === 503).length).toBeGreaterThan(during.length * 0.9);
      expect(outcomes.every((o) => [202, 503].includes(o.status as number))).toBe(true);

      // Ground truth: the stream. Every 2xx write's event is in it exactly once.
      log = await createRedisLog({ url: redis.url, prefix: 'ortalyq', logger });
      const entries = await log.range('events', '0-0', '+', 1_000_000);
      const count = new Map<string, number>();
      for (const e of entries) {
        const id = (JSON.parse(e.fields.event ?? '{}') as { id: string }).id;
        count.set(id, (count.get(id) ?? 0) + 1);
      }
      const accepted = outcomes.filter((o) => o.status === 202);
      // A sample, not a rate: how many writes fall outside the outage depends on how long the
      // restart takes under the load of the full suite (over 1,000 in earlier runs, 640 in one).
      expect(accepted.length).toBeGreaterThan(200);
      for (const o of accepted) expect(count.get(o.eventId as string), o.key).toBe(1);
      // Retrying the refused ones with their keys: each lands exactly once too.
      const refused = outcomes.filter((o) => o.status === 503);
      const retried: Omit<Outcome, 'during'>[] = [];
      for (let i = 0; i < refused.length; i += 50) {
        const batch = refused.slice(i, i + 50).map((o) => write(url, agent, o.key, Number(o.key.split('-')[1])));
        retried.push(...(await Promise.all(batch)));
      }
      const retriedStatus = new Map<string | number, number>();
      for (const o of retried) retriedStatus.set(o.status, (retriedStatus.get(o.status) ?? 0) + 1);
      // Claims taken just before the stop lapse after 10 s; the outage lasted longer, so none is left.
      expect([...retriedStatus]).toEqual([[202, refused.length]]);
      const after = await log.range('events', '0-0', '+', 1_000_000);
      await log.close();
      const ids = after.map((e) => (JSON.parse(e.fields.event ?? '{}') as { id: string }).id);
      expect(new Set(ids).size).toBe(ids.length);

      // The wall stayed connected to the server and shows every event once, in stream order.
      const last = after[after.length - 1]?.id as string;
      await waitFor(() => wall.replica.state.cursor === last, 15_000, 'the wall at the end of the stream');
      const start = wall.snapshots[0]?.cursor as string;
      expect(wall.shown.map((e) => e.streamId)).toEqual(
        after.filter((e) => compareStreamIds(e.id, start) > 0).map((e) => e.id),
      );
    } finally {
      wall.close();
      child.kill('SIGTERM');
      await new Promise((resolve) => child?.once('exit', resolve));
    }
  }, 120_000);
});
