import { type Appeal, confirmationSince, isAwaitingConfirmation } from '@shared';

const DAY_MS = 86_400_000;

/** One row of the quality-control queue. */
export interface QueueRow {
  appeal: Appeal;
  /** When its confirmation clock started: the resolution (or the closing without one). */
  since: number;
  /** Whole days since the resolution (0 on its first day). */
  daysSinceResolution: number;
  /** What is left of the confirmation window, ms (> 0: the row would not be listed otherwise). */
  windowLeftMs: number;
}

/**
 * The queue: resolved (or closed) appeals awaiting the citizen's confirmation (never
 * called, or unreachable so far: the agent calls again), oldest resolution first (its
 * window runs out first), ties by id. The server's list answers the question;
 * each appeal is taken in its live replica version when the replica has it, so a callback
 * recorded elsewhere, a reopen or a close drops the row at once, before the list is read
 * again. Pure.
 */
export function queueRows(
  listed: readonly Appeal[],
  live: ReadonlyMap<string, Appeal>,
  now: number,
  windowMs: number,
): QueueRow[] {
  const rows: QueueRow[] = [];
  for (const item of listed) {
    const appeal = live.get(item.id) ?? item;
    const since = confirmationSince(appeal);
    if (since === null || !isAwaitingConfirmation(appeal, now, windowMs)) continue;
    rows.push({ appeal, since, ...queueTimes(since, now, windowMs) });
  }
  return rows.sort((a, b) => a.since - b.since || (a.appeal.id < b.appeal.id ? -1 : a.appeal.id > b.appeal.id ? 1 : 0));
}

/** Whole days since the confirmation clock started and what is left of the window at `now`. Pure. */
export function queueTimes(
  since: number,
  now: number,
  windowMs: number,
): { daysSinceResolution: number; windowLeftMs: number } {
  const elapsed = Math.max(0, now - since);
  return { daysSinceResolution: Math.floor(elapsed / DAY_MS), windowLeftMs: Math.max(0, windowMs - elapsed) };
}

/** The active row after a key press: j / ArrowDown down, k / ArrowUp up, Home / End; null: not a move key. */
export function movedIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'k':
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The list query of the queue (`GET /api/appeals`), oldest resolution first. */
export const QUEUE_QUERY = 'confirmation=awaiting&sort=confirmationSince';
