/** Timer functions, injectable so tests drive time by hand. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface Batcher {
  /** Asks for a flush; requests within one interval share a single flush. */
  request(): void;
  /** Flushes now (and drops a pending timed flush). */
  flushNow(): void;
  /** Drops a pending flush. */
  cancel(): void;
}

/**
 * Throttle with a leading edge: the first request after a quiet spell flushes on the next
 * tick (a lone event shows at once), later ones ride along until `intervalMs` after the
 * previous flush. At 50 events/s this is 1000/intervalMs flushes a second. A timer rather
 * than requestAnimationFrame: rAF stops in hidden or occluded windows, and a wall
 * browser is often one.
 */
export function createBatcher(flush: () => void, intervalMs: number, timers: Timers = browserTimers): Batcher {
  let pending: unknown = null;
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  const run = (): void => {
    pending = null;
    lastFlushAt = timers.now();
    flush();
  };
  return {
    request() {
      if (pending !== null) return;
      const wait = Math.max(0, lastFlushAt + intervalMs - timers.now());
      pending = timers.setTimeout(run, wait);
    },
    flushNow() {
      if (pending !== null) timers.clearTimeout(pending);
      run();
    },
    cancel() {
      if (pending !== null) timers.clearTimeout(pending);
      pending = null;
    },
  };
}
