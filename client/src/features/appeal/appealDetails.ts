import { compareStreamIds, isStreamId, type Appeal, type StreamEvent } from '@shared';

/** `GET /api/appeals/:id` (docs/api.md): the appeal, its events oldest first, and the cursor they reflect. */
export interface AppealDetails {
  appeal: Appeal;
  timeline: StreamEvent[];
  cursor: string;
  /** `archive`: the live projection no longer holds it (finished long ago); read from the archive. */
  source: 'memory' | 'archive';
  /** Whether the timeline holds every event, and if not why (docs/api.md "Partial timelines"). */
  timelineStatus: TimelineStatus;
}

/** Why a timeline lacks events: they left the stream before the archive held them, an import, or the archive is down. */
export type PartialReason = 'trimmed' | 'imported' | 'unavailable';

export interface TimelineStatus {
  isPartial: boolean;
  reason: PartialReason | null;
  /** Events known to be missing; 0 when unknown. */
  missing: number;
}

const COMPLETE: TimelineStatus = { isPartial: false, reason: null, missing: 0 };
const REASONS: readonly PartialReason[] = ['trimmed', 'imported', 'unavailable'];

function timelineStatusOf(value: unknown): TimelineStatus {
  if (!isObject(value) || value.isPartial !== true) return COMPLETE;
  const reason = REASONS.find((known) => known === value.reason) ?? 'trimmed';
  const missing = typeof value.missing === 'number' && Number.isInteger(value.missing) ? value.missing : 0;
  return { isPartial: true, reason, missing };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The answer, or null when the body is not one. Events without a type or stream id are skipped. */
export function parseAppealDetails(body: unknown): AppealDetails | null {
  if (!isObject(body) || !isObject(body.appeal) || !Array.isArray(body.timeline)) return null;
  const { appeal, cursor } = body;
  if (typeof appeal.id !== 'string' || typeof appeal.status !== 'string' || typeof cursor !== 'string') return null;
  const timeline = (body.timeline as unknown[]).filter(
    (event): event is StreamEvent =>
      isObject(event) &&
      typeof event.type === 'string' &&
      typeof event.streamId === 'string' &&
      typeof event.at === 'string' &&
      isObject(event.data),
  );
  return {
    appeal: appeal as unknown as Appeal,
    timeline,
    cursor,
    source: body.source === 'archive' ? 'archive' : 'memory',
    timelineStatus: timelineStatusOf(body.timelineStatus),
  };
}

/**
 * The appeal to show: the live replica's copy once the replica has caught up with the
 * answer (it then has every change the answer had, and more), else the answer's.
 */
export function currentAppeal(details: AppealDetails, live: Appeal | undefined, liveCursor: string): Appeal {
  if (!live || !isStreamId(liveCursor) || !isStreamId(details.cursor)) return details.appeal;
  return compareStreamIds(liveCursor, details.cursor) >= 0 ? live : details.appeal;
}

/** True when the live appeal has an event the loaded timeline lacks (read the timeline again). */
export function isTimelineBehind(
  timeline: readonly Pick<StreamEvent, 'streamId'>[],
  live: Appeal | undefined,
): boolean {
  const newest = live?.streamIds.at(-1);
  if (newest === undefined || !isStreamId(newest)) return false;
  const shown = timeline.at(-1)?.streamId;
  if (shown === undefined || !isStreamId(shown)) return true;
  return compareStreamIds(newest, shown) > 0;
}
