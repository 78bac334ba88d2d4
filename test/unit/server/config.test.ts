import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/src/config';

describe('parseConfig', () => {
  it('gives defaults for an empty environment: demo on, embedded log', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      PORT: 8080,
      REDIS_PREFIX: 'ortalyq',
      DEMO: true,
      FRAME_INTERVAL_MS: 200,
      SIM_RATE: 5,
    });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('turns demo off by default when a Redis is configured, unless asked', () => {
    expect(parseConfig({ REDIS_URL: 'redis://10.0.0.5:6379' }).DEMO).toBe(false);
    expect(parseConfig({ REDIS_URL: 'redis://10.0.0.5:6379', DEMO: 'true' }).DEMO).toBe(true);
  });

  it('stops start-up naming every bad variable', () => {
    const attempt = () =>
      parseConfig({ PORT: 'eighty', REDIS_URL: 'http://x', FRAME_INTERVAL_MS: '1000', DEMO: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT="eighty"', 'REDIS_URL="http://x"', 'FRAME_INTERVAL_MS="1000"', 'DEMO="maybe"']) {
        expect(message).toContain(name);
      }
      expect(message).toContain('redis://');
    }
  });

  it('refuses a key prefix that could collide with other keys', () => {
    expect(() => parseConfig({ REDIS_PREFIX: 'a b*' })).toThrow(/REDIS_PREFIX/);
  });

  it('reads ALLOWED_HOSTS as a list (unset or empty: the machine defaults) and refuses what is not a host', () => {
    expect(parseConfig({}).ALLOWED_HOSTS).toBeUndefined();
    expect(parseConfig({ ALLOWED_HOSTS: ' ' }).ALLOWED_HOSTS).toBeUndefined();
    expect(parseConfig({ ALLOWED_HOSTS: 'wall.lan:8080, https://ortalyq.example.kz' }).ALLOWED_HOSTS).toEqual([
      'wall.lan:8080',
      'https://ortalyq.example.kz',
    ]);
    expect(() => parseConfig({ ALLOWED_HOSTS: 'wall.lan,*.example.kz' })).toThrow(/ALLOWED_HOSTS.*\*\.example\.kz/s);
  });

  it('reads MAX_FUTURE_SKEW as a duration in ms (5 min by default) and refuses one outside 1 s–60 min', () => {
    expect(parseConfig({}).MAX_FUTURE_SKEW).toBe(300_000);
    expect(parseConfig({ MAX_FUTURE_SKEW: '30s' }).MAX_FUTURE_SKEW).toBe(30_000);
    expect(parseConfig({ MAX_FUTURE_SKEW: '60m' }).MAX_FUTURE_SKEW).toBe(3_600_000);
    for (const bad of ['0s', '61m', '5', '2h', 'soon']) {
      expect(() => parseConfig({ MAX_FUTURE_SKEW: bad })).toThrow(`MAX_FUTURE_SKEW="${bad}"`);
    }
  });

  it('caps sockets per sign-in, user and kiosk link: 8 / 32 / 8 unless set, never 0', () => {
    expect(parseConfig({})).toMatchObject({ SOCKETS_PER_SESSION: 8, SOCKETS_PER_USER: 32, SOCKETS_PER_KIOSK: 8 });
    expect(parseConfig({ SOCKETS_PER_SESSION: '2', SOCKETS_PER_USER: '5', SOCKETS_PER_KIOSK: '40' })).toMatchObject({
      SOCKETS_PER_SESSION: 2,
      SOCKETS_PER_USER: 5,
      SOCKETS_PER_KIOSK: 40,
    });
    expect(() => parseConfig({ SOCKETS_PER_SESSION: '0' })).toThrow(/SOCKETS_PER_SESSION/);
  });
});
