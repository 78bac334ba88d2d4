import { describe, expect, it } from 'vitest';
import {
  isRetryableStatus,
  newIdempotencyKey,
  postWrite,
  readApiError,
} from '../../../../../client/src/features/agent/writeApi';

type Call = { input: string; init: RequestInit };

function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Call[] = [];
  const fetcher = (input: string, init: RequestInit) => {
    calls.push({ input, init });
    return Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
    );
  };
  return { calls, fetcher };
}

const ACCEPTED = { eventId: 'ev-1', cursor: '1795000000000-3', appealId: 'A-71-1' };

describe('postWrite', () => {
  it('sends JSON with the idempotency key, same-origin, uncached', async () => {
    const { calls, fetcher } = answering(202, ACCEPTED);
    const outcome = await postWrite('/api/appeals', { a: 1 }, 'key-1', fetcher);
    expect(outcome).toEqual({ kind: 'accepted', data: ACCEPTED });
    const [call] = calls;
    expect(call?.input).toBe('/api/appeals');
    expect(call?.init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      body: '{"a":1}',
    });
    expect(call?.init.headers).toMatchObject({ 'Content-Type': 'application/json', 'Idempotency-Key': 'key-1' });
  });

  it('retries on no answer, 5xx, 408 and 429, honouring Retry-After', async () => {
    const failing = (input: string, init: RequestInit) => {
      void input;
      void init;
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    expect(await postWrite('/api/appeals', {}, 'k', failing)).toEqual({ kind: 'retry', status: 0, retryAfterMs: null });
    expect(await postWrite('/api/appeals', {}, 'k', answering(503, null).fetcher)).toEqual({
      kind: 'retry',
      status: 503,
      retryAfterMs: null,
    });
    expect(
      await postWrite(
        '/api/appeals',
        {},
        'k',
        answering(429, { code: 'rate_limited', message: 'x' }, { 'Retry-After': '7' }).fetcher,
      ),
    ).toEqual({
      kind: 'retry',
      status: 429,
      retryAfterMs: 7000,
    });
    for (const status of [0, 408, 429, 500, 502, 503, 504])
      expect(isRetryableStatus(status), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422])
      expect(isRetryableStatus(status), String(status)).toBe(false);
  });

  it('reads a refusal with its code, message and field', async () => {
    const body = { code: 'invalid', message: 'citizen.phone: not a Kazakh phone number', field: 'citizen.phone' };
    expect(await postWrite('/api/appeals', {}, 'k', answering(422, body).fetcher)).toEqual({
      kind: 'refused',
      status: 422,
      error: body,
    });
    expect(
      await postWrite('/x', {}, 'k', answering(409, { code: 'invalid_transition', message: 'no' }).fetcher),
    ).toEqual({
      kind: 'refused',
      status: 409,
      error: { code: 'invalid_transition', message: 'no' },
    });
    expect(await postWrite('/x', {}, 'k', answering(401, { error: 'sign in first' }).fetcher)).toEqual({
      kind: 'signed-out',
    });
  });

  it('does not loop on a 2xx it cannot read', async () => {
    expect(await postWrite('/x', {}, 'k', answering(202, { eventId: 'e', cursor: 'not-a-cursor' }).fetcher)).toEqual({
      kind: 'refused',
      status: 202,
      error: null,
    });
  });
});

describe('readApiError', () => {
  it('reads the write API error shape, and the older { error } one', () => {
    expect(readApiError({ code: 'c', message: 'm' })).toEqual({ code: 'c', message: 'm' });
    expect(readApiError({ error: 'sign in first' })).toEqual({ code: 'error', message: 'sign in first' });
    expect(readApiError('<html>')).toBeNull();
    expect(readApiError(null)).toBeNull();
  });
});

describe('newIdempotencyKey', () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('is a fresh UUID v4 each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(UUID_V4);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it('is built from getRandomValues where randomUUID is missing (plain http on a LAN)', () => {
    const insecure = { getRandomValues: (array: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(array) };
    const key = newIdempotencyKey(insecure);
    expect(key).toMatch(UUID_V4);
    expect(newIdempotencyKey(insecure)).not.toBe(key);
  });
});
