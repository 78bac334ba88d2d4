/**
 * The closed vocabularies of the stream contract (design.md "The stream contract").
 * Codes are stable: new ones may be added, none is renamed.
 */
export const CHANNELS = ['call', 'app', 'telegram', 'web', 'social', 'walk_in'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'emergency'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Rank of a priority, low = 0 … emergency = 3 (escalation only goes up). */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Statuses an `appeal.status_changed` event may carry. */
export const STATUS_CHANGES = ['in_progress', 'resolved', 'closed', 'rejected', 'reopened', 'redirected'] as const;
export type StatusChange = (typeof STATUS_CHANGES)[number];

/** Every status an appeal can be in (the two implicit ones come from register/assign). */
export const APPEAL_STATUSES = ['registered', 'assigned', ...STATUS_CHANGES] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Statuses after which an appeal no longer counts as open (backlog). */
export const TERMINAL_STATUSES: ReadonlySet<AppealStatus> = new Set(['resolved', 'closed', 'rejected']);

/** True when an appeal in this status is part of the backlog. */
export function isOpenStatus(status: AppealStatus): boolean {
  return !TERMINAL_STATUSES.has(status);
}

/**
 * How a resolved (or closed, or rejected) appeal ended for the citizen (issue 17). Recorded
 * on the status change that finishes it; a producer that sends none gets `unknown` in the
 * projection.
 */
export const OUTCOMES = ['satisfied', 'partly', 'refused', 'explained'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Statuses whose change may carry an outcome. */
export const OUTCOME_STATUSES: ReadonlySet<StatusChange> = new Set(['resolved', 'closed', 'rejected']);

/** What the citizen said when the quality-control agent called back (`appeal.feedback`). */
export const FEEDBACK_RESULTS = ['confirmed', 'not_confirmed', 'unreachable'] as const;
export type FeedbackResult = (typeof FEEDBACK_RESULTS)[number];

/** Lengths of an extension of the legal term, in months (АППК art. 76: at most two). */
export const EXTENSION_MONTHS = [1, 2] as const;
export type ExtensionMonths = (typeof EXTENSION_MONTHS)[number];

export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
