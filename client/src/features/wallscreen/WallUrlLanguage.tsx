import { useState, type ReactNode } from 'react';
import { WALL_PATH } from '../../routes';
import { parseWallScreenConfig } from './wallScreenConfig';
import { WallScreenLanguage } from './WallScreenLanguage';

/** The `?lang=` of a wall URL (`/wall?lang=kk`), or null anywhere else or without one. */
export function wallUrlLanguage(location: Pick<Location, 'pathname' | 'search'>) {
  if (location.pathname.replace(/\/+$/, '') !== WALL_PATH) return null;
  return parseWallScreenConfig(location.search).language;
}

/**
 * What the session gate shows on a wall before or instead of the wall itself (the login
 * form of a revoked kiosk, "loading", "server unreachable") in the wall URL's language:
 * a kk wall whose token was revoked asks for a sign-in in Kazakh, not in the browser's
 * stored language (issue 18). Elsewhere it changes nothing.
 */
export function WallUrlLanguage({ children }: { children: ReactNode }) {
  const [language] = useState(() => (typeof window === 'undefined' ? null : wallUrlLanguage(window.location)));
  return <WallScreenLanguage language={language}>{children}</WallScreenLanguage>;
}
