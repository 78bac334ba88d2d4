import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logger';
import { SOCKET_IO_STREAM } from '../keys';

export interface ClusterAdapter {
  /** The Socket.IO adapter factory (`new Server({ adapter })`). */
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

/**
 * Cross-node Socket.IO messages that do not come from the event stream (design.md
 * "Scale-out"): forced disconnects of a disabled user or a revoked kiosk link reach that
 * subject's sockets on every node. Frames never go through it (each node tails the stream
 * itself). Its stream lives under the deployment's prefix, beside the events.
 */
export async function createClusterAdapter(url: string, prefix: string, logger: Logger): Promise<ClusterAdapter> {
  const client = createClient({ url });
  client.on('error', (error: Error) => logger.warn({ err: error.message }, 'socket adapter redis error'));
  await client.connect();
  return {
    adapter: createAdapter(client, {
      streamName: `${prefix}:${SOCKET_IO_STREAM}`,
      maxLen: 10_000,
      blockTimeInMs: 2000,
    }),
    async close() {
      await client.close().catch(() => undefined);
    },
  };
}
