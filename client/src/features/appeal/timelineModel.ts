import {
  isNationalEvent,
  type Actor,
  type Role,
  type AppealStatus,
  type CategoryCode,
  type Channel,
  type FeedbackResult,
  type Priority,
  type RegionalStreamEvent,
  type Severity,
  type StatusChange,
  type StreamEvent,
} from '@shared';

/** One line of an appeal's timeline, ready to translate. */
export type TimelineEntry = {
  /** The event's stream id (unique, the list key). */
  streamId: string;
  /** When it happened (`at`), epoch ms. */
  at: number;
  /** Who acted (the event's `actor`, or the audit's for older events); null: not recorded. */
  actor: Actor | null;
} & (
  | { kind: 'registered'; channel: Channel; category: CategoryCode; priority: Priority }
  | { kind: 'assigned'; service: string; assignee: string | null }
  | { kind: 'status'; status: StatusChange; comment: string | null }
  | { kind: 'escalated'; priority: Priority; comment: string | null }
  | { kind: 'restored'; status: AppealStatus }
  | { kind: 'extended'; months: 1 | 2; comment: string }
  | { kind: 'feedback'; result: FeedbackResult; rating: number | null; comment: string | null }
  | {
      kind: 'incident';
      change: 'opened' | 'updated' | 'resolved';
      incidentId: string;
      severity: Severity | null;
      note: string | null;
      /** Appeals this event linked (opened with, or linked later); empty when none. */
      appealIds: readonly string[];
    }
);

function entryOf(event: RegionalStreamEvent): TimelineEntry {
  const base = { streamId: event.streamId, at: Date.parse(event.at), actor: event.actor ?? null };
  switch (event.type) {
    case 'appeal.registered':
      return {
        ...base,
        kind: 'registered',
        channel: event.data.channel,
        category: event.data.category,
        priority: event.data.priority,
      };
    case 'appeal.assigned':
      return { ...base, kind: 'assigned', service: event.data.service, assignee: event.data.assignee ?? null };
    case 'appeal.status_changed':
      return { ...base, kind: 'status', status: event.data.status, comment: event.data.comment ?? null };
    case 'appeal.escalated':
      return { ...base, kind: 'escalated', priority: event.data.priority, comment: event.data.comment ?? null };
    case 'appeal.restored':
      return { ...base, kind: 'restored', status: event.data.status };
    case 'appeal.extended':
      return { ...base, kind: 'extended', months: event.data.months, comment: event.data.reason };
    case 'appeal.feedback':
      return {
        ...base,
        kind: 'feedback',
        result: event.data.result,
        rating: event.data.rating ?? null,
        comment: event.data.comment ?? null,
      };
    case 'incident.opened':
      return {
        ...base,
        kind: 'incident',
        change: 'opened',
        incidentId: event.data.incidentId,
        severity: event.data.severity,
        note: event.data.title,
        appealIds: event.data.appealIds ?? [],
      };
    case 'incident.updated':
      return {
        ...base,
        kind: 'incident',
        change: 'updated',
        incidentId: event.data.incidentId,
        severity: event.data.severity ?? null,
        note: event.data.note ?? null,
        appealIds: event.data.appealIds ?? [],
      };
    case 'incident.resolved':
      return {
        ...base,
        kind: 'incident',
        change: 'resolved',
        incidentId: event.data.incidentId,
        severity: null,
        note: event.data.note ?? null,
        appealIds: [],
      };
  }
}

/**
 * The timeline of `GET /api/appeals/:id` as display lines: in stream order (the order the
 * projection applied them, which is the order that counts even when an `at` is late),
 * each event once. Pure.
 */
export function timelineEntries(events: readonly StreamEvent[]): TimelineEntry[] {
  const seen = new Set<string>();
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    if (seen.has(event.streamId) || isNationalEvent(event)) continue;
    seen.add(event.streamId);
    entries.push(entryOf(event));
  }
  return entries;
}

/** The i18n key of an entry's headline under `appeal.event`. */
export type TimelineTitleKey =
  | `appeal.event.${'registered' | 'assigned' | 'escalated' | 'restored' | 'extended'}`
  | `appeal.event.feedback.${FeedbackResult}`
  | `appeal.event.status.${StatusChange}`
  | `appeal.event.incident.${'opened' | 'updated' | 'resolved'}`;

export function timelineTitleKey(entry: TimelineEntry): TimelineTitleKey {
  switch (entry.kind) {
    case 'registered':
    case 'assigned':
    case 'escalated':
    case 'restored':
    case 'extended':
      return `appeal.event.${entry.kind}`;
    case 'feedback':
      return `appeal.event.feedback.${entry.result}`;
    case 'status':
      return `appeal.event.status.${entry.status}`;
    case 'incident':
      return `appeal.event.incident.${entry.change}`;
  }
}

/** How an entry says who acted, ready to translate (`actor.*` keys). */
export type ActorLine =
  | { key: 'actor.user'; name: string; role: Role; via: 'open311' | null }
  | { key: 'actor.system'; system: string }
  | { key: 'actor.unknown' };

/** Who acted, for the line under an entry: a staff name (else the account), a system, or "not recorded". */
export function actorLine(actor: Actor | null): ActorLine {
  if (actor === null) return { key: 'actor.unknown' };
  if (actor.kind === 'system') return { key: 'actor.system', system: actor.name };
  return {
    key: 'actor.user',
    name: actor.name ?? actor.id,
    role: actor.role,
    via: actor.via === 'open311' ? 'open311' : null,
  };
}
