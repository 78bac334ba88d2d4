import { useEffect, useEffectEvent, useState } from 'react';
import { useApiRequest } from '../../session/sessionContext';
import { parseMine, type MineItem } from './myEntries';

export type MineStatus = 'loading' | 'ready' | 'failed';

export interface Mine {
  status: MineStatus;
  items: readonly MineItem[];
}

/** First retry after a failed load; doubles up to MINE_RETRY_MAX_MS. */
export const MINE_RETRY_MS = 2000;
export const MINE_RETRY_MAX_MS = 60_000;

/**
 * The agent's last entries from `GET /api/appeals/mine`, loaded once per page; while the
 * server cannot be reached (no answer, 5xx) it asks again with back-off. Entries made on
 * this page are added by the page itself, so the list need not be re-read after a write.
 */
export function useMine(): Mine {
  const request = useApiRequest();
  const [mine, setMine] = useState<Mine>({ status: 'loading', items: [] });
  const fetchMine = useEffectEvent(() => request<unknown>('/api/appeals/mine'));

  useEffect(() => {
    let isCurrent = true;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      const result = await fetchMine();
      if (!isCurrent) return;
      const items = result.ok ? parseMine(result.data) : null;
      if (items) {
        setMine({ status: 'ready', items });
        return;
      }
      setMine((previous) => ({ status: 'failed', items: previous.items }));
      if (!result.ok && (result.status === 0 || result.status >= 500)) {
        timer = setTimeout(() => void load(), Math.min(MINE_RETRY_MAX_MS, MINE_RETRY_MS * 2 ** failures));
        failures += 1;
      }
    };
    void load();
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, []);

  return mine;
}
