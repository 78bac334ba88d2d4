import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WALL_SCREEN_CONFIG,
  parseWallScreenConfig,
  ROTATE_MAX_S,
  ROTATE_MIN_S,
  STALE_MAX_S,
  STALE_MIN_S,
} from '../../../../../client/src/features/wallscreen/wallScreenConfig';
import { STALE_AFTER_MS } from '../../../../../client/src/state/link';

describe('parseWallScreenConfig', () => {
  it('is rotation off, the link module’s stale threshold and no language without parameters', () => {
    expect(parseWallScreenConfig('')).toEqual({ rotateMs: null, staleAfterMs: STALE_AFTER_MS, language: null });
    expect(parseWallScreenConfig('?')).toEqual(DEFAULT_WALL_SCREEN_CONFIG);
    expect(DEFAULT_WALL_SCREEN_CONFIG.staleAfterMs).toBe(30_000);
  });

  it('reads rotate and stale in seconds, with or without the leading ?', () => {
    expect(parseWallScreenConfig('?rotate=20&stale=60')).toMatchObject({ rotateMs: 20_000, staleAfterMs: 60_000 });
    expect(parseWallScreenConfig('rotate=7.5&stale=3')).toMatchObject({ rotateMs: 7500, staleAfterMs: 3000 });
  });

  it('clamps rotation to 5–600 s and the stale threshold to 2–3600 s', () => {
    expect(parseWallScreenConfig('?rotate=1').rotateMs).toBe(ROTATE_MIN_S * 1000);
    expect(parseWallScreenConfig('?rotate=100000').rotateMs).toBe(ROTATE_MAX_S * 1000);
    expect(parseWallScreenConfig('?stale=0.5').staleAfterMs).toBe(STALE_MIN_S * 1000);
    expect(parseWallScreenConfig('?stale=99999').staleAfterMs).toBe(STALE_MAX_S * 1000);
  });

  it('falls back to the defaults on anything malformed, never throws', () => {
    for (const search of ['?rotate=', '?rotate=off', '?rotate=0', '?rotate=-5', '?rotate=abc', '?rotate=Infinity']) {
      expect(parseWallScreenConfig(search).rotateMs, search).toBeNull();
    }
    for (const search of ['?stale=', '?stale=never', '?stale=0', '?stale=-1', '?stale=NaN']) {
      expect(parseWallScreenConfig(search).staleAfterMs, search).toBe(STALE_AFTER_MS);
    }
    expect(parseWallScreenConfig('?%E0%A4%A=1&rotate=10').rotateMs).toBe(10_000);
  });

  it('takes kk, ru or en as the language, case-insensitively, and nothing else', () => {
    expect(parseWallScreenConfig('?lang=kk').language).toBe('kk');
    expect(parseWallScreenConfig('?lang=RU').language).toBe('ru');
    expect(parseWallScreenConfig('?lang=en').language).toBe('en');
    expect(parseWallScreenConfig('?lang=de').language).toBeNull();
    expect(parseWallScreenConfig('?lang=').language).toBeNull();
  });

  it('uses the first of a repeated parameter', () => {
    expect(parseWallScreenConfig('?rotate=10&rotate=30').rotateMs).toBe(10_000);
  });
});
