import { isOpenStatus, type Appeal, type Incident, type StreamEvent } from '@shared';
import type { TimelineStatus } from '../appeal/appealDetails';

/** `GET /api/incidents/:id` (docs/api.md): the incident, its events, its linked appeals, the cursor they reflect. */
export interface IncidentDetails {
  incident: Incident;
  timeline: StreamEvent[];
  timelineStatus: TimelineStatus;
  appeals: Appeal[];
  /** Linked ids neither memory nor the archive holds. */
  unknownAppealIds: string[];
  cursor: string;
  source: 'memory' | 'archive';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The answer, or null when the body is not one. Events without a type or stream id are skipped. */
export function parseIncidentDetails(body: unknown): IncidentDetails | null {
  if (!isObject(body) || !isObject(body.incident) || typeof body.cursor !== 'string') return null;
  const incident = body.incident;
  if (typeof incident.id !== 'string' || typeof incident.region !== 'string' || !Array.isArray(incident.appealIds)) {
    return null;
  }
  const timeline = (Array.isArray(body.timeline) ? (body.timeline as unknown[]) : []).filter(
    (event): event is StreamEvent =>
      isObject(event) && typeof event.type === 'string' && typeof event.streamId === 'string' && isObject(event.data),
  );
  const appeals = (Array.isArray(body.appeals) ? (body.appeals as unknown[]) : []).filter(
    (appeal): appeal is Appeal =>
      isObject(appeal) && typeof appeal.id === 'string' && typeof appeal.status === 'string',
  );
  const status = isObject(body.timelineStatus) ? body.timelineStatus : {};
  return {
    incident: incident as unknown as Incident,
    timeline,
    timelineStatus: {
      isPartial: status.isPartial === true,
      reason: status.isPartial === true ? 'trimmed' : null,
      missing: typeof status.missing === 'number' ? status.missing : 0,
    },
    appeals,
    unknownAppealIds: Array.isArray(body.unknownAppealIds)
      ? (body.unknownAppealIds as unknown[]).filter((id): id is string => typeof id === 'string')
      : [],
    cursor: body.cursor,
    source: body.source === 'archive' ? 'archive' : 'memory',
  };
}

/**
 * The linked appeals to show: each as the live replica has it (status changes show at once),
 * else as the answer gave it; appeals the replica shows linked since the answer are added.
 * Newest registration first.
 */
export function linkedAppealsOf(
  details: IncidentDetails,
  live: Incident | undefined,
  appeals: ReadonlyMap<string, Appeal>,
): Appeal[] {
  const byId = new Map(details.appeals.map((appeal) => [appeal.id, appeal]));
  const ids = new Set([...details.incident.appealIds, ...(live?.appealIds ?? [])]);
  const shown: Appeal[] = [];
  for (const id of ids) {
    const appeal = appeals.get(id) ?? byId.get(id);
    if (appeal) shown.push(appeal);
  }
  return shown.sort((a, b) => b.registeredAt - a.registeredAt);
}

/**
 * Appeals that could be linked: open, of the incident's region, not linked to any incident,
 * matching the search (number or description, case-insensitive); newest first, at most `limit`.
 */
export function linkCandidates(
  incident: Incident,
  appeals: Iterable<Appeal>,
  query: string,
  limit = 50,
): { items: Appeal[]; total: number } {
  const needle = query.trim().toLocaleLowerCase();
  const matches: Appeal[] = [];
  for (const appeal of appeals) {
    if (appeal.region !== incident.region || !isOpenStatus(appeal.status) || appeal.incidentId !== undefined) continue;
    if (incident.appealIds.includes(appeal.id)) continue;
    if (
      needle !== '' &&
      !appeal.id.toLocaleLowerCase().includes(needle) &&
      // The live replica carries no descriptions (personal data stays on the server): then the id alone.
      !(appeal.description ?? '').toLocaleLowerCase().includes(needle)
    ) {
      continue;
    }
    matches.push(appeal);
  }
  matches.sort((a, b) => b.registeredAt - a.registeredAt);
  return { items: matches.slice(0, limit), total: matches.length };
}

/** True when the live incident has an event the loaded timeline lacks (read it again). */
export function isIncidentBehind(details: IncidentDetails, live: Incident | undefined): boolean {
  if (!live) return false;
  const known = new Set(details.timeline.map((event) => event.streamId));
  return live.streamIds.some((id) => !known.has(id));
}
