import { isLanguage, type Language } from '../../i18n/languages';
import { STALE_AFTER_MS } from '../../state/link';

/**
 * How one kiosk screen behaves. It has no controls, so everything comes from its URL
 * (`/wall?rotate=20&stale=60&lang=kk`) and is read once when the page loads.
 */
export interface WallScreenConfig {
  /** Auto-rotation through the worst regions: ms between regions, or null when off (the default). */
  rotateMs: number | null;
  /** No event for this long (or the link down): the stale banner. */
  staleAfterMs: number;
  /** The screen's language, or null for the browser's stored choice (or the default). */
  language: Language | null;
}

/** `?rotate=` in seconds is clamped to this range: faster is unreadable, slower is pointless. */
export const ROTATE_MIN_S = 5;
export const ROTATE_MAX_S = 600;

/**
 * `?stale=` in seconds is clamped to this range. Below 2 s the banner would flicker between
 * the server's frames; above an hour nobody would notice a dead screen.
 */
export const STALE_MIN_S = 2;
export const STALE_MAX_S = 3600;

export const DEFAULT_WALL_SCREEN_CONFIG: WallScreenConfig = {
  rotateMs: null,
  staleAfterMs: STALE_AFTER_MS,
  language: null,
};

/** A positive number of seconds, or null for anything else ('', 'off', '-5', 'abc'). */
function seconds(raw: string | null): number | null {
  if (raw === null || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * The screen's configuration from a query string (`location.search`, with or without the
 * `?`). Anything missing or malformed falls back to the default, never to an error: a
 * typo in a kiosk URL must still give a working wall. Pure.
 */
export function parseWallScreenConfig(search: string): WallScreenConfig {
  const params = new URLSearchParams(search);
  const rotate = seconds(params.get('rotate'));
  const stale = seconds(params.get('stale'));
  const lang = params.get('lang')?.trim().toLowerCase();
  return {
    rotateMs: rotate === null ? null : Math.round(clamp(rotate, ROTATE_MIN_S, ROTATE_MAX_S) * 1000),
    staleAfterMs:
      stale === null
        ? DEFAULT_WALL_SCREEN_CONFIG.staleAfterMs
        : Math.round(clamp(stale, STALE_MIN_S, STALE_MAX_S) * 1000),
    language: isLanguage(lang) ? lang : null,
  };
}
