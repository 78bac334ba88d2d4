import { compareStreamIds } from '@shared';
import type { Logger } from '../../logger';
import type { StreamLog } from '../../stream/eventLog';

/** What the live server's start-up is doing, read without loading the projection or the simulator. */
export interface StartUpSignals {
  log: StreamLog;
  /** The events stream's key suffix ('events'). */
  stream: string;
  /** Resolves once the simulator's start-up backfill is in the log (absent: no simulator). */
  simulatorBackfilled?: () => Promise<void>;
  /** The live projection's cursor: what the dashboard has applied. */
  projectionCursor: () => string;
  /** The archive's cursor, as the archive service last read it (null: not known). */
  archivedThrough: () => string | null;
  logger: Logger;
  /** Give up waiting after this long and start anyway (a stuck archive must not hold the history forever). */
  maxWaitMs?: number;
  /** Checked at each poll: true stops waiting (shutdown). */
  isStopping?: () => boolean;
  pollMs?: number;
}

export interface StartUpOutcome {
  /** The stream's head once the simulator's backfill was in (what both cursors had to reach). */
  headId: string;
  waitedMs: number;
  /** False when `maxWaitMs` passed (or stopping) before both cursors reached the head. */
  isSettled: boolean;
}

/** Ten minutes: the demo's start-up (~60,000 entries) settles in well under one on two cores. */
const MAX_WAIT_MS = 10 * 60_000;

/**
 * Resolves once the live server's start-up burst is over: the simulator's start-up backfill
 * (the law backlog and SIM_BACKFILL_MINUTES, ~60,000 entries appended one by one) is in the
 * stream, the projection has applied it and the live archiver has archived it. The demo
 * history waits for this before writing (issue 16): started beside that burst, the burst held
 * the main thread for ~22 s of the history's first 45 and its event-loop p99 measured the
 * start-up rather than the history (docs/performance.md, "Demo history backfill").
 */
export async function waitForStartUp(signals: StartUpSignals): Promise<StartUpOutcome> {
  const startedAt = Date.now();
  const maxWaitMs = signals.maxWaitMs ?? MAX_WAIT_MS;
  const pollMs = signals.pollMs ?? 500;
  const isStopping = signals.isStopping ?? (() => false);
  const isOver = (): boolean => isStopping() || Date.now() - startedAt >= maxWaitMs;
  const sleep = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, pollMs));

  if (signals.simulatorBackfilled) {
    const backfilled = signals.simulatorBackfilled();
    let isIn = false;
    void backfilled.then(() => (isIn = true));
    while (!isIn && !isOver()) await Promise.race([backfilled, sleep()]);
  }
  const headId = (await signals.log.info(signals.stream)).lastId;
  const hasReached = (cursor: string | null): boolean => cursor !== null && compareStreamIds(cursor, headId) >= 0;
  while (!(hasReached(signals.projectionCursor()) && hasReached(signals.archivedThrough())) && !isOver()) await sleep();
  const isSettled = hasReached(signals.projectionCursor()) && hasReached(signals.archivedThrough());
  const waitedMs = Date.now() - startedAt;
  if (isSettled) signals.logger.info({ headId, waitedMs }, 'history: the live start-up has settled');
  else if (!isStopping())
    signals.logger.warn(
      { headId, waitedMs, projection: signals.projectionCursor(), archive: signals.archivedThrough() },
      'history: the live start-up has not settled; starting anyway',
    );
  return { headId, waitedMs, isSettled };
}
