import { describe, expect, it } from 'vitest';
import { parseSimulatorEnv } from '../../../server/src/simulator/simulatorEnv';

describe('parseSimulatorEnv', () => {
  it('applies the defaults', () => {
    const result = parseSimulatorEnv({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(result).toEqual({
      ok: true,
      env: {
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: 'ortalyq',
        SIM_RATE: 5,
        SIM_BACKFILL_MINUTES: 0,
        SIM_BURST_CHANCE: 0.1,
        LOG_LEVEL: 'info',
      },
    });
  });

  it('requires REDIS_URL, naming it', () => {
    const result = parseSimulatorEnv({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/REDIS_URL \(unset\): is required/);
  });

  it('names every bad variable without echoing the Redis URL', () => {
    const result = parseSimulatorEnv({
      REDIS_URL: 'http://user:secret@host',
      SIM_RATE: 'fast',
      SIM_BACKFILL_MINUTES: '-1',
      REDIS_PREFIX: 'has space',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const name of ['REDIS_URL', 'SIM_RATE', 'SIM_BACKFILL_MINUTES', 'REDIS_PREFIX'])
      expect(result.error).toContain(name);
    expect(result.error).not.toContain('secret');
  });

  it('parses numbers and treats empty values as unset', () => {
    const result = parseSimulatorEnv({
      REDIS_URL: 'rediss://h:6380',
      SIM_RATE: '0.5',
      SIM_BACKFILL_MINUTES: '',
      SIM_SEED: '42',
    });
    expect(result.ok && result.env).toMatchObject({ SIM_RATE: 0.5, SIM_BACKFILL_MINUTES: 0, SIM_SEED: 42 });
  });
});
