import { ROLES, type Actor, type AuditAction, type AuditRecord, type Role, type StreamEvent } from '@shared';
import type { AuditLog } from './createAuditLog';

/** The audit actions a write of each event type records (`incident.updated`: a note/severity or a link). */
const ACTIONS_OF: Partial<Record<StreamEvent['type'], readonly AuditAction[]>> = {
  'appeal.registered': ['appeal.register'],
  'appeal.assigned': ['appeal.assign'],
  'appeal.status_changed': ['appeal.status'],
  'appeal.escalated': ['appeal.escalate'],
  'appeal.extended': ['appeal.extend'],
  'appeal.feedback': ['appeal.feedback'],
  'incident.opened': ['incident.open'],
  'incident.updated': ['incident.update', 'incident.link'],
  'incident.resolved': ['incident.resolve'],
};

/** The write service audits right after the append: the audit entry follows its event by this much at most. */
const MATCH_WINDOW_MS = 10_000;

const msOf = (streamId: string): number => Number(streamId.split('-')[0]);
const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/** The audit target an event's write was recorded under (`appeal:<id>` / `incident:<id>`). */
export function auditTargetOf(event: StreamEvent): string | null {
  const data = event.data as { appealId?: unknown; incidentId?: unknown };
  if (event.type.startsWith('incident.') && typeof data.incidentId === 'string') return `incident:${data.incidentId}`;
  if (typeof data.appealId === 'string') return `appeal:${data.appealId}`;
  return null;
}

/**
 * Whether an event needs the join: it came in through the write API (its id starts `api-`,
 * see writes/idempotency.ts) before events carried their `actor`. Outside producers' events
 * were never audited, so they are not looked for.
 */
export function needsActorJoin(event: StreamEvent): boolean {
  return event.actor === undefined && event.id.startsWith('api-') && ACTIONS_OF[event.type] !== undefined;
}

/**
 * Pure: each event without `actor` gets the audit record of its write — same target, an
 * action its type records, appended at or after the event and within `MATCH_WINDOW_MS`, the
 * nearest one, each record used once. Events nothing matches are left as they are.
 */
export function matchActors(events: readonly StreamEvent[], acts: readonly AuditRecord[]): StreamEvent[] {
  const used = new Set<string>();
  return events.map((event) => {
    if (!needsActorJoin(event)) return event;
    const target = auditTargetOf(event);
    const actions = ACTIONS_OF[event.type] ?? [];
    const from = msOf(event.streamId);
    let best: AuditRecord | null = null;
    for (const act of acts) {
      const ms = msOf(act.id);
      if (used.has(act.id) || act.target !== target || !actions.includes(act.action)) continue;
      if (ms < from || ms - from > MATCH_WINDOW_MS || !isRole(act.role)) continue;
      if (best === null || ms < msOf(best.id)) best = act;
    }
    if (best === null || !isRole(best.role)) return event;
    used.add(best.id);
    const actor: Actor = { kind: 'user', id: best.actor, role: best.role };
    return { ...event, actor };
  });
}

/**
 * Events as a timeline shows them: older writes (no `actor`) joined to the audit trail.
 * Reads the audit stream only when some event needs it, and only back to the oldest such one.
 * `names` turns a username into the staff display name, when the caller knows it.
 */
export async function joinActors(
  audit: Pick<AuditLog, 'actsOn'>,
  events: readonly StreamEvent[],
  names: (username: string) => string | undefined = () => undefined,
): Promise<StreamEvent[]> {
  const missing = events.filter(needsActorJoin);
  if (missing.length === 0) return [...events];
  const targets = [...new Set(missing.map(auditTargetOf).filter((t): t is string => t !== null))];
  const since = Math.min(...missing.map((e) => msOf(e.streamId)));
  const joined = matchActors(events, await audit.actsOn(targets, since));
  return joined.map((event) => {
    if (event.actor?.kind !== 'user' || event.actor.name !== undefined) return event;
    const name = names(event.actor.id);
    return name === undefined ? event : { ...event, actor: { ...event.actor, name } };
  });
}
