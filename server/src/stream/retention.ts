import { compareStreamIds } from '@shared';

/**
 * Where the event stream may be trimmed to (XTRIM MINID: entries before it go), or null
 * for nowhere: entries older than the retention go, but never one the projection snapshot
 * still needs (a restart replays everything after the snapshot's cursor), nor one the archive
 * has not taken yet (design.md: "never trimmed past the archive's cursor"). A client whose
 * resume point was trimmed gets a fresh snapshot instead (reason `trimmed`).
 */
export function retentionTrimPoint(
  now: number,
  retentionMs: number,
  snapshotCursor: string | null,
  /** The archive's cursor, when there is an archive: nothing it has not taken is trimmed. */
  archivedThrough: string | null = null,
): string | null {
  if (retentionMs <= 0 || snapshotCursor === null) return null;
  let point = `${Math.max(0, now - retentionMs)}-0`;
  if (compareStreamIds(snapshotCursor, point) < 0) point = snapshotCursor;
  if (archivedThrough !== null && compareStreamIds(archivedThrough, point) < 0) point = archivedThrough;
  // MINID keeps `point` itself: '0-0' trims nothing.
  return point === '0-0' ? null : point;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30m`, `24h`, `7d` → ms; `off` → 0 (never trim). Null for anything else. */
export function parseRetention(value: string): number | null {
  if (value === 'off') return 0;
  const match = /^(\d{1,5})([mhd])$/.exec(value);
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 ? ms : null;
}
