import { describe, expect, it } from 'vitest';
import { newIdempotencyKey, postWrite, type WriteOutcome } from '../../../../../client/src/features/agent/writeApi';
import {
  RETRY_AFTER_CAP_MS,
  RETRY_MAX_MS,
  retryDelayMs,
  runWrite,
  type WritePhase,
} from '../../../../../client/src/features/agent/writeRunner';
import type { Timers } from '../../../../../client/src/state/batcher';

/** Timers driven by hand. */
function manualTimers() {
  let now = 1_000_000;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
    now: () => now,
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...pending]) {
      if (timer.at <= now) {
        pending.delete(id);
        timer.fn();
      }
    }
  };
  return { timers, advance, pending };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const ACCEPTED: WriteOutcome = { kind: 'accepted', data: { eventId: 'e', cursor: '5-0', appealId: 'A-1' } };

describe('retryDelayMs', () => {
  it('doubles from one second up to thirty, with up to 20 % jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, null, 0))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(retryDelayMs(1, null, 0.999)).toBe(1200);
    expect(retryDelayMs(50, null, 0)).toBe(RETRY_MAX_MS);
  });

  it('honours Retry-After, capped', () => {
    expect(retryDelayMs(1, 7000, 0.5)).toBe(7000);
    expect(retryDelayMs(9, 0, 0.5)).toBe(0);
    expect(retryDelayMs(1, 24 * 3600_000, 0)).toBe(RETRY_AFTER_CAP_MS);
  });
});

describe('runWrite', () => {
  it('sends the same request again after no answer and a 503, until it is accepted', async () => {
    const { timers, advance } = manualTimers();
    const answers: WriteOutcome[] = [
      { kind: 'retry', status: 0, retryAfterMs: null },
      { kind: 'retry', status: 503, retryAfterMs: null },
      ACCEPTED,
    ];
    let sends = 0;
    const phases: WritePhase[] = [];
    runWrite(
      () => {
        sends += 1;
        return Promise.resolve(answers.shift() as WriteOutcome);
      },
      (phase) => phases.push(phase),
      { timers, random: () => 0 },
    );
    await flush();
    expect(phases.at(-1)).toEqual({ phase: 'waiting', attempt: 1, status: 0, retryAt: 1_001_000 });
    advance(999);
    expect(sends).toBe(1);
    advance(1);
    await flush();
    expect(phases.at(-1)).toEqual({ phase: 'waiting', attempt: 2, status: 503, retryAt: 1_003_000 });
    advance(2000);
    await flush();
    expect(sends).toBe(3);
    expect(phases.map((p) => p.phase)).toEqual(['sending', 'waiting', 'sending', 'waiting', 'sending', 'accepted']);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    const { timers, advance } = manualTimers();
    const answers: WriteOutcome[] = [{ kind: 'retry', status: 429, retryAfterMs: 10_000 }, ACCEPTED];
    let sends = 0;
    runWrite(
      () => {
        sends += 1;
        return Promise.resolve(answers.shift() as WriteOutcome);
      },
      () => undefined,
      { timers, random: () => 0 },
    );
    await flush();
    advance(9_999);
    expect(sends).toBe(1);
    advance(1);
    expect(sends).toBe(2);
  });

  it('stops at a refusal or a lost session, without sending again', async () => {
    for (const outcome of [
      { kind: 'refused', status: 422, error: { code: 'invalid', message: 'm', field: 'description' } },
      { kind: 'signed-out' },
    ] as WriteOutcome[]) {
      const { timers, pending } = manualTimers();
      const phases: WritePhase[] = [];
      runWrite(
        () => Promise.resolve(outcome),
        (phase) => phases.push(phase),
        { timers },
      );
      await flush();
      expect(phases.map((p) => p.phase)).toEqual(['sending', outcome.kind === 'refused' ? 'refused' : 'signed-out']);
      expect(pending.size).toBe(0);
    }
  });

  it('can be told to retry now, or to stop (a late answer is then ignored)', async () => {
    const { timers, pending } = manualTimers();
    let sends = 0;
    const phases: WritePhase[] = [];
    const run = runWrite(
      () => {
        sends += 1;
        return Promise.resolve<WriteOutcome>({ kind: 'retry', status: 0, retryAfterMs: null });
      },
      (phase) => phases.push(phase),
      { timers, random: () => 0 },
    );
    await flush();
    run.retryNow();
    expect(sends).toBe(2);
    await flush();
    run.stop();
    expect(pending.size).toBe(0);
    expect(phases.at(-1)).toEqual({ phase: 'stopped' });
    run.retryNow();
    expect(sends).toBe(2);
  });

  it('treats a send that throws as no answer', async () => {
    const { timers } = manualTimers();
    const phases: WritePhase[] = [];
    runWrite(
      () => Promise.reject(new Error('boom')),
      (phase) => phases.push(phase),
      { timers, random: () => 0 },
    );
    await flush();
    expect(phases.at(-1)).toMatchObject({ phase: 'waiting', status: 0 });
  });

  it('keeps one idempotency key across every retry of a write', async () => {
    const { timers, advance } = manualTimers();
    const keys: string[] = [];
    const statuses = [503, 429, 202];
    const fetcher = (_input: string, init: RequestInit) => {
      keys.push((init.headers as Record<string, string>)['Idempotency-Key'] ?? '');
      const status = statuses.shift() ?? 500;
      const body = status === 202 ? { eventId: 'e', cursor: '9-0', appealId: 'A-9' } : { code: 'x', message: 'x' };
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    };
    const key = newIdempotencyKey();
    const phases: WritePhase[] = [];
    runWrite(
      () => postWrite('/api/appeals', { a: 1 }, key, fetcher),
      (p) => phases.push(p),
      { timers, random: () => 0 },
    );
    for (let i = 0; i < 3; i += 1) {
      await flush();
      advance(60_000);
    }
    await flush();
    expect(keys).toEqual([key, key, key]);
    expect(phases.at(-1)).toMatchObject({ phase: 'accepted', data: { appealId: 'A-9' } });
  });
});
