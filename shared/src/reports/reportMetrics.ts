import { isOpenStatus } from '../domain/enums';
import { isAwaitingConfirmation, isFinishedAppeal, isSolvedPositively } from '../projection/confirmation';
import { addSample, createHistogram, type Histogram } from '../projection/histogram';
import { isLegallyOverdue, isOverdue } from '../projection/metrics';
import type { Appeal } from '../projection/state';

/**
 * The reports' metrics (issue 19), one definition shared by the archive's rollups, the
 * summary API and the live KPIs (the same functions: `isOverdue`, `isSolvedPositively`, the
 * live rings' histograms). docs/reports.md documents each figure with its basis and clock.
 */

/** What a report reads of an appeal: the projection's own fields (an archived row maps to them). */
export type ReportAppeal = Pick<
  Appeal,
  | 'region'
  | 'category'
  | 'channel'
  | 'priority'
  | 'status'
  | 'registeredAt'
  | 'respondedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'responseDueAt'
  | 'dueAt'
  | 'legalDueAt'
  | 'feedback'
> & {
  service?: string | undefined;
  serviceId?: string | undefined;
  /** When it was reopened (a status change to `reopened`, a "not confirmed" callback), oldest first. */
  reopenedAt?: readonly number[] | undefined;
  /**
   * Earlier resolutions a reopen undid (the current one is `resolvedAt`), oldest first: they
   * happened, so a period's flows count them, as the live rings did when they happened.
   */
  pastResolutions?: readonly number[] | undefined;
};

/** Flow figures: events that happened in the period (each appeal on the day of each step). */
export interface FlowCounts {
  registered: number;
  responded: number;
  /** Responses within the operational response target. */
  respondedOnTime: number;
  /** Sum of the response targets (ms) of the responses: their mean is the chart's target line. */
  responseTargetMs: number;
  resolved: number;
  /** Resolutions within the operational resolution target (SLA minutes). */
  resolvedOnTime: number;
  /** Resolutions within the legal deadline (15 working days or the extended term). */
  resolvedLegalOnTime: number;
  /** Open → finished (resolved, or closed without a resolution). */
  finished: number;
  /** Of `finished`, never routed to a service: first-call resolutions. */
  firstCall: number;
  closed: number;
  rejected: number;
  /** Reopens in the period: finished → open again (the citizen was not satisfied, a wrong refusal). */
  reopened: number;
  response: Histogram;
  resolution: Histogram;
}

export function createFlowCounts(): FlowCounts {
  return {
    registered: 0,
    responded: 0,
    respondedOnTime: 0,
    responseTargetMs: 0,
    resolved: 0,
    resolvedOnTime: 0,
    resolvedLegalOnTime: 0,
    finished: 0,
    firstCall: 0,
    closed: 0,
    rejected: 0,
    reopened: 0,
    response: createHistogram(),
    resolution: createHistogram(),
  };
}

const within = (at: number | null, start: number, end: number): at is number => at !== null && at >= start && at < end;

/** A resolution at `at`, when within [start, end): resolved (on time on both clocks) and finished. */
function addResolution(c: FlowCounts, a: ReportAppeal, at: number, start: number, end: number): void {
  if (!within(at, start, end)) return;
  c.resolved += 1;
  if (at <= a.dueAt) c.resolvedOnTime += 1;
  if (at <= a.legalDueAt) c.resolvedLegalOnTime += 1;
  addSample(c.resolution, at - a.registeredAt);
  addFinish(c, a, at, start, end);
}

/** An open → finished step at `at`, when within [start, end); first call when not routed by then. */
function addFinish(c: FlowCounts, a: ReportAppeal, at: number | null, start: number, end: number): void {
  if (!within(at, start, end)) return;
  c.finished += 1;
  if (a.respondedAt === null || a.respondedAt > at) c.firstCall += 1;
}

/**
 * Adds the steps of `a` that happened in [start, end) to `c`. The rollups call it per day
 * (end = the next midnight in Almaty), a report's partial day with end = asOf + 1.
 */
