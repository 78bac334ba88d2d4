import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { startRedisChild } from '../../server/src/embedded/redisChild';
import { createSilentLogger } from '../../server/src/logger';
import { testRedisUrl } from './redis';

async function answers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    await client.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * The tests use the Redis at REDIS_URL (default 127.0.0.1:6379). When nothing answers
 * there and REDIS_URL is unset, start a private redis-server for this run, so `npm test`
 * works on a machine that merely has the binary installed.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.REDIS_URL || (await answers(testRedisUrl()))) return async () => undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ortalyq-test-redis-'));
  const child = await startRedisChild({ dataDir, logger: createSilentLogger() });
  process.env.REDIS_URL = child.url;
  console.warn(`no Redis on 127.0.0.1:6379: the tests use a private redis-server at ${child.url}`);
  return async () => {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
