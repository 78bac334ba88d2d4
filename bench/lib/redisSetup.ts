/** Filling and clearing bench streams on the bench Redis (REDIS_URL, default the local one). */
import { createClient } from 'redis';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../test/support/redis';

export { deletePrefix, uniquePrefix };

export const benchRedisUrl = testRedisUrl;

/** XADDs `count` events made by `make(i)` to `key`, pipelined 1,000 at a time. */
export async function fillStream(key: string, count: number, make: (i: number) => string): Promise<void> {
  const client = await createClient({ url: benchRedisUrl() }).connect();
  try {
    for (let i = 0; i < count; i += 1000) {
      const writes: Promise<unknown>[] = [];
      for (let j = i; j < Math.min(count, i + 1000); j += 1) writes.push(client.xAdd(key, '*', { event: make(j) }));
      await Promise.all(writes);
    }
  } finally {
    await client.close();
  }
}
