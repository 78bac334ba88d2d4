import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let admin: TestSession;
let appealId = '';

beforeAll(async () => {
  server = await startTestServer({ writeRateLimit: 12 });
  admin = await signIn(server, 'admin');
  const envelope = appealRegistered({ region: 'KZ-71' });
  appealId = (envelope.data as { appealId: string }).appealId;
  await appendEnvelope(server.log, envelope);
  await waitFor(() => server.app.store.state.appeals.has(appealId), 5000, 'appeal');
});

afterAll(async () => {
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

const json = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('every write is audited once, with the right actor', () => {
  it('user, kiosk and reveal writes each leave exactly one audit entry', async () => {
    const supervisor = await signIn(server, 'supervisor', ['KZ-71']);
    const writes: {
      session: TestSession;
      method: string;
      path: string;
      init?: RequestInit;
      action: string;
      target: string;
    }[] = [
      {
        session: admin,
        method: 'POST',
        path: '/api/admin/users',
        init: json({ username: 'dana.k', password: 'long-enough-pw', role: 'agent', regions: ['KZ-71'] }),
        action: 'user.create',
        target: 'user:dana.k',
      },
      {
        session: admin,
        method: 'PATCH',
        path: '/api/admin/users/dana.k',
        init: json({ role: 'operator' }),
        action: 'user.update',
        target: 'user:dana.k',
      },
      {
        session: admin,
        method: 'PATCH',
        path: '/api/admin/users/dana.k',
        init: json({ isDisabled: true }),
        action: 'user.disable',
        target: 'user:dana.k',
      },
      {
        session: admin,
        method: 'POST',
        path: '/api/admin/users/dana.k/reset-password',
        action: 'user.password_reset',
        target: 'user:dana.k',
      },
      {
        session: supervisor,
        method: 'POST',
        path: `/api/appeals/${appealId}/reveal`,
        action: 'pii.reveal',
        target: `appeal:${appealId}`,
      },
    ];
    for (const write of writes) {
      const res = await authedFetch(write.session, `${server.url}${write.path}`, {
        method: write.method,
        ...write.init,
      });
      expect(res.status, `${write.method} ${write.path}`).toBeLessThan(300);
      const entries = await server.app.access.audit.query({ action: write.action, target: write.target, limit: 10 });
      expect(entries, write.action).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actor: write.session.username, outcome: 'ok' });
      expect(entries[0]?.requestId).toBe(res.headers.get('x-request-id'));
    }
    const issued = await authedFetch(admin, `${server.url}/api/admin/kiosk-tokens`, {
      method: 'POST',
      ...json({ label: 'Hall', regions: 'all' }),
    });
    const { token } = (await issued.json()) as { token: { id: string } };
    await authedFetch(admin, `${server.url}/api/admin/kiosk-tokens/${token.id}`, { method: 'DELETE' });
    for (const action of ['kiosk.issue', 'kiosk.revoke']) {
      const entries = await server.app.access.audit.query({ action, target: `kiosk:${token.id}`, limit: 10 });
      expect(entries).toHaveLength(1);
      expect(entries[0]?.actor).toBe(admin.username);
    }
  });

  it('caps writes per user per minute with 429 and Retry-After, reads still pass', async () => {
    const busy = await signIn(server, 'admin');
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 14; i += 1) {
      last = await authedFetch(busy, `${server.url}/api/admin/users/nobody-${i}`, {
        method: 'PATCH',
        ...json({ role: 'agent' }),
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 12).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await authedFetch(busy, `${server.url}/api/admin/users`)).status).toBe(200);
    // Another user's budget is their own.
    const other = await signIn(server, 'admin');
    const res = await authedFetch(other, `${server.url}/api/admin/users/nobody`, {
      method: 'PATCH',
      ...json({ role: 'agent' }),
    });
    expect(res.status).toBe(404);
  });
});
