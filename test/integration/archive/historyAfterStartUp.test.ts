import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/events';
import { spawnServer } from '../../support/serverProcess';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/testServer';

/** PGlite's first start, the backfill and the history on a loaded machine; nothing is timed here. */
const SLOW_MS = 240_000;
const prefix = uniquePrefix('history-after-start-up');

afterAll(() => deletePrefix(testRedisUrl(), prefix));

/** The server's JSON log lines, in order. */
const linesOf = (output: string): { msg?: string; headId?: string }[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; headId?: string });

describe('the demo history in the real server (index.ts)', () => {
  it(
    "writes only once the simulator's start-up backfill is in the stream and the live side has read it",
    async () => {
      // One entry ten minutes old: no law backlog (the stream is not empty), a ten-minute backfill.
      const redis = createClient({ url: testRedisUrl() });
      await redis.connect();
      await redis.xAdd(`${prefix}:events`, `${Date.now() - 10 * 60_000}-0`, { event: '{}' });
      redis.destroy();
      const { child, output } = spawnServer({
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        DEMO: 'true',
        SIM_RATE: '3',
        SIM_BACKFILL_MINUTES: '10',
        SIM_HISTORY_DAYS: '1',
        SIM_HISTORY_PER_DAY: '300',
        LOG_LEVEL: 'info',
      });
      try {
        await waitFor(() => output().includes('"history: finished"'), SLOW_MS, 'the history to finish');
        const messages = linesOf(output()).map((line) => line.msg);
        const appended = messages.indexOf('simulator: backfill appended');
        const settled = messages.indexOf('history: the live start-up has settled');
        const writing = messages.indexOf('history: writing the demo history into the archive in the background');
        expect(appended).toBeGreaterThanOrEqual(0);
        expect(settled).toBeGreaterThan(appended);
        expect(writing).toBeGreaterThan(settled);
        // What both cursors had to reach: the stream's head once the backfill was in, not '0-0'.
        const headId = linesOf(output())[settled]?.headId ?? '0-0';
        expect(Number(headId.split('-')[0])).toBeGreaterThan(Date.now() - SLOW_MS);
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    },
    SLOW_MS + 30_000,
  );
});
