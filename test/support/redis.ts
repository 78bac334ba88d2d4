import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

/** The Redis the integration tests share (REDIS_URL, default the local one). */
export function testRedisUrl(): string {
  return process.env.REDIS_URL || 'redis://127.0.0.1:6379';
}

/** A key prefix no other test run or test file can collide with. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Glob metacharacters of SCAN MATCH, escaped so a prefix only ever matches itself. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Deletes every key under `${prefix}:` (SCAN + UNLINK, so it never blocks Redis). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  client.on('error', () => {
    // A failed cleanup must not crash the run; the failing command rejects anyway.
  });
  await client.connect();
  try {
    // node-redis v5 yields one batch of keys per SCAN reply, not one key at a time.
    for await (const keys of client.scanIterator({ MATCH: `${escapeGlob(prefix)}:*`, COUNT: 500 })) {
      if (keys.length > 0) await client.unlink(keys);
    }
  } finally {
    client.destroy();
  }
}
