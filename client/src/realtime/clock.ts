import { useSyncExternalStore } from 'react';

/** Tick of the on-screen clock (ages, staleness). */
export const CLOCK_TICK_MS = 1000;

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of [...listeners]) l();
    }, CLOCK_TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * The client clock, re-read once a second. One shared interval for the whole page;
 * only components that show an age use it, so the rest of the wall is not re-rendered.
 */
export function useNow(): number {
  const read = () => now;
  return useSyncExternalStore(subscribe, read, read);
}
