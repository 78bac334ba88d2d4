import { useEffect, useEffectEvent, useState, type ReactNode } from 'react';
import { useApiRequest } from '../../session/sessionContext';
import { layerOutcome, LOADING_LAYER, RegionLayerContext, type RegionLayerState } from './regionLayerState';

/**
 * Loads the map layer (`GET /api/regions`) once per session and keeps it: the outlines do
 * not change while the server runs, and a replaced layer would rebuild the map under the
 * user. Retries with back-off while the server cannot be reached.
 */
export function RegionLayerProvider({ children }: { children: ReactNode }) {
  const request = useApiRequest();
  const [state, setState] = useState<RegionLayerState>(LOADING_LAYER);
  const fetchLayer = useEffectEvent(() => request<unknown>('/api/regions'));

  useEffect(() => {
    let isCurrent = true;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      const result = await fetchLayer();
      if (!isCurrent) return;
      const outcome = layerOutcome(result, failures);
      setState(outcome.state);
      if (outcome.retryInMs !== null) {
        failures += 1;
        timer = setTimeout(() => void load(), outcome.retryInMs);
      }
    };
    void load();
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, []);

  return <RegionLayerContext value={state}>{children}</RegionLayerContext>;
}
