import { afterEach, describe, expect, it } from 'vitest';
import { createRequestGuard, type RequestGuard } from '../../../../server/src/realtime/createRequestGuard';
import type { BacklogLedger } from '../../../../server/src/realtime/backlog';
import { createSilentLogger } from '../../../../server/src/logger';

/** Just enough of a server socket for the guard: its subject, what it was sent, whether it was dropped. */
function fakeSocket(subject: string) {
  return {
    data: { subjectRoom: subject, user: { username: subject } },
    sent: [] as unknown[][],
    isDisconnected: false,
    emit(...args: unknown[]) {
      this.sent.push(args);
      return true;
    },
    disconnect() {
      this.isDisconnected = true;
      return this;
    },
  };
}
type FakeSocket = ReturnType<typeof fakeSocket>;
type GuardedSocket = Parameters<RequestGuard['admit']>[0];

/** The request guard (server/src/realtime/createRequestGuard.ts) with a queue that is full or not. */
function setup(isQueueFull: boolean) {
  const ledger: BacklogLedger = {
    allowQueued: () => undefined,
    measure: () => ({ backlog: { messages: 0, bytes: 0 }, allowed: 0 }),
    hasRoom: () => !isQueueFull,
  };
  const guard = createRequestGuard({
    ledger,
    logger: createSilentLogger(),
    now: () => 0,
    limits: { 'sync:resume': { burst: 1, refillMs: 1000 }, 'analytics:watch': { burst: 2, refillMs: 250 } },
  });
  guards.push(guard);
  const admit = (socket: FakeSocket, ack: unknown) =>
    guard.admit(socket as unknown as GuardedSocket, 'analytics:watch', ack);
  return { guard, admit };
}
const guards: RequestGuard[] = [];
afterEach(() => {
  for (const guard of guards.splice(0)) guard.close();
});

describe('createRequestGuard', () => {
  it('answers a request over the limit with an explicit, typed refusal', () => {
    const { admit } = setup(false);
    const socket = fakeSocket('user:a');
    const answers: unknown[] = [];
    const ack = (result: unknown) => answers.push(result);
    expect([admit(socket, ack), admit(socket, ack), admit(socket, ack)]).toEqual([true, true, false]);
    expect(answers).toEqual([
      { ok: false, error: 'too many requests: slow down', code: 'rate_limited', retryAfterMs: 250 },
    ]);
    expect(socket.isDisconnected).toBe(false);
  });

  it("shares the budget between a user's sockets, not with another user's", () => {
    const { admit } = setup(false);
    const [first, second, stranger] = [fakeSocket('user:a'), fakeSocket('user:a'), fakeSocket('user:b')];
    const ack = () => undefined;
    expect([admit(first, ack), admit(first, ack), admit(second, ack), admit(stranger, ack)]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });

  it('disconnects, saying why, a socket that is refused while it reads none of its answers', () => {
    const { admit } = setup(true);
    const socket = fakeSocket('user:a');
    const answers: unknown[] = [];
    const ack = (result: unknown) => answers.push(result);
    admit(socket, ack);
    admit(socket, ack);
    expect(admit(socket, ack)).toBe(false);
    // No answer queued on top of a full queue: the notice, then the socket is gone.
    expect(answers).toEqual([]);
    expect(socket.sent).toEqual([['server:evicted', { reason: 'flooding', limit: 2 }]]);
    expect(socket.isDisconnected).toBe(true);
  });

  it('charges work it never refuses against the same budget', () => {
    const { guard } = setup(false);
    const socket = fakeSocket('user:a') as unknown as GuardedSocket;
    guard.charge(socket, 'sync:resume');
    guard.charge(socket, 'sync:resume');
    expect(guard.admit(socket, 'sync:resume', () => undefined)).toBe(false);
  });
});
