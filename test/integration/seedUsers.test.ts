import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/src/auth/passwords';
import { DEMO_USERS, ensureFirstAdmin, seedUsers } from '../../server/src/auth/seedUsers';
import { createUserStore, type UserStore } from '../../server/src/auth/userStore';
import { createSilentLogger } from '../../server/src/logger';
import { createRedisLog } from '../../server/src/stream/redisLog';
import type { EventLog } from '../../server/src/stream/eventLog';
import { deletePrefix, startTestServer, testRedisUrl, uniquePrefix } from '../support/testServer';

const prefixes: string[] = [];
const logs: EventLog[] = [];
afterAll(async () => {
  for (const log of logs) await log.close();
  for (const prefix of prefixes) await deletePrefix(testRedisUrl(), prefix);
});

/** A user store on its own Redis connection under `prefix`, as one server node has. */
async function nodeStore(prefix: string): Promise<UserStore> {
  const log = await createRedisLog({ url: testRedisUrl(), prefix, logger: createSilentLogger() });
  logs.push(log);
  return createUserStore(log);
}

function freshPrefix(name: string): string {
  const prefix = uniquePrefix(name);
  prefixes.push(prefix);
  return prefix;
}

describe('start-up seeding of users (real Redis)', () => {
  it('four nodes starting together on a fresh prefix: exactly one creates admin, none throws', async () => {
    const prefix = freshPrefix('first-admin');
    const nodes = await Promise.all([1, 2, 3, 4].map(() => nodeStore(prefix)));
    const [first, second] = nodes as [UserStore, UserStore];
    const results = await Promise.all(nodes.map((users) => ensureFirstAdmin(users)));

    const created = results.filter((r) => r.outcome === 'created');
    expect(created).toHaveLength(1);
    // Every other node either lost the claim or came after it: none printed a password.
    for (const r of results) expect(['created', 'created_elsewhere', 'users_exist']).toContain(r.outcome);
    const users = await first.list();
    expect(users.map((u) => [u.username, u.role])).toEqual([['admin', 'admin']]);
    const password = (created[0] as { password: string }).password;
    expect(await verifyPassword(password, users[0]?.passwordHash ?? '')).toBe(true);
    // The printed password is one-time: the first sign-in must replace it.
    expect(users[0]?.mustChangePassword).toBe(true);
    // A later start finds users and creates nothing.
    expect(await ensureFirstAdmin(second)).toEqual({ outcome: 'users_exist' });
  });

  it('demo mode on loopback creates the demo users, also when several nodes start together', async () => {
    const prefix = freshPrefix('demo-loopback');
    const hosts = ['127.0.0.1', 'localhost', '::1'];
    const nodes = await Promise.all(hosts.map(async (host) => ({ host, users: await nodeStore(prefix) })));
    const results = await Promise.all(nodes.map(({ users, host }) => seedUsers(users, { demo: true, host })));
    expect(results.flatMap((r) => r.demoCreated).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
    expect(results.every((r) => r.firstAdmin === null && r.demoDisabled.length === 0)).toBe(true);
    expect((await nodes[0]?.users.list())?.map((u) => u.username).sort()).toEqual(
      DEMO_USERS.map((u) => u.username).sort(),
    );
  });

  it('demo mode with HOST=0.0.0.0 creates no demo user but the one-time admin', async () => {
    const prefix = freshPrefix('demo-lan');
    const users = await nodeStore(prefix);
    const result = await seedUsers(users, { demo: true, host: '0.0.0.0' });
    expect(result.demoCreated).toEqual([]);
    expect(result.firstAdmin?.outcome).toBe('created');
    const all = await users.list();
    expect(all.map((u) => u.username)).toEqual(['admin']);
    expect(await verifyPassword('ortalyq-admin', all[0]?.passwordHash ?? '')).toBe(false);
  });

  it('on the network, demo users still on their published password are disabled and refused at sign-in', async () => {
    const prefix = freshPrefix('demo-disable');
    const users = await nodeStore(prefix);
    await seedUsers(users, { demo: true, host: '127.0.0.1' });
    // The supervisor's owner chose a password of her own: hers is a real account now.
    await users.setPassword('supervisor', 'a-password-of-her-own', { mustChangePassword: false });

    const result = await seedUsers(users, { demo: false, host: '0.0.0.0' });
    expect(result.demoDisabled.sort()).toEqual(['admin', 'agent', 'operator']);
    expect(result.firstAdmin).toEqual({ outcome: 'users_exist' });
    expect((await users.get('supervisor'))?.isDisabled).toBe(false);
    // Idempotent: a second node (or restart) finds nothing left to disable.
    expect((await seedUsers(users, { demo: false, host: '10.0.0.5' })).demoDisabled).toEqual([]);

    const server = await startTestServer({ prefix });
    try {
      const login = (username: string, password: string) =>
        fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        }).then((res) => res.status);
      expect(await login('admin', 'ortalyq-admin')).toBe(401);
      expect(await login('operator', 'ortalyq-operator')).toBe(401);
      expect(await login('supervisor', 'a-password-of-her-own')).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('a loopback server leaves existing demo users alone', async () => {
    const prefix = freshPrefix('demo-keep');
    const users = await nodeStore(prefix);
    await seedUsers(users, { demo: true, host: '127.0.0.1' });
    const result = await seedUsers(users, { demo: false, host: '127.0.0.1' });
    expect(result.demoDisabled).toEqual([]);
    expect((await users.list()).every((u) => !u.isDisabled)).toBe(true);
  });
});
