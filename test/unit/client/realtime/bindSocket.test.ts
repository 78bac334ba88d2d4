import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindSocket, type SessionHooks } from '../../../../client/src/realtime/bindSocket';
import { DEFAULT_RECONNECT_MS, RECONNECT_JITTER_MS } from '../../../../client/src/realtime/reconnectPolicy';
import type { WallSocket } from '../../../../client/src/realtime/socket';
import type { SessionCheck } from '../../../../client/src/session/sessionContext';
import { createWallStore } from '../../../../client/src/state/wallStore';
import { snapshotOf } from '../fixtures';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io-client Socket for bindSocket: handlers, connect, disconnect. */
class FakeSocket {
  connected = false;
  active = false;
  connects = 0;
  private handlers = new Map<string, Handler[]>();

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  /** Requests sent with an acknowledgement (`socket.timeout(ms).emit(event, payload, ack)`). */
  requests: { event: string; payload: unknown; ack: (err: Error | null, result: unknown) => void }[] = [];

  timeout(): this {
    return this;
  }
  emit(event: string, payload: unknown, ack: (err: Error | null, result: unknown) => void): this {
    this.requests.push({ event, payload, ack });
    return this;
  }
  connect(): this {
    this.connects += 1;
    return this;
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
}

function setup(check: () => Promise<SessionCheck> = () => Promise.resolve('valid')) {
  const socket = new FakeSocket();
  const store = createWallStore();
  const session = { onUnauthorized: vi.fn<() => void>(), verifySession: vi.fn(check) } satisfies SessionHooks;
  const unbind = bindSocket(socket as unknown as WallSocket, store, session);
  return { socket, store, session, unbind };
}

/** Lets pending promise callbacks run (fake timers do not drive microtasks). */
const settle = () => vi.advanceTimersByTimeAsync(0);
const AFTER_ANY_RETRY = DEFAULT_RECONNECT_MS + RECONNECT_JITTER_MS + 10_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('bindSocket and the session', () => {
  it('shows the login page on an unauthorized handshake and never retries it', async () => {
    const { socket, session, store } = setup();
    socket.fire('connect_error', new Error('unauthorized: sign in first'));
    await vi.advanceTimersByTimeAsync(AFTER_ANY_RETRY);
    expect(session.onUnauthorized).toHaveBeenCalledTimes(1);
    expect(socket.connects).toBe(0);
    expect(store.getView().link.connection).toBe('disconnected');
  });

  it('keeps retrying other refusals', async () => {
    const { socket, session } = setup();
    socket.fire('connect_error', new Error('authentication unavailable, retry'));
    await vi.advanceTimersByTimeAsync(AFTER_ANY_RETRY);
    expect(session.onUnauthorized).not.toHaveBeenCalled();
    expect(socket.connects).toBe(1);
  });

  it('re-reads the session after a forced disconnect and reconnects while it is valid', async () => {
    const { socket, session } = setup(() => Promise.resolve('valid'));
    socket.fire('disconnect', 'io server disconnect');
    await settle();
    expect(session.verifySession).toHaveBeenCalledTimes(1);
    expect(socket.connects).toBe(1);
  });

  it('stays down when the session is gone (the gate shows the login page)', async () => {
    const { socket } = setup(() => Promise.resolve('invalid'));
    socket.fire('disconnect', 'io server disconnect');
    await vi.advanceTimersByTimeAsync(AFTER_ANY_RETRY);
    expect(socket.connects).toBe(0);
  });

  it('falls back to the usual delayed retry when the check itself fails', async () => {
    const { socket } = setup(() => Promise.resolve('unknown'));
    socket.fire('disconnect', 'io server disconnect');
    await settle();
    expect(socket.connects).toBe(0);
    await vi.advanceTimersByTimeAsync(AFTER_ANY_RETRY);
    expect(socket.connects).toBe(1);
  });

  it('does not re-read the session for an announced shutdown', async () => {
    const { socket, session } = setup();
    socket.fire('server:shutdown', { reconnectInMs: 500 });
    socket.fire('disconnect', 'io server disconnect');
    await vi.advanceTimersByTimeAsync(AFTER_ANY_RETRY);
    expect(session.verifySession).not.toHaveBeenCalled();
    expect(socket.connects).toBe(1);
  });

  it('does not reconnect a socket that was unbound while the check ran', async () => {
    let answer: (check: SessionCheck) => void = () => undefined;
    const { socket, unbind } = setup(() => new Promise((resolve) => (answer = resolve)));
    socket.fire('disconnect', 'io server disconnect');
    unbind();
    answer('valid');
    await vi.advanceTimersByTimeAsync(AFTER_ANY_RETRY);
    expect(socket.connects).toBe(0);
  });
});

describe('bindSocket and the server limits', () => {
  it('stays down after being pushed out by a newer tab, and keeps the reason for the page to show', async () => {
    const { socket, session, store } = setup();
    socket.fire('server:evicted', { reason: 'session_sockets', limit: 8 });
    socket.fire('disconnect', 'io server disconnect');
    await vi.advanceTimersByTimeAsync(AFTER_ANY_RETRY);
    // Reconnecting would push out the next oldest tab, which would do the same: no ping-pong.
    expect(socket.connects).toBe(0);
    expect(session.verifySession).not.toHaveBeenCalled();
    expect(store.getView().link).toMatchObject({
      connection: 'disconnected',
      evicted: { reason: 'session_sockets', limit: 8 },
    });
  });

  it('reconnects after being dropped for flooding, and forgets the reason once connected', async () => {
    const { socket, store } = setup();
    socket.fire('server:evicted', { reason: 'flooding', limit: 10 });
    socket.fire('disconnect', 'io server disconnect');
    await settle();
    expect(socket.connects).toBe(1);
    socket.fire('connect');
    expect(store.getView().link.evicted).toBeNull();
  });

  it('sends the filter again when the server says it came too fast, and shows no error for it', async () => {
    const { socket, store } = setup();
    socket.connected = true;
    store.watchAnalytics({ window: '1h' });
    const first = socket.requests.at(-1);
    expect(first).toMatchObject({ event: 'analytics:watch', payload: { window: '1h' } });
    first?.ack(null, { ok: false, error: 'too many requests: slow down', code: 'rate_limited', retryAfterMs: 250 });
    // The user clicked on meanwhile: the filter current when a token is back is the one sent.
    store.watchAnalytics({ window: '24h', region: 'KZ-71' });
    socket.requests.at(-1)?.ack(null, { ok: false, error: 'too many requests: slow down', code: 'rate_limited' });
    const sent = socket.requests.length;
    await vi.advanceTimersByTimeAsync(250);
    expect(socket.requests.length).toBe(sent + 1);
    expect(socket.requests.at(-1)).toMatchObject({
      event: 'analytics:watch',
      payload: { window: '24h', region: 'KZ-71' },
    });
    expect(store.getView().analyticsError).toBeNull();
  });

  it('asks to resume again when refused as too fast, instead of dropping to a full snapshot', async () => {
    const { socket } = setup();
    socket.connected = true;
    socket.fire('sync:snapshot', snapshotOf([], 0, '100-0'));
    // A frame that starts after our cursor: events are missing, ask for them.
    socket.fire('sync:frame', { from: '105-0', cursor: '106-0', events: [], replay: false, serverTime: 0 });
    const resume = socket.requests.find((r) => r.event === 'sync:resume');
    expect(resume).toBeDefined();
    resume?.ack(null, { ok: false, error: 'too many requests: slow down', code: 'rate_limited', retryAfterMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.requests.filter((r) => r.event === 'sync:resume')).toHaveLength(2);
    // A restart would have reconnected without a cursor.
    expect(socket.connects).toBe(0);
  });
});
