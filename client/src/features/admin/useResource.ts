import { useCallback, useEffect, useState } from 'react';
import type { ApiResult } from '../../api/requestJson';

export interface Resource<T> {
  /** The last good answer (kept while reloading and after a failed reload). */
  data: T | null;
  /** The last load failed. */
  hasFailed: boolean;
  reload(): void;
}

/**
 * Loads `load()` on mount, whenever `load` changes (memoise it on its inputs) and on
 * `reload()`. An answer that arrives after a newer request started is dropped.
 */
export function useResource<T>(load: () => Promise<ApiResult<T>>): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [hasFailed, setHasFailed] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    void load().then((result) => {
      if (!isCurrent) return;
      if (result.ok) setData(result.data);
      setHasFailed(!result.ok);
    });
    return () => {
      isCurrent = false;
    };
  }, [load, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, hasFailed, reload };
}
