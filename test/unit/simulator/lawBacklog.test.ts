import {
  applyEvent,
  createProjection,
  DEFAULT_CONFIRMATION_WINDOW_MS,
  isAwaitingConfirmation,
  isOpenStatus,
  type EventEnvelope,
  type StreamEvent,
} from '@shared';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLog } from '../../../server/src/embedded/memoryLog';
import { createSimulator, lawBacklogWindow } from '../../../server/src/simulator/createSimulator';
import { createFakeEventLog, type FakeEventLog } from './fakeEventLog';
import { kz } from './simulatedDay';

/**
 * The law's clock in the live demo (issue 17): an empty stream is seeded with weeks of long
 * appeals registered in the past, so legal deadlines have been reached and missed from the
 * first minute, and their later events keep coming live on the following days.
 */

const NOW = kz('2026-03-02T10:00');
const DAY = 86_400_000;

const envelopes = (log: FakeEventLog): EventEnvelope[] =>
  log.appended.map((entry) => JSON.parse(entry.fields.event as string) as EventEnvelope);

describe('the law backlog', () => {
  let log: FakeEventLog;
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    log = createFakeEventLog();
  });
  afterEach(() => vi.useRealTimers());

  it('seeds weeks of long appeals: open past the legal deadline, extended, awaiting the callback; later events come live', async () => {
    const simulator = createSimulator({
      log,
      logger: pino({ level: 'silent' }),
      rate: 0.02,
      longShare: 0.05, // 0.001 a second: about 86 long appeals a day
      lawBacklogDays: 28,
      seed: 3,
      burstChance: 0,
      intervalMs: 60_000,
      now: () => Date.now(),
    });
    simulator.start();
    await vi.advanceTimersByTimeAsync(1000);
    const seeded = envelopes(log);
    const times = seeded.map((e) => Date.parse(e.at));
    // Oldest first, nothing in the future, reaching back about four weeks.
    expect(times.findIndex((t, i) => i > 0 && t < (times[i - 1] as number))).toBe(-1);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW + 1000);
    expect(NOW - Math.min(...times)).toBeGreaterThan(27 * DAY);

    const state = createProjection();
    let applied = 0;
    const apply = (events: readonly EventEnvelope[]) =>
      events.forEach((e) => {
        applied += 1;
        applyEvent(state, { ...e, streamId: `${applied}-0` } as StreamEvent);
      });
    apply(seeded);
    expect(state.counters.ignored).toBe(0);
    const appeals = [...state.appeals.values()];
    const legalOverdue = appeals.filter((a) => isOpenStatus(a.status) && a.legalDueAt < NOW);
    const extended = appeals.filter((a) => a.extension !== null);
    const awaiting = appeals.filter((a) => isAwaitingConfirmation(a, NOW, DEFAULT_CONFIRMATION_WINDOW_MS));
    const openLong = appeals.filter((a) => isOpenStatus(a.status) && NOW - a.registeredAt > 5 * DAY);
    expect({
      legalOverdue: legalOverdue.length > 10,
      extended: extended.length > 10,
      awaiting: awaiting.length > 50,
      openForDays: openLong.length > 100,
      confirmed: appeals.some((a) => a.feedback?.result === 'confirmed'),
    }).toEqual({ legalOverdue: true, extended: true, awaiting: true, openForDays: true, confirmed: true });

    // Two days on: the backlog's appeals go on living (resolved, called back, closed) live.
    const before = log.appended.length;
    await vi.advanceTimersByTimeAsync(2 * DAY);
    await simulator.stop();
    const live = envelopes(log).slice(before);
    apply(live);
    const seededIds = new Set(seeded.filter((e) => e.type === 'appeal.registered').map((e) => e.data.appealId));
    const laterForSeeded = live.filter(
      (e) => e.type !== 'appeal.registered' && seededIds.has((e.data as { appealId?: string }).appealId ?? ''),
    );
    expect(laterForSeeded.length).toBeGreaterThan(100);
    expect(laterForSeeded.every((e) => Date.parse(e.at) > NOW)).toBe(true);
    expect(state.counters.ignored).toBe(0);
  }, 60_000);

  it('is written only to an empty stream, so a restart never seeds twice', async () => {
    const memory = createMemoryLog();
    expect(await lawBacklogWindow(memory, 'events', 28)).toBe(28);
    await memory.append('events', { event: '{}' });
    expect(await lawBacklogWindow(memory, 'events', 28)).toBe(0);
  });
});
