/** Timer functions, injectable so tests drive time by hand. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
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
 * Trailing throttle: the first request after a quiet spell flushes `intervalMs` later,
 * and every request meanwhile rides along. At 50 events/s this is 1000/intervalMs
 * flushes a second. A timer rather than requestAnimationFrame: rAF stops in hidden or
 * occluded windows, and a wall browser is often one.
 */
export function createBatcher(flush: () => void, intervalMs: number, timers: Timers = browserTimers): Batcher {
  let pending: unknown = null;
  const run = (): void => {
    pending = null;
    flush();
  };
  return {
    request() {
      if (pending === null) pending = timers.setTimeout(run, intervalMs);
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
