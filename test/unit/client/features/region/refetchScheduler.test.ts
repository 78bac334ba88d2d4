import { describe, expect, it } from 'vitest';
import {
  createRefetchScheduler,
  laterCursor,
  scanFeed,
} from '../../../../../client/src/features/region/refetchScheduler';
import type { Timers } from '../../../../../client/src/state/batcher';

/** Timers driven by hand. */
function manualTimers() {
  let now = 0;
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
  const advance = async (ms: number) => {
    now += ms;
    for (const [id, timer] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > now) continue;
      pending.delete(id);
      timer.fn();
    }
    // Let resolved runs settle.
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  };
  return { timers, advance, pending: () => pending.size };
}

/** A run whose completion the test controls. */
function controlledRun() {
  const finishers: (() => void)[] = [];
  let calls = 0;
  const run = () => {
    calls += 1;
    return new Promise<void>((resolve) => finishers.push(resolve));
  };
  return { run, calls: () => calls, finish: () => finishers.shift()?.() };
}

describe('createRefetchScheduler', () => {
  it('turns a burst of changes into one read after the delay', async () => {
    const { timers, advance } = manualTimers();
    const { run, calls } = controlledRun();
    const scheduler = createRefetchScheduler(run, { delayMs: 1500, timers });
    for (let i = 0; i < 20; i += 1) scheduler.request();
    await advance(1499);
    expect(calls()).toBe(0);
    await advance(1);
    expect(calls()).toBe(1);
  });

  it('keeps one read in flight and queues exactly one more for changes meanwhile', async () => {
    const { timers, advance } = manualTimers();
    const { run, calls, finish } = controlledRun();
    const scheduler = createRefetchScheduler(run, { delayMs: 1000, timers });
    scheduler.request();
    await advance(1000);
    expect(calls()).toBe(1);
    scheduler.request();
    scheduler.request();
    await advance(5000);
    expect(calls()).toBe(1);
    finish();
    await advance(0);
    await advance(999);
    expect(calls()).toBe(1);
    await advance(1);
    expect(calls()).toBe(2);
    finish();
    await advance(10_000);
    expect(calls()).toBe(2);
  });

  it('still fires under steady traffic (a throttle, not a debounce)', async () => {
    const { timers, advance } = manualTimers();
    const { run, calls, finish } = controlledRun();
    const scheduler = createRefetchScheduler(run, { delayMs: 1000, timers });
    for (let t = 0; t < 10; t += 1) {
      scheduler.request();
      await advance(500);
      finish();
    }
    expect(calls()).toBeGreaterThanOrEqual(3);
  });

  it('runs at once on runNow, queued behind a read in flight', async () => {
    const { timers, advance } = manualTimers();
    const { run, calls, finish } = controlledRun();
    const scheduler = createRefetchScheduler(run, { delayMs: 1000, timers });
    scheduler.request();
    scheduler.runNow();
    expect(calls()).toBe(1);
    scheduler.runNow();
    expect(calls()).toBe(1);
    finish();
    await advance(0);
    expect(calls()).toBe(2);
  });

  it('survives a failing read and does nothing after dispose', async () => {
    const { timers, advance, pending } = manualTimers();
    let calls = 0;
    const scheduler = createRefetchScheduler(
      () => {
        calls += 1;
        return Promise.reject(new Error('offline'));
      },
      { delayMs: 100, timers },
    );
    scheduler.request();
    await advance(100);
    scheduler.request();
    await advance(100);
    expect(calls).toBe(2);
    scheduler.request();
    scheduler.dispose();
    expect(pending()).toBe(0);
    await advance(1000);
    scheduler.request();
    scheduler.runNow();
    expect(calls).toBe(2);
  });
});

describe('scanFeed', () => {
  const ev = (ms: number, region: string) => ({ streamId: `${ms}-0`, region }) as const;
  const regions = new Set(['KZ-63', 'KZ-10']);

  it('finds events of the regions after the cursor and moves the cursor up', () => {
    const feed = [ev(1, 'KZ-75'), ev(2, 'KZ-63'), ev(3, 'KZ-75')];
    expect(scanFeed(feed as never, '1-0', regions)).toEqual({ hasChanges: true, through: '3-0' });
    expect(scanFeed(feed as never, '2-0', regions)).toEqual({ hasChanges: false, through: '3-0' });
    expect(scanFeed(feed as never, '3-0', regions)).toEqual({ hasChanges: false, through: '3-0' });
  });

  it('counts a feed that moved past the cursor (events may have been dropped) as a change', () => {
    expect(scanFeed([ev(10, 'KZ-75')] as never, '5-0', regions).hasChanges).toBe(true);
  });

  it('says nothing for an empty feed', () => {
    expect(scanFeed([], '5-0', regions)).toEqual({ hasChanges: false, through: '5-0' });
  });

  it('compares stream ids numerically', () => {
    expect(laterCursor('9-0', '10-0')).toBe('10-0');
    expect(laterCursor('10-1', '10-0')).toBe('10-1');
    expect(laterCursor('junk', '3-0')).toBe('3-0');
  });
});
