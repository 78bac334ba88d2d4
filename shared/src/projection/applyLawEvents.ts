import { addCalendarYear } from '../calendar/workingCalendar';
import { isOpenStatus } from '../domain/enums';
import type { EventOf, StreamEvent } from '../schemas/events';
import { changeStatus } from './applyAppealEvents';
import { isClockSkewed, followedAppeal, touch, writableAppeal } from './applyHelpers';
import { extendedDueOf, legalClockOf } from './lawClock';
import type { Appeal, AppealFeedback, ProjectionState } from './state';

/**
 * The law's clock in the reducer (issue 17): extensions of the legal term, the
 * quality-control callbacks, and calendar years added without a release.
 */

/**
 * A supervisor extended the legal term: `months` counted from the day of receipt. Ignored on
 * a finished appeal (nothing left to extend), and when it would not move the deadline later
 * (an extension never shortens the term the citizen was promised).
 */
export function applyExtended(
  state: ProjectionState,
  event: EventOf<'appeal.extended'> & StreamEvent,
  at: number,
): string | null {
  const d = event.data;
  const current = followedAppeal(state, d.appealId, event.region);
  if (typeof current === 'string') return current;
  if (!isOpenStatus(current.status))
    return `appeal ${d.appealId} is ${current.status}: an extension needs an open appeal`;
  const extended = extendedDueOf(state.calendar, current.registeredAt, d.months);
  if (extended.legalDueAt <= current.legalDueAt) {
    return `extension of appeal ${d.appealId} to ${d.months} month(s) from receipt would not move its legal deadline later`;
  }
  const appeal = writableAppeal(state, current);
  isClockSkewed(state, appeal, event, at);
  appeal.legalDueAt = extended.legalDueAt;
  appeal.isLegalProvisional = extended.isLegalProvisional;
  appeal.extension = { months: d.months, reason: d.reason, at };
  touch(appeal, event, at);
  return null;
}

/**
 * The citizen's answer to the quality-control callback. Only a resolved or closed appeal is
 * called back; "not confirmed" reopens it exactly like a `reopened` status change.
 */
export function applyFeedback(
  state: ProjectionState,
  event: EventOf<'appeal.feedback'> & StreamEvent,
  at: number,
): string | null {
  const d = event.data;
  const current = followedAppeal(state, d.appealId, event.region);
  if (typeof current === 'string') return current;
  if (current.status !== 'resolved' && current.status !== 'closed') {
    return `appeal ${d.appealId} is ${current.status}: feedback needs a resolved or closed appeal`;
  }
  const appeal = writableAppeal(state, current);
  const isSkewed = isClockSkewed(state, appeal, event, at);
  const feedback: AppealFeedback = { result: d.result, at };
  if (d.rating !== undefined) feedback.rating = d.rating;
  if (d.comment !== undefined) feedback.comment = d.comment;
  appeal.feedback = feedback;
  if (d.result === 'not_confirmed') changeStatus(state, appeal, 'reopened', undefined, at, isSkewed);
  touch(appeal, event, at);
  return null;
}

/**
 * A year added to (or corrected in) the calendar. The legal deadlines of open appeals that
 * were provisional are counted again on the new calendar; the others stay: a verified
 * deadline does not move, and a finished appeal's deadline is history.
 */
export function applyCalendarYearAdded(state: ProjectionState, event: EventOf<'calendar.year_added'>): string | null {
  const year = event.data.year;
  state.calendar = addCalendarYear(state.calendar, year);
  state.addedYears = [...state.addedYears.filter((y) => y !== year.year), year.year];
  for (const current of state.appeals.values()) {
    if (!current.isLegalProvisional || !isOpenStatus(current.status)) continue;
    const appeal = writableAppeal(state, current);
    recountLegalClock(state, appeal);
  }
  return null;
}

function recountLegalClock(state: ProjectionState, appeal: Appeal): void {
  const clock = legalClockOf(state.calendar, appeal.registeredAt);
  appeal.redirectDueAt = clock.redirectDueAt;
  if (appeal.extension === null) {
    appeal.legalDueAt = clock.legalDueAt;
    appeal.isLegalProvisional = clock.isLegalProvisional;
  } else {
    const extended = extendedDueOf(state.calendar, appeal.registeredAt, appeal.extension.months);
    appeal.legalDueAt = extended.legalDueAt;
    appeal.isLegalProvisional = extended.isLegalProvisional;
  }
}
