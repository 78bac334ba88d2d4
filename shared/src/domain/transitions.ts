import type { AppealStatus, StatusChange } from './enums';

/**
 * Status changes a person may ask for (agent console, supervisor, the write API). The
 * projection accepts any `appeal.status_changed` from the stream (outside producers know
 * their own workflow); this table is what our own UI offers and our own API allows:
 *
 * - an open appeal (registered, assigned, in progress, reopened, redirected) can be taken
 *   into work (unless it already is), resolved, rejected or redirected to another service;
 * - a resolved one is confirmed (closed) or, when the citizen says it is not fixed, reopened;
 * - a rejected one can be reopened (the refusal was wrong) or closed;
 * - a closed one can only be reopened.
 *
 * In the order the UI offers them.
 */
const FROM_OPEN: readonly StatusChange[] = ['in_progress', 'resolved', 'redirected', 'rejected'];
const FROM_IN_PROGRESS = FROM_OPEN.filter((s) => s !== 'in_progress');
const FROM_FINISHED: Record<'resolved' | 'rejected' | 'closed', readonly StatusChange[]> = {
  resolved: ['closed', 'reopened'],
  rejected: ['reopened', 'closed'],
  closed: ['reopened'],
};

/** The statuses an appeal in `status` may be moved to, in the order a UI offers them. Pure. */
export function allowedStatusChanges(status: AppealStatus): readonly StatusChange[] {
  switch (status) {
    case 'registered':
    case 'assigned':
    case 'reopened':
    case 'redirected':
      return FROM_OPEN;
    case 'in_progress':
      return FROM_IN_PROGRESS;
    case 'resolved':
    case 'rejected':
    case 'closed':
      return FROM_FINISHED[status];
  }
}

/** True when moving an appeal from `from` to `to` makes sense (see `allowedStatusChanges`). */
export function isAllowedStatusChange(from: AppealStatus, to: StatusChange): boolean {
  return allowedStatusChanges(from).includes(to);
}
