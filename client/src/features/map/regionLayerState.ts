import type { RegionLayer } from '@shared';
import { createContext, use } from 'react';
import type { ApiResult } from '../../api/requestJson';
import { parseRegionsResponse, type TileSource } from './regionLayerSchema';

/**
 * loading: first request under way; ready: the layer is here (it is never replaced, so
 * the map is never rebuilt under the user); unavailable: the server has no map layer
 * (an older server, a malformed pack); failed: no answer yet, retrying.
 */
export type RegionLayerStatus = 'loading' | 'ready' | 'unavailable' | 'failed';

export interface RegionLayerState {
  status: RegionLayerStatus;
  layer: RegionLayer | null;
  /** Raster tiles the server offers under the outlines; null (the default) for none. */
  tiles: TileSource | null;
}

export const LOADING_LAYER: RegionLayerState = { status: 'loading', layer: null, tiles: null };

/** The session's region layer, provided by RegionLayerProvider (markup tests provide their own). */
export const RegionLayerContext = createContext<RegionLayerState>(LOADING_LAYER);

export function useRegionLayer(): RegionLayerState {
  return use(RegionLayerContext);
}

/** First retry after a failed load; doubles up to LAYER_RETRY_MAX_MS. */
export const LAYER_RETRY_MS = 2000;
export const LAYER_RETRY_MAX_MS = 60_000;

/** What one answer to `GET /api/regions` means: the new state, and when to ask again (null: never). */
export function layerOutcome(
  result: ApiResult<unknown>,
  failedAttempts: number,
): { state: RegionLayerState; retryInMs: number | null } {
  if (result.ok) {
    const { layer, tiles } = parseRegionsResponse(result.data);
    return { state: { status: layer ? 'ready' : 'unavailable', layer, tiles }, retryInMs: null };
  }
  // No answer or a server error: worth another try. A 4xx will not change by asking again.
  if (result.status === 0 || result.status >= 500) {
    const retryInMs = Math.min(LAYER_RETRY_MAX_MS, LAYER_RETRY_MS * 2 ** Math.min(failedAttempts, 10));
    return { state: { status: 'failed', layer: null, tiles: null }, retryInMs };
  }
  return { state: { status: 'unavailable', layer: null, tiles: null }, retryInMs: null };
}
