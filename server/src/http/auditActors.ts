import type { AuditAction, AuditOutcome, AuditRecord, StreamEvent } from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';
import type { AuditLog } from '../audit/createAuditLog';
import { auditTargetOf, matchActors, needsActorJoin } from '../audit/joinActors';

/**
 * What the timelines read from the archive (issue 18, "who acted" for older events): the
 * archived audit trail (`audit_events`, kept after Redis trims `<prefix>:audit`) and an
 * archived incident's events (`incident_events`). Reads only, on the archive's query interface.
 */
export interface ArchiveTimelineReads {
  /** Successful audit records on `targets` within each window (ms), as the Redis trail has them. */
  auditActs(windows: readonly { target: string; fromMs: number; toMs: number }[]): Promise<AuditRecord[]>;
  /** An incident's archived events, in stream order (empty when none are held). */
  incidentEvents(incidentId: string): Promise<StreamEvent[]>;
}

/** An audit entry's `at` is the service's clock, its stream id Redis's: the window allows for both. */
const CLOCK_SLACK_MS = 60_000;
/** The write service audits right after the append (joinActors' MATCH_WINDOW_MS), plus the slack. */
const AFTER_EVENT_MS = 10_000 + CLOCK_SLACK_MS;

const AUDIT_IN_WINDOWS = `
  SELECT a.stream_id, a.at, a.actor, a.role, a.action, a.outcome, a.subject, a.request_id, a.payload
    FROM audit_events a
    JOIN unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS w(subject, from_at, to_at)
      ON a.subject = w.subject AND a.at >= w.from_at AND a.at <= w.to_at
   WHERE coalesce(a.outcome, 'ok') = 'ok'`;

export function createArchiveTimelineReads(db: ArchiveQuery): ArchiveTimelineReads {
  return {
    async auditActs(windows) {
      if (windows.length === 0) return [];
      const { rows } = await db.query<Record<string, unknown>>(AUDIT_IN_WINDOWS, [
        windows.map((w) => w.target),
        windows.map((w) => new Date(w.fromMs).toISOString()),
        windows.map((w) => new Date(w.toMs).toISOString()),
      ]);
      const seen = new Set<string>();
      const acts: AuditRecord[] = [];
      for (const row of rows) {
        const id = row.stream_id as string;
        if (seen.has(id)) continue;
        seen.add(id);
        const payload = (row.payload ?? {}) as Record<string, string>;
        acts.push({
          id,
          at: new Date(row.at as string | Date).toISOString(),
          actor: row.actor as string,
          role: (row.role as string | null) ?? '',
          action: row.action as AuditAction,
          target: (row.subject as string | null) ?? '',
          changed: parseChanged(payload.changed),
          requestId: (row.request_id as string | null) ?? '',
          outcome: ((row.outcome as string | null) ?? 'ok') as AuditOutcome,
        });
      }
      return acts;
    },
    async incidentEvents(incidentId) {
      const { rows } = await db.query<{ stream_id: string; payload: Record<string, unknown> }>(
        'SELECT stream_id, payload FROM incident_events WHERE incident_id = $1 ORDER BY seq',
        [incidentId],
      );
      return rows.map((row) => ({ ...row.payload, streamId: row.stream_id }) as StreamEvent);
    },
  };
}

function parseChanged(raw: string | undefined): string[] {
  try {
    const value: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

const msOf = (streamId: string): number => Number(streamId.split('-')[0]);

export interface WhoActedDeps {
  audit: Pick<AuditLog, 'actsOn'>;
  /** The archive's reads; without them only the Redis trail is asked. */
  archive?: Pick<ArchiveTimelineReads, 'auditActs'> | undefined;
  /** A username's display name (the user store), when the caller can look it up. */
  displayName?: ((username: string) => Promise<string | undefined>) | undefined;
}

/**
 * Events as a timeline shows them, who acted filled in: an event without `actor` is joined
 * to its write's audit record (joinActors' rules), first in the Redis trail and, for the
 * events it no longer holds (trimmed), in the archived trail; then each staff member's
 * username becomes their display name. An archive that cannot be read leaves the events
 * as the Redis trail joined them (the timeline still answers).
 */
export async function withWhoActed(deps: WhoActedDeps, events: readonly StreamEvent[]): Promise<StreamEvent[]> {
  let joined = [...events];
  const missing = events.filter(needsActorJoin);
  if (missing.length > 0) {
    const targets = [...new Set(missing.map(auditTargetOf).filter((t): t is string => t !== null))];
    const redisActs = await deps.audit.actsOn(targets, Math.min(...missing.map((e) => msOf(e.streamId))));
    joined = matchActors(events, redisActs);
    const stillMissing = joined.filter(needsActorJoin);
    if (stillMissing.length > 0 && deps.archive) {
      const windows = stillMissing.flatMap((event) => {
        const target = auditTargetOf(event);
        const ms = msOf(event.streamId);
        return target === null ? [] : [{ target, fromMs: ms - CLOCK_SLACK_MS, toMs: ms + AFTER_EVENT_MS }];
      });
      try {
        const archived = await deps.archive.auditActs(windows);
        const known = new Set(redisActs.map((act) => act.id));
        joined = matchActors(events, [...redisActs, ...archived.filter((act) => !known.has(act.id))]);
      } catch {
        // The archive down: who acted stays unknown for these events, the rest is shown.
      }
    }
  }
  return deps.displayName ? withDisplayNames(joined, deps.displayName) : joined;
}

async function withDisplayNames(
  events: readonly StreamEvent[],
  displayName: (username: string) => Promise<string | undefined>,
): Promise<StreamEvent[]> {
  const usernames = new Set<string>();
  for (const event of events) {
    if (event.actor?.kind === 'user' && event.actor.name === undefined) usernames.add(event.actor.id);
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...usernames].map(async (username) => {
      const name = await displayName(username).catch(() => undefined);
      if (name !== undefined) names.set(username, name);
    }),
  );
  return events.map((event) => {
    if (event.actor?.kind !== 'user' || event.actor.name !== undefined) return event;
    const name = names.get(event.actor.id);
    return name === undefined ? event : { ...event, actor: { ...event.actor, name } };
  });
}
