import type { RegionScope, Role } from '@shared';
import { uniqueId } from './events';
import type { TestServer } from './testServer';

export interface TestSession {
  username: string;
  password: string;
  /** Cookie header value for fetch and socket.io-client `extraHeaders`. */
  cookie: string;
}

/** Creates a user in the server's store and signs in through the real login route. */
export async function signIn(server: TestServer, role: Role, regions: RegionScope = 'all'): Promise<TestSession> {
  const username = uniqueId(role)
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .slice(0, 32);
  const password = `pw-${username}-secret`;
  await server.app.access.users.add({ username, password, role, regions });
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  return { username, password, cookie };
}

/** fetch with a session cookie. */
export function authedFetch(session: TestSession, url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, headers: { ...(init.headers ?? {}), cookie: session.cookie } });
}
