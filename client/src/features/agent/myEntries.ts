import {
  allowedStatusChanges,
  APPEAL_STATUSES,
  compareStreamIds,
  isStreamId,
  type Appeal,
  type AppealStatus,
  type Priority,
  type StatusChange,
} from '@shared';
import { z } from 'zod';

/** The console lists the agent's last this many entries. */
export const MY_ENTRIES_LIMIT = 20;

/** An appeal registered from this page: what the 202 said, and what was sent (no personal data). */
export interface SubmittedEntry {
  appealId: string;
  /** Stream cursor of the write; the entry is confirmed once the live replica reaches it. */
  cursor: string;
  category: string;
  region: string | null;
  address: string | null;
  priority: Priority;
  /** Client clock when the 202 came. */
  submittedAt: number;
}

/** One of the agent's entries as `GET /api/appeals/mine` lists it (only what the list shows). */
export interface MineItem {
  id: string;
  category: string;
  region: string;
  priority: Priority;
  status: AppealStatus;
  registeredAt: number;
  address: string | null;
}

const mineItemSchema = z.object({
  id: z.string().min(1),
  category: z.string(),
  region: z.string(),
  priority: z.enum(['low', 'normal', 'high', 'emergency']),
  status: z.enum(APPEAL_STATUSES),
  registeredAt: z.number(),
  location: z.object({ address: z.string().optional() }).optional(),
});

/**
 * The items of a `GET /api/appeals/mine` answer that the list can show. An item it cannot
 * read is skipped rather than costing the whole list; a body of another shape gives null.
 */
export function parseMine(body: unknown): MineItem[] | null {
  if (body === null || typeof body !== 'object' || !('items' in body) || !Array.isArray(body.items)) return null;
  const items: MineItem[] = [];
  for (const raw of body.items as unknown[]) {
    const parsed = mineItemSchema.safeParse(raw);
    if (!parsed.success) continue;
    const { location, ...item } = parsed.data;
    items.push({ ...item, address: location?.address ?? null });
  }
  return items;
}

/**
 * True once the live replica has caught up with a write: its cursor is at or past the
 * write's, and (for a new appeal) the appeal is in it. Unreadable cursors never confirm.
 */
export function isWriteConfirmed(replicaCursor: string, writeCursor: string, isInReplica = true): boolean {
  if (!isInReplica || !isStreamId(replicaCursor) || !isStreamId(writeCursor)) return false;
  return compareStreamIds(replicaCursor, writeCursor) >= 0;
}

/** A row of the "my entries" list. */
export interface EntryRow {
  id: string;
  category: string;
  region: string | null;
  address: string | null;
  priority: Priority;
  /** Live status from the replica, else as last listed, else "registered" (just sent). */
  status: AppealStatus;
  /** When it was registered (the replica's or the list's time; for a fresh entry, when it was sent). */
  registeredAt: number;
  /** For entries made on this page: sent (202) or confirmed (seen live); null for older ones. */
  delivery: 'sent' | 'confirmed' | null;
  /** The live replica holds the appeal: its status is live and it can be acted on. */
  isLive: boolean;
}

export interface ReplicaView {
  cursor: string;
  appeals: ReadonlyMap<string, Appeal>;
}

/**
 * The agent's last entries, newest first: the server's list plus what was registered on
 * this page since, each with its live status from the replica. Pure.
 */
export function mergeEntries(
  listed: readonly MineItem[],
  submitted: readonly SubmittedEntry[],
  replica: ReplicaView,
  limit = MY_ENTRIES_LIMIT,
): EntryRow[] {
  const rows = new Map<string, EntryRow>();
  for (const item of listed) {
    const live = replica.appeals.get(item.id);
    rows.set(item.id, {
      id: item.id,
      category: item.category,
      region: item.region,
      address: item.address,
      priority: live?.priority ?? item.priority,
      status: live?.status ?? item.status,
      registeredAt: item.registeredAt,
      delivery: null,
      isLive: live !== undefined,
    });
  }
  for (const entry of submitted) {
    const live = replica.appeals.get(entry.appealId);
    const known = rows.get(entry.appealId);
    rows.set(entry.appealId, {
      id: entry.appealId,
      category: live?.category ?? entry.category,
      region: live?.region ?? entry.region,
      address: live?.location.address ?? entry.address,
      priority: live?.priority ?? entry.priority,
      status: live?.status ?? known?.status ?? 'registered',
      registeredAt: live?.registeredAt ?? known?.registeredAt ?? entry.submittedAt,
      delivery: isWriteConfirmed(replica.cursor, entry.cursor, live !== undefined) ? 'confirmed' : 'sent',
      isLive: live !== undefined,
    });
  }
  return [...rows.values()]
    .sort((a, b) => b.registeredAt - a.registeredAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit);
}

/** The status changes the console offers as one-click buttons (the rest belong to supervisors). */
export const QUICK_STATUS_CHANGES: readonly StatusChange[] = ['in_progress', 'resolved', 'redirected', 'rejected'];

/** The quick status changes that make sense from `status` (shared transition table), in button order. */
export function quickStatusChanges(status: AppealStatus): StatusChange[] {
  const allowed = allowedStatusChanges(status);
  return QUICK_STATUS_CHANGES.filter((s) => allowed.includes(s));
}
