import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindSocket, type SessionHooks } from '../../../../client/src/realtime/bindSocket';
import { DEFAULT_RECONNECT_MS, RECONNECT_JITTER_MS } from '../../../../client/src/realtime/reconnectPolicy';
import type { WallSocket } from '../../../../client/src/realtime/socket';
import type { SessionCheck } from '../../../../client/src/session/sessionContext';
import { createWallStore } from '../../../../client/src/state/wallStore';

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
