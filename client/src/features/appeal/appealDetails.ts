import { compareStreamIds, isStreamId, type Appeal, type StreamEvent } from '@shared';

/** `GET /api/appeals/:id` (docs/api.md): the appeal, its events oldest first, and the cursor they reflect. */
export interface AppealDetails {
  appeal: Appeal;
  timeline: StreamEvent[];
  cursor: string;
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
  return { appeal: appeal as unknown as Appeal, timeline, cursor };
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
