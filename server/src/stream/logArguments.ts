/**
 * Argument checks shared by both EventLog implementations, so the Redis log and the
 * memory log refuse the same mistakes with the same words (node-redis would silently
 * drop `COUNT 0`; `PEXPIRE 0` would delete a key at once).
 */
export function assertCount(count: number): void {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
}

export function assertBlockMs(blockMs: number): void {
  if (!Number.isInteger(blockMs) || blockMs < 0)
    throw new RangeError(`blockMs must be a non-negative integer, got ${blockMs}`);
}

export function assertWindowMs(name: string, ms: number): void {
  if (!Number.isInteger(ms) || ms < 1) throw new RangeError(`${name} must be a positive integer, got ${ms}`);
}
