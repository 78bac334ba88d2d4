import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../../session/sessionContext';
import type { WriteOutcome } from './writeApi';
import { runWrite, type WritePhase, type WriteRun } from './writeRunner';

/** Phases after which nothing more happens to a write. */
export function isFinalPhase(phase: WritePhase | null): boolean {
  return phase !== null && phase.phase !== 'sending' && phase.phase !== 'waiting';
}

/** True while a write is being sent or waits to be sent again. */
export function isPendingPhase(phase: WritePhase | null): boolean {
  return phase !== null && !isFinalPhase(phase);
}

export interface Write {
  /** Where the current (or last) write stands; null before the first. */
  phase: WritePhase | null;
  /** Starts a write (stopping one still running); `onFinal` hears how it ended. */
  start(send: () => Promise<WriteOutcome>, onFinal?: (phase: WritePhase) => void): void;
  retryNow(): void;
  stop(): void;
  /** Forgets the last outcome (after it has been shown). */
  clear(): void;
}

/**
 * One write at a time with retries (writeRunner.ts), as component state. Tells the
 * session about a 401 (login page) and a 403 (claims may have changed), like every other
 * API call does; stops retrying when the component goes away.
 */
export function useWrite(): Write {
  const session = useSession();
  const [phase, setPhase] = useState<WritePhase | null>(null);
  const runRef = useRef<WriteRun | null>(null);
  const generation = useRef(0);

  useEffect(
    () => () => {
      generation.current += 1;
      runRef.current?.stop();
    },
    [],
  );

  const start = useCallback(
    (send: () => Promise<WriteOutcome>, onFinal?: (phase: WritePhase) => void) => {
      generation.current += 1;
      const mine = generation.current;
      runRef.current?.stop();
      runRef.current = runWrite(send, (next) => {
        // A stopped or replaced run may still report; only the current one counts.
        if (mine !== generation.current) return;
        setPhase(next);
        if (next.phase === 'signed-out') session?.lost();
        if (next.phase === 'refused' && next.status === 403) void session?.recheck();
        if (isFinalPhase(next)) onFinal?.(next);
      });
    },
    [session],
  );

  const retryNow = useCallback(() => runRef.current?.retryNow(), []);
  const stop = useCallback(() => runRef.current?.stop(), []);
  const clear = useCallback(() => setPhase(null), []);
  return { phase, start, retryNow, stop, clear };
}
