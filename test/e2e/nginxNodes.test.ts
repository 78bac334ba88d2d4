import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, WebSocket as PageWebSocket } from 'playwright-core';
import { compareStreamIds, type Frame, type Snapshot } from '@shared';
import { verifyPassword } from '../../server/src/auth/passwords';
import { createUserStore } from '../../server/src/auth/userStore';
import type { EventLog } from '../../server/src/stream/eventLog';
import { launchChromium } from '../support/browser';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { documentedNginxConfig, freePort, startNginx, type NginxChild } from '../support/nginx';
import { bannerUrl, spawnServer, type SpawnedServer } from '../support/serverProcess';
import { deletePrefix, openTestLog, testRedisUrl, uniquePrefix } from '../support/testServer';

const prefix = uniquePrefix('nginx');
afterAll(async () => {
  await deletePrefix(testRedisUrl(), prefix);
});

/** What the page's sockets carried, in order: Socket.IO event packets, and what the page sent. */
interface Seen {
  socket: number;
  event: string;
  data: unknown;
}

/** `42["name",data]` (or with an ack id, `421[...]`) → [name, data]; null for other packets. */
function eventOf(payload: string | Buffer): [string, unknown] | null {
  if (typeof payload !== 'string') return null;
  const match = /^4[02]\d*([[{].*)$/s.exec(payload);
  if (!match?.[1]) return null;
  const parsed = JSON.parse(match[1]) as unknown;
  return Array.isArray(parsed) ? [String(parsed[0]), parsed[1]] : ['connect', parsed];
}

describe('two nodes behind the documented nginx config, on a non-default port', () => {
  it('both start on a fresh Redis (one admin); the browser gets a WebSocket and keeps its wall when its node is killed', async () => {
    const nginxPort = await freePort();
    const env = {
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      DEMO: 'false',
      HOST: '127.0.0.1',
      ALLOWED_HOSTS: `127.0.0.1:${nginxPort}`,
      COOKIE_SECURE: 'false',
      TRUST_PROXY: '1',
      FRAME_INTERVAL_MS: '50',
      LOG_LEVEL: 'info',
    };
    const nodes: SpawnedServer[] = [];
    let nginx: NginxChild | null = null;
    let browser: Browser | null = null;
    let log: EventLog | null = null;
    let producing = false;
    let producer: Promise<void> = Promise.resolve();
    try {
      // Both nodes start at once on a fresh prefix and race for the first admin; both must serve.
      nodes.push(spawnServer(env), spawnServer(env));
      const urls = await Promise.all(
        nodes.map((node) =>
          waitFor(
            () => {
              if (node.child.exitCode !== null) throw new Error(`a node exited:\n${node.output()}`);
              return bannerUrl(node.output());
            },
            // Two tsx start-ups at once on a shared 2-core machine: generous, like the test's own timeout.
            60_000,
            'both start-up banners',
          ),
        ),
      );
      const hostOf = (node: SpawnedServer): string => new URL(urls[nodes.indexOf(node)] ?? '').host;
      const passwords = nodes.flatMap((n) => /one-time password\s+(\S+)/.exec(n.output())?.[1] ?? []);
      expect(passwords).toHaveLength(1);
      log = await openTestLog(prefix);
      const users = createUserStore(log);
      const all = await users.list();
      expect(all.map((u) => u.username)).toEqual(['admin']);
      expect(await verifyPassword(passwords[0] ?? '', all[0]?.passwordHash ?? '')).toBe(true);

      nginx = await startNginx(await documentedNginxConfig(nodes.map(hostOf), nginxPort), nginxPort);
      expect(nodes.every((n) => n.child.exitCode === null)).toBe(true);
      // ip_hash: every request from 127.0.0.1 goes to one node; the access log says which.
      const before = (await nginx.accessLog()).length;
      await fetch(`${nginx.url}/healthz`);
      const line = await waitFor(async () => (await nginx?.accessLog())?.[before], 5000, 'the access log line');
      const holder = nodes.find((n) => line.endsWith(hostOf(n)));
      const other = nodes.find((n) => n !== holder);
      if (!holder || !other) throw new Error(`no node behind ${line}`);

      await users.add({
        username: 'wall-operator',
        password: 'wall-operator-password',
        role: 'operator',
        regions: 'all',
      });
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      const sockets: PageWebSocket[] = [];
      const seen: Seen[] = [];
      const sent: Seen[] = [];
      const polls: string[] = [];
      page.on('request', (req) => {
        if (req.url().includes('transport=polling')) polls.push(req.url());
      });
      page.on('websocket', (ws) => {
        const socket = sockets.push(ws) - 1;
        ws.on('framereceived', ({ payload }) => {
          const e = eventOf(payload);
          if (e) seen.push({ socket, event: e[0], data: e[1] });
        });
        ws.on('framesent', ({ payload }) => {
          const e = eventOf(payload);
          if (e) sent.push({ socket, event: e[0], data: e[1] });
        });
      });

      // Signing in is a POST through nginx: the origin check sees the proxy's address.
      await page.goto(`${nginx.url}/`);
      await page.getByTestId('login-username').fill('wall-operator');
      await page.getByTestId('login-password').fill('wall-operator-password');
      await page.getByTestId('login-password').press('Enter');
      await page.getByTestId('link-status').and(page.locator('[data-state="live"], [data-state="stale"]')).waitFor();

      // A producer writes while the browser watches; its node then dies.
      producing = true;
      producer = (async () => {
        while (producing) {
          await appendEnvelope(log as EventLog, appealRegistered({ region: 'KZ-75' }));
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const frames = (socket: number) =>
        seen.filter((s) => s.socket === socket && s.event === 'sync:frame').map((s) => s.data as Frame);
      await waitFor(() => frames(0).flatMap((f) => f.events).length >= 10, 15_000, 'live events on the first socket');
      const closed = (sockets[0] as PageWebSocket).waitForEvent('close');
      holder.child.kill('SIGKILL');
      await once(holder.child, 'exit');
      await closed;
      // Written while the browser has no node: it must arrive when the wall resumes.
      producing = false;
      await producer;
      const marker = appealRegistered({ region: 'KZ-75' });
      const markerId = (marker.data as { appealId: string }).appealId;
      await appendEnvelope(log, marker);
      const last = (await log.rangeReverse('events', '+', 1))[0]?.id ?? '';

      await waitFor(
        () => frames(1).some((f) => f.cursor === last),
        20_000,
        'the resumed socket at the end of the stream',
      );
      await page.locator(`[data-testid="feed-item"][data-appeal-id="${markerId}"]`).waitFor({ timeout: 10_000 });

      // WebSocket both times, through nginx on its own port; never long-polling.
      expect(sockets.map((ws) => new URL(ws.url()).host)).toEqual([`127.0.0.1:${nginxPort}`, `127.0.0.1:${nginxPort}`]);
      expect(sockets.every((ws) => ws.url().includes('transport=websocket'))).toBe(true);
      expect(polls).toEqual([]);
      expect(other.child.exitCode).toBeNull();

      // One snapshot, on the first socket; the second resumed from the cursor the first reached.
      const snapshots = seen.filter((s) => s.event === 'sync:snapshot').map((s) => s.data as Snapshot);
      expect(snapshots).toHaveLength(1);
      const lastBefore = frames(0).at(-1)?.cursor;
      const connect = sent.find((s) => s.socket === 1 && s.event === 'connect')?.data as { cursor?: string };
      expect(connect.cursor).toBe(lastBefore);
      expect(frames(1)[0]?.replay).toBe(true);
      expect(frames(1)[0]?.events.length).toBeGreaterThan(0);
      expect(sent.filter((s) => s.event === 'sync:resume')).toEqual([]);

      // The replica's rule (drop at or before its cursor, a `from` after it is a gap): no gap,
      // and what it applied is every stream entry after the snapshot, in order, once.
      let cursor = snapshots[0]?.cursor ?? '0-0';
      const start = cursor;
      const applied: string[] = [];
      for (const frame of [...frames(0), ...frames(1)]) {
        expect(compareStreamIds(frame.from, cursor)).toBeLessThanOrEqual(0);
        for (const e of frame.events) if (compareStreamIds(e.streamId, cursor) > 0) applied.push(e.streamId);
        if (compareStreamIds(frame.cursor, cursor) > 0) cursor = frame.cursor;
      }
      const truth = (await log.range('events', start, last, 100_000)).map((e) => e.id);
      expect(applied).toEqual(truth);
      expect(truth.length).toBeGreaterThan(10);
    } finally {
      producing = false;
      await producer.catch(() => undefined);
      await browser?.close();
      for (const node of nodes) {
        if (node.child.exitCode === null && node.child.signalCode === null) {
          const exited = once(node.child, 'exit');
          node.child.kill('SIGKILL');
          await exited;
        }
      }
      await nginx?.stop();
      await log?.close();
    }
  }, 180_000);
});
