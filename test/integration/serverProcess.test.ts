import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/events';
import { spawnServer, type SpawnedServer } from '../support/serverProcess';
import { deletePrefix, openTestLog, testRedisUrl, uniquePrefix } from '../support/testServer';

const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(testRedisUrl(), prefix);
});

/** Runs the real entry point at info level (the shutdown test reads its log). */
function startServer(env: Record<string, string>): SpawnedServer {
  return spawnServer({ LOG_LEVEL: 'info', ...env });
}

describe('the server process (index.ts)', () => {
  it('runs the demo against Redis, moves, and shuts down cleanly on SIGTERM with a final snapshot', async () => {
    const prefix = uniquePrefix('proc');
    prefixes.push(prefix);
    const { child, output } = startServer({
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      DEMO: 'true',
      SIM_RATE: '20',
      SIM_BACKFILL_MINUTES: '2',
      PORT: '0',
    });
    try {
      const url = await waitFor(
        () => /Ortalyq dashboard: (http:\/\/\S+)/.exec(output())?.[1],
        20_000,
        'start-up banner',
      );
      // Demo mode seeds the demo users with the passwords README.md documents.
      const login = await fetch(`${url}api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'operator', password: 'ortalyq-operator' }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const applied = async () => {
        const res = await fetch(`${url}api/health`, { headers: { cookie } });
        const health = (await res.json()) as { projection: { applied: number } };
        return health.projection.applied;
      };
      const first = await waitFor(applied, 10_000, 'demo traffic');
      await waitFor(async () => (await applied()) > first, 10_000, 'more demo traffic');

      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(output()).toContain('shutting down');
      const log = await openTestLog(prefix);
      const snapshot = JSON.parse((await log.getValue('snapshot')) ?? '{}') as { cursor?: string };
      const info = await log.info('events');
      await log.close();
      // The final snapshot is recent: at most the simulator's last tick behind the stream.
      expect(snapshot.cursor).toMatch(/^\d+-\d+$/);
      expect(info.lastId.split('-')[0]).toBeDefined();
      expect(Number(info.lastId.split('-')[0]) - Number(snapshot.cursor?.split('-')[0])).toBeLessThan(2000);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('without demo mode seeds no demo users, but prints a one-time admin password on first start', async () => {
    const prefix = uniquePrefix('proc-prod');
    prefixes.push(prefix);
    const { child, output } = startServer({ REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, PORT: '0' });
    try {
      const url = await waitFor(
        () => /Ortalyq dashboard: (http:\/\/\S+)/.exec(output())?.[1],
        20_000,
        'start-up banner',
      );
      const password = /one-time password\s+(\S+)/.exec(output())?.[1];
      expect(password).toBeDefined();
      const signIn = (username: string, secret: string) =>
        fetch(`${url}api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: secret }),
        });
      expect((await signIn('operator', 'ortalyq-operator')).status).toBe(401);
      expect((await signIn('admin', password ?? '')).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('refuses to start on a bad variable, naming it', async () => {
    const { child, output } = startServer({ PORT: 'eighty', REDIS_URL: testRedisUrl() });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(output()).toContain('PORT="eighty"');
  });
});
