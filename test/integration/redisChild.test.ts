import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { openEventLog, type OpenedEventLog } from '../../server/src/embedded/openEventLog';
import type * as RedisChildModule from '../../server/src/embedded/redisChild';
import { findRedisServer, startRedisChild, type RedisChild } from '../../server/src/embedded/redisChild';
import { createSilentLogger } from '../../server/src/logger';
import { createRedisLog } from '../../server/src/stream/redisLog';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis';

const logger = createSilentLogger();
const dirs: string[] = [];
const children: RedisChild[] = [];
const opened: OpenedEventLog[] = [];
const externalPrefix = uniquePrefix('openEventLog');

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ortalyq-redis-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string): Promise<RedisChild> {
  const child = await startRedisChild({ dataDir, logger });
  children.push(child);
  return child;
}

const redisChildModule = fileURLToPath(new URL('../../server/src/embedded/redisChild.ts', import.meta.url));

/** False once the process is gone, or a zombie nobody reaped (PID 1 in a container may not). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

afterEach(async () => {
  // Whatever a failed test left running must not outlive it.
  for (const o of opened.splice(0)) await o.close();
  for (const child of children.splice(0)) await child.stop();
});

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  await deletePrefix(testRedisUrl(), externalPrefix);
});

describe('private redis-server child', () => {
  it('finds the redis-server binary', () => {
    expect(findRedisServer()).toMatch(/redis-server$/);
  });

  it('keeps appended entries across a restart on the same directory (AOF), and is gone after stop', async () => {
    const dataDir = path.join(await freshDir(), 'nested', 'redis');
    const first = await start(dataDir);
    expect(first.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(isAlive(first.pid)).toBe(true);
    const log = await createRedisLog({ url: first.url, prefix: 'ortalyq', logger });
    const written = [await log.append('events', { event: 'one' }), await log.append('events', { event: 'two' })];
    await log.setValue('snapshot', 'S');
    await log.close();
    await first.stop();
    expect(isAlive(first.pid)).toBe(false);

    const second = await start(dataDir);
    const reopened = await createRedisLog({ url: second.url, prefix: 'ortalyq', logger });
    expect(await reopened.range('events', '0-0', '+', 10)).toEqual([
      { id: written[0], fields: { event: 'one' } },
      { id: written[1], fields: { event: 'two' } },
    ]);
    expect(await reopened.getValue('snapshot')).toBe('S');
    // The id clock carries on after the last persisted id.
    expect((await reopened.info('events')).lastId).toBe(written[1]);
    await reopened.close();
    await second.stop();
    expect(isAlive(second.pid)).toBe(false);
    // A second stop is harmless.
    await second.stop();
  });

  it('dies with a parent process that exits without stopping it', async () => {
    const dir = await freshDir();
    const script = path.join(dir, 'parent.mts');
    await writeFile(
      script,
      [
        `import { startRedisChild } from ${JSON.stringify(redisChildModule)};`,
        'const quiet = () => undefined;',
        'const logger = { debug: quiet, info: quiet, warn: quiet, error: quiet };',
        `const child = await startRedisChild({ dataDir: ${JSON.stringify(path.join(dir, 'redis'))}, logger });`,
        'console.log(child.pid);',
        'process.exit(0);',
      ].join('\n'),
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      timeout: 20_000,
    });
    const pid = Number(stdout.trim());
    expect(pid).toBeGreaterThan(0);
    const isGone = await waitUntilGone(pid, 5000);
    if (!isGone) process.kill(pid, 'SIGKILL');
    expect(isGone).toBe(true);
  });
});

describe('openEventLog', () => {
  it('starts a private redis-server under <dataDir>/redis when REDIS_URL is unset', async () => {
    const dataDir = await freshDir();
    const o = await openEventLog({ redisUrl: undefined, prefix: 'ortalyq', dataDir, logger });
    opened.push(o);
    expect(o.mode).toBe('child');
    expect(o.log.kind).toBe('redis');
    expect(await o.log.ping()).toBe(true);
    await o.log.append('events', { event: 'x' });
    expect(existsSync(path.join(dataDir, 'redis'))).toBe(true);
    await o.close();
    expect(await o.log.ping()).toBe(false);
  });

  it('falls back to an in-memory log, loudly, when there is no redis-server', async () => {
    vi.resetModules();
    vi.doMock('../../server/src/embedded/redisChild', async (importOriginal) => ({
      ...(await importOriginal<typeof RedisChildModule>()),
      findRedisServer: () => null,
    }));
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings: unknown[] = [];
    const spyLogger = Object.assign(createSilentLogger(), { warn: (...args: unknown[]) => warnings.push(args) });
    try {
      const { openEventLog: openWithoutRedis } = await import('../../server/src/embedded/openEventLog');
      const dataDir = await freshDir();
      const o = await openWithoutRedis({ redisUrl: undefined, prefix: 'ortalyq', dataDir, logger: spyLogger });
      opened.push(o);
      expect(o.mode).toBe('memory');
      expect(o.log.kind).toBe('memory');
      const shown = consoleError.mock.calls.map((call) => String(call[0])).join('\n');
      expect(shown).toContain('DEMO ONLY: no Redis found, events live in memory, nothing is persisted');
      expect(shown.split('\n').length).toBeGreaterThan(3);
      expect(JSON.stringify(warnings)).toContain('DEMO ONLY');
      expect(existsSync(path.join(dataDir, 'redis'))).toBe(false);
    } finally {
      consoleError.mockRestore();
      vi.doUnmock('../../server/src/embedded/redisChild');
      vi.resetModules();
    }
  });

  it('uses REDIS_URL when it is set', async () => {
    const dataDir = await freshDir();
    const o = await openEventLog({ redisUrl: testRedisUrl(), prefix: externalPrefix, dataDir, logger });
    opened.push(o);
    expect(o.mode).toBe('external');
    expect(await o.log.ping()).toBe(true);
    expect(existsSync(path.join(dataDir, 'redis'))).toBe(false);
  });
});
