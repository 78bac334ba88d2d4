import { useState } from 'react';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';
import { useWrite } from '../agent/useWrite';
import { newIdempotencyKey, postWrite } from '../agent/writeApi';
import { writeProgressOf, type WriteProgress } from './writeProgress';

/** One write at a time from a form: its progress against the live replica and what it was. */
export interface AppealWrite {
  progress: WriteProgress;
  isBusy: boolean;
  /** What the last write was, in words ("Callback: confirmed"), for the status line. */
  what: string;
  send(path: string, body: unknown, description: string, onAccepted: () => void): void;
  retryNow(): void;
}

/**
 * A write with one idempotency key kept across its retries, whose status line goes
 * sending → sent → confirmed (the live replica reached the write's cursor), as on the
 * appeal page's actions.
 */
export function useAppealWrite(): AppealWrite {
  const store = useWallStore();
  useReplicaVersion();
  const write = useWrite();
  const [what, setWhat] = useState('');
  const progress = writeProgressOf(write.phase, store.getReplica().state.cursor);
  const isBusy = progress.state === 'sending' || progress.state === 'waiting';
  return {
    progress,
    isBusy,
    what,
    send(path, body, description, onAccepted) {
      const key = newIdempotencyKey();
      setWhat(description);
      write.start(
        () => postWrite(path, body, key),
        (final) => {
          if (final.phase === 'accepted') onAccepted();
        },
      );
    },
    retryNow: write.retryNow,
  };
}