export function addFlows(c: FlowCounts, a: ReportAppeal, start: number, end: number): void {
  if (within(a.registeredAt, start, end)) c.registered += 1;
  if (within(a.respondedAt, start, end)) {
    c.responded += 1;
    if (a.respondedAt <= a.responseDueAt) c.respondedOnTime += 1;
    c.responseTargetMs += a.responseDueAt - a.registeredAt;
    addSample(c.response, a.respondedAt - a.registeredAt);
  }
  // Each resolution (those a reopen undid, then the current one) is a resolved and a finished
  // step; the closure of an appeal never resolved is a finished one. Loops, not spread arrays:
  // a year's rollups call this millions of times.
  for (const at of a.pastResolutions ?? []) addResolution(c, a, at, start, end);
  if (a.resolvedAt !== null) addResolution(c, a, a.resolvedAt, start, end);
  else if (a.status === 'closed') addFinish(c, a, a.closedAt, start, end);
  if (within(a.closedAt, start, end)) {
    if (a.status === 'closed') c.closed += 1;
    if (a.status === 'rejected') c.rejected += 1;
  }
  for (const at of a.reopenedAt ?? []) if (within(at, start, end)) c.reopened += 1;
}

/** Outcome figures: the intake cohort (registered in the period) as it stood at `asOf`. */
export interface CohortCounts {
  /** The cohort: appeals registered in the period (by `asOf`). */
  registered: number;
  /** Still open at `asOf`. */
  open: number;
  /** Open at `asOf` past the operational target. */
  overdue: number;
  /** Open at `asOf` past the legal deadline. */
  legalOverdue: number;
  /** Resolved, closed or rejected by `asOf`. */
  finished: number;
  /** Of `finished`, by the operational target. */
  finishedOnTime: number;
  /** Of `finished`, by the legal deadline. */
  finishedLegalOnTime: number;
  /** Of `finished`, solved positively at `asOf` (`isSolvedPositively`). */
  solvedPositively: number;
  /** Resolved or closed, waiting for the citizen's confirmation at `asOf`. */
  awaitingConfirmation: number;
  ratingSum: number;
  ratingCount: number;
}

export function createCohortCounts(): CohortCounts {
  return {
    registered: 0,
    open: 0,
    overdue: 0,
    legalOverdue: 0,
    finished: 0,
    finishedOnTime: 0,
    finishedLegalOnTime: 0,
    solvedPositively: 0,
    awaitingConfirmation: 0,
    ratingSum: 0,
    ratingCount: 0,
  };
}

/**
 * The appeal as it stood at `asOf`, from its current state: steps after `asOf` undone (a
 * resolution after it → still open then; a closure after it → resolved or open then), a later
 * callback not yet made. Null when registered after `asOf`. An appeal reopened after `asOf`
 * has lost the earlier resolution in its current state: docs/reports.md "Frozen reports".
 */
export function appealAsOf<T extends ReportAppeal>(a: T, asOf: number): T | null {
  if (a.registeredAt > asOf) return null;
  const upTo = (at: number | null): number | null => (at !== null && at <= asOf ? at : null);
  const respondedAt = upTo(a.respondedAt);
  const resolvedAt = upTo(a.resolvedAt);
  const closedAt = upTo(a.closedAt);
  let status = a.status;
  if ((status === 'closed' || status === 'rejected') && closedAt === null) {
    status = resolvedAt !== null ? 'resolved' : 'in_progress';
  }
  if (status === 'resolved' && resolvedAt === null) status = 'in_progress';
  const feedback = a.feedback !== null && a.feedback.at <= asOf ? a.feedback : null;
  return { ...a, status, respondedAt, resolvedAt, closedAt, feedback };
}

/** Adds one appeal of the cohort, as it stood at `asOf` (`appealAsOf`), to `c`. */
export function addCohort(c: CohortCounts, current: ReportAppeal, asOf: number, windowMs: number): void {
  const a = appealAsOf(current, asOf);
  if (a === null) return;
  // The shared predicates read only these fields of an Appeal.
  const appeal = a as Appeal;
  c.registered += 1;
  if (isOpenStatus(a.status)) {
    c.open += 1;
    if (isOverdue(appeal, asOf)) c.overdue += 1;
    if (isLegallyOverdue(appeal, asOf)) c.legalOverdue += 1;
  } else if (isFinishedAppeal(appeal)) {
    c.finished += 1;
    const finishedAt = (a.resolvedAt ?? a.closedAt) as number;
    if (finishedAt <= a.dueAt) c.finishedOnTime += 1;
    if (finishedAt <= a.legalDueAt) c.finishedLegalOnTime += 1;
    if (isSolvedPositively(appeal, asOf, windowMs)) c.solvedPositively += 1;
    if (isAwaitingConfirmation(appeal, asOf, windowMs)) c.awaitingConfirmation += 1;
  }
  if (a.feedback?.rating !== undefined) {
    c.ratingSum += a.feedback.rating;
    c.ratingCount += 1;
  }
}
