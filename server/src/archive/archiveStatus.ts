import type { StreamId } from '@shared';

/**
 * How the archive stands, as `/api/health` and the admin page show it.
 * - `ok`: this node archives (holds the lease) and the lag is small;
 * - `standby`: another process archives (another node's lease, or `ARCHIVER=off` beside a
 *   separate `npm run archiver`) and the lag is small;
 * - `behind`: the oldest entry not archived waited longer than the limit, or nobody holds the lease;
 * - `down`: the archive's database does not answer (the live dashboard and writes go on;
 *   the stream keeps everything not archived, and the archive catches up when it is back);
 * - `disabled`: no archive configured (an app built without one: tests, tools).
 */
export type ArchiveState = 'ok' | 'behind' | 'down' | 'standby' | 'disabled';

export interface ArchiveStatus {
  state: ArchiveState;
  mode: 'postgres' | 'pglite' | null;
  /** Stream id of the newest entry archived; null before the database first answered. */
  cursor: StreamId | null;
  /** Entries in the stream after the cursor (exact up to `LAG_COUNT_EXACT`, estimated beyond). */
  lagEntries: number;
  lagIsExact: boolean;
  /** How long the oldest entry not archived has waited, s (0 when caught up). */
  lagSeconds: number;
  /** When this process last saw a batch committed (epoch ms), from this node or the cursor row. */
  lastBatchAt: number | null;
  lastError: string | null;
  /** Entries in the events stream now, and the limit past which health turns red (STREAM_MAX_ENTRIES). */
  streamLength: number | null;
  streamLimit: number;
  /** The audit stream's own archive cursor (it is archived too). */
  auditCursor: StreamId | null;
}

/** What the app needs of the archive: the cursor (retention, eviction) and its status (health). */
export interface ArchiveLink {
  /** Everything up to this stream id is archived; null when there is no archive (bound by count instead). */
  archivedThrough(): StreamId | null;
  status(): ArchiveStatus;
}

/** True when health must turn red: the stream passed its limit (Redis memory at risk) or the archive is down. */
export function isArchiveRed(status: ArchiveStatus): boolean {
  return status.state === 'down' || (status.streamLength !== null && status.streamLength > status.streamLimit);
}

export const DISABLED_ARCHIVE: ArchiveStatus = Object.freeze({
  state: 'disabled',
  mode: null,
  cursor: null,
  lagEntries: 0,
  lagIsExact: true,
  lagSeconds: 0,
  lastBatchAt: null,
  lastError: null,
  streamLength: null,
  streamLimit: 0,
  auditCursor: null,
});
