import { useEffect, useEffectEvent, useState } from 'react';
import { useApiRequest } from '../../session/sessionContext';
import { DEAD_LETTERS_POLL_MS, parseDeadLetters, type DeadLettersState } from './deadLetterHealth';

const LOADING: DeadLettersState = { status: 'loading', deadLetters: null };

/**
 * The dead letters from `GET /api/health`, asked for on mount and every
 * DEAD_LETTERS_POLL_MS while mounted (the next request starts only after the previous
 * answer, so a slow server never gets a pile of them). A failed request keeps the last
 * good answer. With `isEnabled` false nothing is requested (a regional user's header).
 */
export function useDeadLetters(isEnabled = true): DeadLettersState {
  const request = useApiRequest();
  const [state, setState] = useState<DeadLettersState>(LOADING);
  const fetchHealth = useEffectEvent(() => request<unknown>('/api/health'));

  useEffect(() => {
    if (!isEnabled) return;
    let isCurrent = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      const result = await fetchHealth();
      if (!isCurrent) return;
      // A 503 (Redis down) carries no readable body here: it counts as a failure.
      const parsed = result.ok ? parseDeadLetters(result.data) : null;
      if (parsed === 'hidden') {
        // The scope comes with the session: asking again would give the same answer.
        setState({ status: 'hidden', deadLetters: null });
        return;
      }
      if (parsed) setState({ status: 'ready', deadLetters: parsed });
      else setState((previous) => ({ status: 'failed', deadLetters: previous.deadLetters }));
      timer = setTimeout(() => void load(), DEAD_LETTERS_POLL_MS);
    };
    void load();
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [isEnabled]);

  return state;
}
