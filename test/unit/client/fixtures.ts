import {
  applyEvent,
  computeStats,
  createProjection,
  PROTOCOL_VERSION,
  type Frame,
  type Role,
  type SessionUser,
  type Snapshot,
  type StreamEvent,
} from '@shared';

/** A snapshot as the server would build it after applying `events` (whole country scope). */
export function snapshotOf(events: StreamEvent[], serverTime: number, cursor?: string): Snapshot {
  const state = createProjection();
  for (const event of events) applyEvent(state, event);
  return {
    protocol: PROTOCOL_VERSION,
    cursor: cursor ?? state.cursor,
    scope: { regions: 'all' },
    reason: 'connect',
    appeals: [...state.appeals.values()],
    incidents: [...state.incidents.values()],
    feed: [...state.feed],
    stats: computeStats(state, serverTime),
    serverTime,
  };
}

/** A live (or replay) frame carrying `events`, starting at `from`. */
export function frameOf(from: string, events: StreamEvent[], serverTime: number, replay = false): Frame {
  return { from, cursor: events.at(-1)?.streamId ?? from, events, replay, serverTime };
}

/** A signed-in user as `/api/auth/me` returns it. */
export function sessionUser(role: Role, extra: Partial<SessionUser> = {}): SessionUser {
  return { username: `${role}1`, role, regions: 'all', isKiosk: false, ...extra };
}
