import {
  extendedDueOf,
  type CalendarYear,
  isOpenStatus,
  type AppealFeedbackBody,
  type ChangeStatusBody,
  type ExtendAppealBody,
} from '@shared';
import {
  changeStatus,
  fieldsOf,
  findAppeal,
  isResult,
  planned,
  refuse,
  type CommandContext,
  type CommandResult,
  type PlannedWrite,
} from './commands';

/**
 * The write commands of the law's clock (issue 17): the outcome a resolution must record,
 * the supervisor's extension of the legal term, and the quality-control callback. Pure, like
 * the other commands: each plans one event or says why not.
 */

/**
 * A status change; resolving requires the outcome (satisfied, partly, refused, explained):
 * 422 `outcome_required`. Closing or rejecting may give one (a resolution's is kept).
 */
export function changeStatusWithOutcome(ctx: CommandContext, appealId: string, body: ChangeStatusBody): CommandResult {
  if (body.status === 'resolved' && body.outcome === undefined) {
    const found = findAppeal(ctx, appealId);
    if (isResult(found)) return found;
    return refuse(
      422,
      'outcome_required',
      'resolving an appeal records its outcome: satisfied, partly, refused or explained',
      'outcome',
    );
  }
  return changeStatus(ctx, appealId, body);
}

/**
 * Extends the legal term to `months` from the day of receipt. Only an open appeal, and only
 * later than its current legal deadline (409 `not_later`: an extension never shortens it).
 */
export function extendAppeal(ctx: CommandContext, appealId: string, body: ExtendAppealBody): CommandResult {
  const appeal = findAppeal(ctx, appealId);
  if (isResult(appeal)) return appeal;
  if (!isOpenStatus(appeal.status)) {
    return refuse(409, 'invalid_transition', `appeal ${appealId} is ${appeal.status}; only open appeals are extended`);
  }
  const extended = extendedDueOf(ctx.state.calendar, appeal.registeredAt, body.months);
  if (extended.legalDueAt <= appeal.legalDueAt) {
    return refuse(
      409,
      'not_later',
      `${body.months} month(s) from receipt would not move the legal deadline of appeal ${appealId} later`,
      'months',
    );
  }
  return planned(
    ctx,
    'appeal.extended',
    appeal.region,
    { appealId, ...body },
    { action: 'appeal.extend', changed: fieldsOf(body) },
  );
}

/** Records the citizen's answer to the callback; only a resolved or closed appeal is called back. */
export function recordFeedback(ctx: CommandContext, appealId: string, body: AppealFeedbackBody): CommandResult {
  const appeal = findAppeal(ctx, appealId);
  if (isResult(appeal)) return appeal;
  if (appeal.status !== 'resolved' && appeal.status !== 'closed') {
    return refuse(
      409,
      'invalid_transition',
      `appeal ${appealId} is ${appeal.status}; only resolved or closed appeals are called back`,
    );
  }
  return planned(
    ctx,
    'appeal.feedback',
    appeal.region,
    { appealId, ...body },
    { action: 'appeal.feedback', changed: fieldsOf(body) },
  );
}

/**
 * An administrator adds (or corrects) a year of the working-day calendar: a national
 * `calendar.year_added` event, no region, which every node and browser applies alike.
 */
export function addCalendarYear(ctx: CommandContext, year: CalendarYear): CommandResult {
  const event: PlannedWrite['event'] = {
    v: 1,
    id: ctx.eventId,
    type: 'calendar.year_added',
    at: ctx.at,
    data: { year },
  };
  return {
    ok: true,
    write: { event, audit: { action: 'calendar.add_year', target: `calendar:${year.year}`, changed: ['year'] } },
  };
}
