import { eventEnvelopeSchema, type EventEnvelope } from '@shared';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulator, type SimulatorOptions } from '../../../server/src/simulator/createSimulator';
import { createFakeEventLog, type FakeEventLog } from './fakeEventLog';
import { kz, MINUTE } from './simulatedDay';

const NOW = kz('2026-01-15T10:00');

/** A pino logger whose lines land in `lines` (parsed). */
function captureLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function envelopes(log: FakeEventLog): EventEnvelope[] {
  return log.appended.map((entry) => JSON.parse(entry.fields.event as string) as EventEnvelope);
}

describe('createSimulator', () => {
  let log: FakeEventLog;
  let captured: ReturnType<typeof captureLogger>;
  const make = (options: Partial<SimulatorOptions> = {}) =>
    createSimulator({
      log,
      logger: captured.logger,
      rate: 2,
      seed: 1,
      burstChance: 0,
      now: () => Date.now(),
      ...options,
    });

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    log = createFakeEventLog();
    captured = captureLogger();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('appends valid envelopes to the events stream, in time order, as time passes', async () => {
    const simulator = make();
    simulator.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await simulator.stop();
    const written = envelopes(log);
    expect(written.length).toBeGreaterThan(60);
    expect(
      log.appended.every((entry) => entry.stream === 'events' && Object.keys(entry.fields).join() === 'event'),
    ).toBe(true);
    expect(written.filter((e) => !eventEnvelopeSchema.safeParse(e).success)).toEqual([]);
    const times = written.map((e) => Date.parse(e.at));
    expect(times.findIndex((t, i) => i > 0 && t < (times[i - 1] as number))).toBe(-1);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW + 60_000);
  });

  it('backfills the last N minutes with past times, oldest first, before going live', async () => {
    const simulator = make({ backfillMinutes: 30 });
    simulator.start();
    await vi.advanceTimersByTimeAsync(1000);
    const written = envelopes(log);
    const times = written.map((e) => Date.parse(e.at));
    expect(times[0]).toBeLessThan(NOW - 29 * MINUTE);
    expect(times.findIndex((t, i) => i > 0 && t < (times[i - 1] as number))).toBe(-1);
    // ~2/s at 10:00 (above the daily average) for 30 minutes.
    expect(written.filter((e) => e.type === 'appeal.registered').length).toBeGreaterThan(2500);
    expect(written.some((e) => e.type === 'appeal.status_changed')).toBe(true);
    await simulator.stop();
  });

  it('survives failed appends: warns, retries the same envelope, loses and reorders nothing', async () => {
    log.onAppend = (call) => {
      if (call >= 3 && call < 40) throw new Error('ECONNREFUSED');
    };
    const simulator = make({ rate: 5 });
    simulator.start();
    await vi.advanceTimersByTimeAsync(30_000);
    await simulator.stop();
    expect(simulator.status().failedAppends).toBe(37);
    expect(captured.lines.filter((l) => l.msg.includes('append failed')).length).toBeGreaterThanOrEqual(1);
    expect(captured.lines.some((l) => l.msg.includes('work again'))).toBe(true);
    const written = envelopes(log);
    expect(new Set(written.map((e) => e.id)).size).toBe(written.length);
    const seq = written
      .filter((e) => e.type === 'appeal.registered')
      .map((e) => Number(e.id.split('-')[3]?.split('.')[0]));
    expect(seq).toEqual(seq.map((_, i) => i + 1));
  });

  it('stop() waits for the append in flight and appends nothing after', async () => {
    let release: () => void = () => undefined;
    log.onAppend = (call) => (call === 1 ? new Promise<void>((resolve) => (release = resolve)) : undefined);
    const simulator = make({ rate: 20 });
    simulator.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.calls).toBe(1);
    let stopped = false;
    const stopping = simulator.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
    expect(log.appended).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(log.calls).toBe(1);
  });

  it('triggerBurst() produces an incident in the requested region within minutes', async () => {
    const simulator = make({ rate: 0.5 });
    simulator.start();
    await vi.advanceTimersByTimeAsync(1000);
    simulator.triggerBurst('KZ-55');
    await vi.advanceTimersByTimeAsync(12 * MINUTE);
    await simulator.stop();
    const incidents = envelopes(log).filter((e) => e.type === 'incident.opened');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.region).toBe('KZ-55');
  });

  it('skips new appeals (but finishes lifecycles) while too much is buffered', async () => {
    log.onAppend = () => {
      throw new Error('down');
    };
    const simulator = make({ rate: 5, maxBuffered: 50 });
    simulator.start();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    const buffered = simulator.status().buffered;
    expect(buffered).toBeGreaterThanOrEqual(50);
    expect(buffered).toBeLessThan(500);
    expect(captured.lines.some((l) => l.msg.includes('skipping new appeals'))).toBe(true);
    // One warning per 10 s at most, not one per tick.
    expect(captured.lines.filter((l) => l.msg.includes('append failed')).length).toBeLessThanOrEqual(61);
    await simulator.stop();
  });

  it('does not replay the arrivals of a long gap (the process slept)', async () => {
    const simulator = make({ rate: 1 });
    simulator.start();
    await vi.advanceTimersByTimeAsync(1000);
    vi.setSystemTime(NOW + 60 * MINUTE);
    await vi.advanceTimersByTimeAsync(1000);
    await simulator.stop();
    const registered = envelopes(log).filter((e) => e.type === 'appeal.registered');
    const inGap = registered.filter((e) => Date.parse(e.at) > NOW + 2 * MINUTE && Date.parse(e.at) < NOW + 54 * MINUTE);
    expect(inGap).toEqual([]);
    expect(registered.some((e) => Date.parse(e.at) > NOW + 56 * MINUTE)).toBe(true);
    expect(captured.lines.some((l) => l.msg.includes('fell behind'))).toBe(true);
  });

  it('uses a random seed by default, so two runs never share ids', () => {
    const a = createSimulator({ log, logger: captured.logger, rate: 1 });
    const b = createSimulator({ log, logger: captured.logger, rate: 1 });
    a.start();
    b.start();
    expect(a.status().runId).not.toBe(b.status().runId);
    return Promise.all([a.stop(), b.stop()]);
  });
});
