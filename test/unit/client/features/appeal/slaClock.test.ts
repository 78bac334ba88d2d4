import { describe, expect, it } from 'vitest';
import {
  countdownParts,
  formatCountdown,
  resolutionClock,
  responseClock,
} from '../../../../../client/src/features/appeal/slaClock';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-11-27T10:00:00+05:00');

const base = {
  status: 'registered' as const,
  registeredAt: T0,
  respondedAt: null,
  resolvedAt: null,
  responseDueAt: T0 + HOUR,
  dueAt: T0 + 24 * HOUR,
};

describe('SLA clocks', () => {
  it('counts down to both targets while nothing has happened', () => {
    expect(responseClock(base, T0 + 20 * MIN)).toEqual({ state: 'running', targetMs: HOUR, remainingMs: 40 * MIN });
    expect(resolutionClock(base, T0 + HOUR)).toEqual({ state: 'running', targetMs: 24 * HOUR, remainingMs: 23 * HOUR });
  });

  it('turns overdue past a target while the appeal is open', () => {
    expect(responseClock(base, T0 + 90 * MIN)).toEqual({ state: 'overdue', targetMs: HOUR, overdueByMs: 30 * MIN });
    expect(resolutionClock({ ...base, status: 'in_progress' }, T0 + 25 * HOUR)).toMatchObject({
      state: 'overdue',
      overdueByMs: HOUR,
    });
  });

  it('stops when the target is reached: on time or late', () => {
    expect(responseClock({ ...base, respondedAt: T0 + 30 * MIN }, T0 + 5 * HOUR)).toEqual({
      state: 'met',
      targetMs: HOUR,
      tookMs: 30 * MIN,
    });
    expect(responseClock({ ...base, respondedAt: T0 + 2 * HOUR }, T0 + 5 * HOUR)).toEqual({
      state: 'missed',
      targetMs: HOUR,
      tookMs: 2 * HOUR,
      lateByMs: HOUR,
    });
    expect(resolutionClock({ ...base, status: 'closed', resolvedAt: T0 + 3 * HOUR }, T0 + 48 * HOUR)).toMatchObject({
      state: 'met',
      tookMs: 3 * HOUR,
    });
  });

  it('says "stopped" for an appeal finished without reaching the target', () => {
    expect(resolutionClock({ ...base, status: 'rejected' }, T0 + 48 * HOUR)).toEqual({
      state: 'stopped',
      targetMs: 24 * HOUR,
    });
    expect(responseClock({ ...base, status: 'closed' }, T0 + 48 * HOUR).state).toBe('stopped');
  });

  it('does not call a first-call resolution a missed response (issue 18)', () => {
    const atOnce = { ...base, status: 'resolved' as const, resolvedAt: T0 + 3 * HOUR };
    expect(responseClock(atOnce, T0 + 48 * HOUR)).toEqual({ state: 'firstCall', targetMs: HOUR, tookMs: 3 * HOUR });
    expect(responseClock({ ...atOnce, status: 'closed' }, T0 + 48 * HOUR).state).toBe('firstCall');
    expect(resolutionClock(atOnce, T0 + 48 * HOUR)).toMatchObject({ state: 'met', tookMs: 3 * HOUR });
    // Routed first, then resolved: the response target was met or missed as usual.
    expect(responseClock({ ...atOnce, respondedAt: T0 + 2 * HOUR }, T0 + 48 * HOUR).state).toBe('missed');
    // Reopened (resolvedAt cleared) and still unrouted: the response clock runs again.
    expect(responseClock({ ...base, status: 'reopened' }, T0 + 30 * MIN).state).toBe('running');
  });

  it('runs again after a reopen (resolvedAt cleared by the projection)', () => {
    expect(resolutionClock({ ...base, status: 'reopened' }, T0 + 2 * HOUR).state).toBe('running');
  });
});

describe('countdown formatting', () => {
  const days = (n: number) => `${n} дн.`;

  it('splits a duration, rounding down to whole seconds', () => {
    expect(countdownParts(HOUR + 5 * MIN + 9_999)).toEqual({ days: 0, hours: 1, minutes: 5, seconds: 9 });
    expect(countdownParts(3 * 24 * HOUR + 4 * HOUR)).toEqual({ days: 3, hours: 4, minutes: 0, seconds: 0 });
    expect(countdownParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
    expect(countdownParts(Number.NaN)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it('ticks as h:mm:ss under a day and as days plus hh:mm above', () => {
    expect(formatCountdown(HOUR + 5 * MIN + 9_000, days)).toBe('1:05:09');
    expect(formatCountdown(59_000, days)).toBe('0:00:59');
    expect(formatCountdown(23 * HOUR + 59 * MIN + 59_999, days)).toBe('23:59:59');
    expect(formatCountdown(7 * 24 * HOUR + 2 * HOUR + 3 * MIN, days)).toBe('7 дн. 02:03');
  });
});
