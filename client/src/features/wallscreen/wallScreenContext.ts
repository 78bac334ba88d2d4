import { createContext, use } from 'react';
import { DEFAULT_WALL_SCREEN_CONFIG, type WallScreenConfig } from './wallScreenConfig';

/** The screen's URL configuration, for the panels deep inside the wall. */
export const WallScreenConfigContext = createContext<WallScreenConfig>(DEFAULT_WALL_SCREEN_CONFIG);

export function useWallScreenConfig(): WallScreenConfig {
  return use(WallScreenConfigContext);
}
