import type { RateLimit } from '@shared';

/**
 * Token buckets per subject (a user, or a kiosk link) and event, shared by all of the
 * subject's sockets on this node: a second tab (or 2,000 of them) does not add budget.
 */
export interface SubjectRateLimiter<E extends string> {
  /** Takes one token: 0 when the event may pass, else ms until a token is back. */
  take(subject: string, event: E): number;
  /** Takes a token when one is left, never refuses (work the server does anyway, e.g. a handshake's snapshot). */
  takeIfAny(subject: string, event: E): void;
  /** Forgets subjects whose buckets have all refilled (they would start full anyway): memory stays bounded. */
  sweep(): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createSubjectRateLimiter<E extends string>(
  limits: Readonly<Record<E, RateLimit>>,
  now: () => number,
): SubjectRateLimiter<E> {
  const subjects = new Map<string, Map<E, Bucket>>();

  function bucketOf(subject: string, event: E): { bucket: Bucket; limit: RateLimit } {
    const limit = limits[event];
    let buckets = subjects.get(subject);
    if (!buckets) subjects.set(subject, (buckets = new Map()));
    let bucket = buckets.get(event);
    if (!bucket) buckets.set(event, (bucket = { tokens: limit.burst, at: now() }));
    const at = now();
    bucket.tokens = Math.min(limit.burst, bucket.tokens + Math.max(0, at - bucket.at) / limit.refillMs);
    bucket.at = at;
    return { bucket, limit };
  }

  return {
    take(subject, event) {
      const { bucket, limit } = bucketOf(subject, event);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) * limit.refillMs));
    },
    takeIfAny(subject, event) {
      const { bucket } = bucketOf(subject, event);
      if (bucket.tokens >= 1) bucket.tokens -= 1;
    },
    sweep() {
      const at = now();
      for (const [subject, buckets] of subjects) {
        const isFull = [...buckets].every(
          ([event, bucket]) => bucket.tokens + (at - bucket.at) / limits[event].refillMs >= limits[event].burst,
        );
        if (isFull) subjects.delete(subject);
      }
    },
  };
}
