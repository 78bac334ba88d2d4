/**
 * A token bucket for one socket's client events: `burst` at once, then one more every
 * `refillMs`. Returns a function that says whether the next event may pass.
 */
export function createRateGate(burst: number, refillMs: number, now: () => number): () => boolean {
  let tokens = burst;
  let last = now();
  return () => {
    const at = now();
    tokens = Math.min(burst, tokens + (at - last) / refillMs);
    last = at;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
