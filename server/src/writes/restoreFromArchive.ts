import { ENVELOPE_VERSION, type Appeal, type EventOf, type RegionScope } from '@shared';
import type { History } from '../archive/history';
import { isInRegions } from '../auth/claims';
import type { ProjectionStore } from '../projection/createProjectionStore';
import { EVENTS_STREAM } from '../keys';
import type { StreamLog } from '../stream/eventLog';

export interface RestoreDeps {
  log: StreamLog;
  store: ProjectionStore;
  history: History;
  now: () => number;
}

/** How long a write waits for the projection to apply the restore before planning on it. */
const RESTORE_WAIT_MS = 1500;

const isoOrAbsent = <K extends string>(key: K, ms: number | null): Partial<Record<K, string>> =>
  ms === null ? {} : ({ [key]: new Date(ms).toISOString() } as Record<K, string>);

/** The `appeal.restored` envelope that brings an archived appeal back as the archive holds it. */
export function restoredEventOf(appeal: Appeal, eventId: string, at: number): EventOf<'appeal.restored'> {
  return {
    v: ENVELOPE_VERSION,
    id: eventId,
    type: 'appeal.restored',
    at: new Date(at).toISOString(),
    region: appeal.region,
    data: {
      appealId: appeal.id,
      channel: appeal.channel,
      category: appeal.category,
      priority: appeal.priority,
      location: appeal.location,
      description: appeal.description,
      ...(appeal.citizen ? { citizen: appeal.citizen } : {}),
      ...(appeal.slaMinutes !== undefined ? { slaMinutes: appeal.slaMinutes } : {}),
      status: appeal.status,
      ...(appeal.service !== undefined ? { service: appeal.service } : {}),
      ...(appeal.assignee !== undefined ? { assignee: appeal.assignee } : {}),
      ...(appeal.incidentId !== undefined ? { incidentId: appeal.incidentId } : {}),
      registeredAt: new Date(appeal.registeredAt).toISOString(),
      ...isoOrAbsent('respondedAt', appeal.respondedAt),
      ...isoOrAbsent('resolvedAt', appeal.resolvedAt),
      ...isoOrAbsent('closedAt', appeal.closedAt),
      responseDueAt: new Date(appeal.responseDueAt).toISOString(),
      dueAt: new Date(appeal.dueAt).toISOString(),
      updatedAt: new Date(appeal.updatedAt).toISOString(),
      ...(appeal.serviceId !== undefined ? { serviceId: appeal.serviceId } : {}),
      ...(appeal.outcome !== null ? { outcome: appeal.outcome } : {}),
      ...(appeal.extension
        ? { extension: { ...appeal.extension, at: new Date(appeal.extension.at).toISOString() } }
        : {}),
      ...(appeal.feedback ? { feedback: { ...appeal.feedback, at: new Date(appeal.feedback.at).toISOString() } } : {}),
    },
  };
}

/**
 * Before a write on an appeal the projection no longer holds (finished and dropped, e.g. a
 * citizen calling back after 40 days to reopen it): appends `appeal.restored` with the
 * archived state and waits until the projection has applied it, so the write is then
 * planned and applied like any other, and the appeal is back on the wall. Only for appeals
 * in the caller's regions (anything else is the command's ordinary 404).
 *
 * The event id is derived from the archived version (`restore:<id>:<its last stream id>`):
 * two nodes restoring the same appeal at once append the same event, applied once.
 * Returns false when there was nothing to restore or the projection did not catch up in time.
 */
export async function restoreFromArchive(deps: RestoreDeps, appealId: string, regions: RegionScope): Promise<boolean> {
  if (deps.store.state.appeals.has(appealId)) return false;
  const archived = await deps.history.getAppeal(appealId);
  if (!archived || !isInRegions(regions, archived.appeal.region)) return false;
  const restored = restoredEventOf(archived.appeal, `restore:${appealId}:${archived.lastStreamId}`, deps.now());
  // The server brings it back on behalf of the write that follows (which carries its caller).
  const event = { ...restored, actor: { kind: 'system' as const, name: 'archive' } };
  const cursor = await deps.log.append(EVENTS_STREAM, { event: JSON.stringify(event) });
  return deps.store.waitFor(cursor, RESTORE_WAIT_MS);
}
