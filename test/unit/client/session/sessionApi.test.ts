import { describe, expect, it } from 'vitest';
import { requestJson, type Fetcher } from '../../../../client/src/api/requestJson';
import { fetchMe, postChangePassword, postLogin, postLogout } from '../../../../client/src/session/sessionApi';
import { sessionUser } from '../fixtures';

interface Call {
  input: string;
  init: RequestInit;
}

/** A fetch that records its calls and answers with `respond()`. */
function fakeFetch(respond: () => Response | Promise<Response>): { fetcher: Fetcher; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetcher: async (input, init) => {
      calls.push({ input, init });
      return respond();
    },
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('requestJson', () => {
  it('sends writes as JSON, same-origin, uncached', async () => {
    const { fetcher, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const result = await requestJson('/api/admin/kiosk-tokens/x', { method: 'DELETE' }, fetcher);
    expect(result).toEqual({ ok: true, status: 204, data: null });
    const init = calls[0]?.init;
    expect(init?.method).toBe('DELETE');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.cache).toBe('no-store');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init?.body).toBe('{}');
  });

  it('sends no body or content type with a GET', async () => {
    const { fetcher, calls } = fakeFetch(() => json(200, { ok: 1 }));
    await requestJson('/api/auth/me', {}, fetcher);
    expect(calls[0]?.init.body).toBeUndefined();
    expect((calls[0]?.init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('reports errors with the server text and Retry-After, and network failures as status 0', async () => {
    const limited = fakeFetch(() =>
      json(429, { code: 'rate_limited', message: 'too many', field: 'x' }, { 'Retry-After': '120' }),
    );
    expect(await requestJson('/x', { method: 'POST' }, limited.fetcher)).toEqual({
      ok: false,
      status: 429,
      error: 'too many',
      code: 'rate_limited',
      field: 'x',
      retryAfter: '120',
    });
    const down = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await requestJson('/x', {}, down.fetcher)).toEqual({
      ok: false,
      status: 0,
      error: null,
      code: null,
      field: null,
      retryAfter: null,
    });
    const proxy = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await requestJson('/x', {}, proxy.fetcher)).toMatchObject({ ok: false, status: 502, error: null });
  });
});

describe('fetchMe', () => {
  it('reads the user, 401 as signed out, anything else as unreachable', async () => {
    const user = sessionUser('admin', { displayName: 'Админ' });
    expect(await fetchMe(fakeFetch(() => json(200, { user })).fetcher)).toEqual({ kind: 'signed-in', user });
    expect(
      await fetchMe(fakeFetch(() => json(401, { code: 'unauthenticated', message: 'sign in first' })).fetcher),
    ).toEqual({
      kind: 'signed-out',
    });
    expect(await fetchMe(fakeFetch(() => json(503, {})).fetcher)).toEqual({ kind: 'unreachable' });
    expect(await fetchMe(fakeFetch(() => json(200, { user: { username: 'x' } })).fetcher)).toEqual({
      kind: 'unreachable',
    });
  });
});

describe('postLogin', () => {
  it('posts the credentials as JSON and returns the user', async () => {
    const user = sessionUser('operator');
    const { fetcher, calls } = fakeFetch(() => json(200, { user }));
    const result = await postLogin({ username: 'operator1', password: 'secret-secret' }, fetcher);
    expect(result).toEqual({ ok: true, status: 200, data: user });
    expect(calls[0]?.input).toBe('/api/auth/login');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ username: 'operator1', password: 'secret-secret' });
  });

  it('passes refusals through', async () => {
    const { fetcher } = fakeFetch(() => json(401, { error: 'wrong username or password' }));
    expect(await postLogin({ username: 'a.b', password: 'x' }, fetcher)).toMatchObject({ ok: false, status: 401 });
  });
});

describe('a one-time password', () => {
  it('comes through a login as mustChangePassword, and is gone from the user a change returns', async () => {
    const bound = sessionUser('agent', { mustChangePassword: true });
    const login = await postLogin(
      { username: 'agent1', password: 'x' },
      fakeFetch(() => json(200, { user: bound })).fetcher,
    );
    expect(login).toEqual({ ok: true, status: 200, data: bound });

    const free = sessionUser('agent');
    const { fetcher, calls } = fakeFetch(() => json(200, { user: free }));
    const body = { currentPassword: 'Temp-from-admin-42', newPassword: 'Steppe wind at dawn' };
    expect(await postChangePassword(body, fetcher)).toEqual({ ok: true, status: 200, data: free });
    expect(calls[0]?.input).toBe('/api/auth/password');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual(body);
    const refused = await postChangePassword(
      body,
      fakeFetch(() => json(403, { code: 'wrong_password', message: 'x' })).fetcher,
    );
    expect(refused).toMatchObject({ ok: false, status: 403, code: 'wrong_password' });
  });
});

describe('postLogout', () => {
  it('is done on 204, and when the session was already gone', async () => {
    expect(await postLogout(fakeFetch(() => new Response(null, { status: 204 })).fetcher)).toBe(true);
    expect(await postLogout(fakeFetch(() => json(401, {})).fetcher)).toBe(true);
    expect(await postLogout(fakeFetch(() => Promise.reject(new TypeError('offline'))).fetcher)).toBe(false);
  });
});
