import { afterAll, describe, expect, it } from 'vitest';
import { createUserStore } from '../../server/src/auth/userStore';
import { createSilentLogger } from '../../server/src/logger';
import { createRedisLog } from '../../server/src/stream/redisLog';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis';

const prefix = uniquePrefix('users-cas');
afterAll(async () => {
  await deletePrefix(testRedisUrl(), prefix);
});

describe('user store under concurrent admins (real Redis)', () => {
  it('a disable and a region change made at the same moment both land', async () => {
    const logs = await Promise.all(
      [1, 2].map(() => createRedisLog({ url: testRedisUrl(), prefix, logger: createSilentLogger() })),
    );
    const [a, b] = logs.map((log) => createUserStore(log)) as [
      ReturnType<typeof createUserStore>,
      ReturnType<typeof createUserStore>,
    ];
    try {
      await a.add({ username: 'dana', password: 'long-enough-pw', role: 'agent', regions: ['KZ-71'] });
      for (let round = 0; round < 5; round += 1) {
        await Promise.all([
          a.update('dana', (u) => ({ ...u, isDisabled: round % 2 === 0 })),
          b.update('dana', (u) => ({ ...u, regions: round % 2 === 0 ? ['KZ-75'] : ['KZ-71'] })),
        ]);
        const user = await a.get('dana');
        expect(user?.isDisabled).toBe(round % 2 === 0);
        expect(user?.regions).toEqual(round % 2 === 0 ? ['KZ-75'] : ['KZ-71']);
      }
      await expect(
        b.add({ username: 'dana', password: 'another-password', role: 'admin', regions: 'all' }),
      ).rejects.toThrow('already exists');
      expect((await a.get('dana'))?.role).toBe('agent');
    } finally {
      for (const log of logs) await log.close();
    }
  });
});
