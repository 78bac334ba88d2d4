import { historyResponseSchema } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { createHistoryBackfill, type HistoryBackfill } from '../../../server/src/archive/history/createHistoryBackfill';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgliteArchiveDb } from '../../../server/src/archive/pgliteArchiveDb';
import { createSilentLogger } from '../../../server/src/logger';
import { authedFetch, signIn } from '../../support/auth';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../../support/testServer';

const SLOW_MS = 240_000;

describe('GET /api/admin/history', () => {
  let db: ArchiveDb;
  let backfill: HistoryBackfill;
  let server: TestServer;
  let bare: TestServer;

  beforeAll(async () => {
    db = await createPgliteArchiveDb({ dataDir: null });
    await migrate(db);
    backfill = createHistoryBackfill({
      db,
      logger: createSilentLogger(),
      days: 1,
      perDay: 300,
      liveStartAt: Date.parse('2026-05-01T00:00:00Z'),
      seed: 4,
      out: null,
    });
    server = await startTestServer({ historyProgress: () => backfill.progress() });
    bare = await startTestServer();
  }, SLOW_MS);
  afterAll(async () => {
    await server.stop();
    await bare.stop();
    await db.close();
    await deletePrefix(testRedisUrl(), server.prefix);
    await deletePrefix(testRedisUrl(), bare.prefix);
  }, SLOW_MS);

  it(
    "gives an admin the backfill's progress, from waiting to written, in the shared schema",
    async () => {
      const admin = await signIn(server, 'admin');
      const read = async () => {
        const response = await authedFetch(admin, `${server.url}/api/admin/history`);
        expect(response.status).toBe(200);
        return historyResponseSchema.parse(await response.json()).history;
      };
      expect(await read()).toMatchObject({ state: 'idle', fraction: 0, appeals: 0 });
      await backfill.run();
      const done = await read();
      expect(done).toMatchObject({ state: 'done', fraction: 1, fromAt: '2026-04-30T00:00:00.000Z' });
      expect(done?.appeals).toBeGreaterThan(200);
      expect(done?.eventLoopP99Ms).not.toBeNull();
    },
    SLOW_MS,
  );

  it('is null where no history is written, and refused to other roles', async () => {
    const admin = await signIn(bare, 'admin');
    const response = await authedFetch(admin, `${bare.url}/api/admin/history`);
    expect(await response.json()).toEqual({ history: null });
    const operator = await signIn(server, 'operator');
    expect((await authedFetch(operator, `${server.url}/api/admin/history`)).status).toBe(403);
  });
});
