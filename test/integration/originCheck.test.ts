import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let port: number;
const user = { username: 'origin-check', password: 'origin-check-password' };

beforeAll(async () => {
  server = await startTestServer();
  port = Number(new URL(server.url).port);
  await server.app.access.users.add({ ...user, role: 'operator', regions: 'all' });
});
afterAll(async () => {
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
});

/** One request to the server at 127.0.0.1 with exactly these Host and Origin headers. */
function request(
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; isUpgraded: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, isUpgraded: false });
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, isUpgraded: true });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const login = (host: string, origin: string) =>
  request(
    '/api/auth/login',
    { host, origin, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    JSON.stringify(user),
  );

/** A browser's WebSocket upgrade to Socket.IO: 101, or 400 when engine.io refuses it (before any session lookup). */
const upgrade = (host: string, origin: string) =>
  request('/socket.io/?EIO=4&transport=websocket', {
    host,
    origin,
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-version': '13',
    'sec-websocket-key': randomBytes(16).toString('base64'),
  });

describe('origin check on HTTP and the Socket.IO handshake (real server)', () => {
  it('accepts the server’s own loopback origin', async () => {
    expect((await login(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`)).status).toBe(200);
    expect((await login(`localhost:${port}`, `http://localhost:${port}`)).status).toBe(200);
    const ws = await upgrade(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`);
    expect(ws).toEqual({ status: 101, isUpgraded: true });
    const poll = await request('/socket.io/?EIO=4&transport=polling', {
      host: `127.0.0.1:${port}`,
      origin: `http://127.0.0.1:${port}`,
    });
    expect(poll.status).toBe(200);
  });

  it('refuses a DNS-rebinding pair: Host and Origin agree, but on a name that is not this server’s', async () => {
    const host = `evil.example:${port}`;
    const origin = `http://evil.example:${port}`;
    expect((await login(host, origin)).status).toBe(403);
    expect(await upgrade(host, origin)).toEqual({ status: 400, isUpgraded: false });
    const poll = await request('/socket.io/?EIO=4&transport=polling', { host, origin });
    expect(poll.status).toBe(403);
  });

  it('refuses an https Origin on a plain-http server (scheme mismatch), same host and port', async () => {
    const host = `127.0.0.1:${port}`;
    expect((await login(host, `https://127.0.0.1:${port}`)).status).toBe(403);
    expect(await upgrade(host, `https://127.0.0.1:${port}`)).toEqual({ status: 400, isUpgraded: false });
  });
});
