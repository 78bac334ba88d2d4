import { describe, expect, it } from 'vitest';
import { createSubjectRateLimiter } from '../../../../server/src/realtime/subjectRateLimiter';

/** Token buckets per subject and event (server/src/realtime/subjectRateLimiter.ts), on a hand-moved clock. */
describe('createSubjectRateLimiter', () => {
  const limits = { watch: { burst: 3, refillMs: 250 }, resume: { burst: 1, refillMs: 1000 } };

  function setup() {
    let now = 1_000_000;
    const limiter = createSubjectRateLimiter(limits, () => now);
    return { limiter, advance: (ms: number) => (now += ms) };
  }

  it('lets a burst through, then says how long until the next token', () => {
    const { limiter, advance } = setup();
    expect([1, 2, 3].map(() => limiter.take('user:a', 'watch'))).toEqual([0, 0, 0]);
    expect(limiter.take('user:a', 'watch')).toBe(250);
    advance(100);
    expect(limiter.take('user:a', 'watch')).toBe(150);
    advance(150);
    expect(limiter.take('user:a', 'watch')).toBe(0);
    expect(limiter.take('user:a', 'watch')).toBe(250);
  });

  it('keeps subjects and events apart', () => {
    const { limiter } = setup();
    for (let i = 0; i < 3; i += 1) limiter.take('user:a', 'watch');
    expect(limiter.take('user:a', 'watch')).toBeGreaterThan(0);
    expect(limiter.take('user:b', 'watch')).toBe(0);
    expect(limiter.take('kiosk:a', 'watch')).toBe(0);
    expect(limiter.take('user:a', 'resume')).toBe(0);
  });

  it('charges work without refusing it, and never lets tokens go below nothing', () => {
    const { limiter, advance } = setup();
    limiter.takeIfAny('user:a', 'resume');
    limiter.takeIfAny('user:a', 'resume');
    expect(limiter.take('user:a', 'resume')).toBe(1000);
    advance(1000);
    expect(limiter.take('user:a', 'resume')).toBe(0);
  });

  it('forgets only subjects whose buckets have refilled, so forgetting never hands out extra tokens', () => {
    const { limiter, advance } = setup();
    for (let i = 0; i < 3; i += 1) limiter.take('user:a', 'watch');
    limiter.take('user:b', 'resume');
    advance(750);
    limiter.sweep(); // user:a has refilled (3 × 250 ms) and is forgotten; user:b has not
    expect(limiter.take('user:b', 'resume')).toBe(250);
    expect([1, 2, 3].map(() => limiter.take('user:a', 'watch'))).toEqual([0, 0, 0]);
    expect(limiter.take('user:a', 'watch')).toBe(250);
  });
});
