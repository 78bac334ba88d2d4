import type { Appeal } from '@shared';
import type { ApiResult } from '../../api/requestJson';

/** One answer of `GET /api/appeals` (docs/api.md). */
export interface AppealPage {
  items: Appeal[];
  nextCursor: string | null;
  /** Rows matching the filters, all pages. */
  total: number;
  /** Stream cursor the answer reflects. */
  cursor: string;
  /** Server clock of the answer, epoch ms. */
  asOf: number;
  /** Rows of this page that came from the archive (a period search past live memory). */
  archivedIds: string[];
}

/** Rows the table holds at most (100 pages); past that the view asks for narrower filters. */
export const MAX_LIST_ROWS = 50_000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * A page answer, or null when the body is not one. Items are checked only for what the
 * table relies on (an id, the times it sorts and counts by): a full schema check of 10,000
 * appeals would cost more than it protects against from our own server.
 */
export function parseAppealPage(body: unknown): AppealPage | null {
  if (!isObject(body) || !Array.isArray(body.items)) return null;
  const { nextCursor, total, cursor, asOf } = body;
  if (nextCursor !== null && typeof nextCursor !== 'string') return null;
  if (typeof total !== 'number' || typeof cursor !== 'string' || typeof asOf !== 'number') return null;
  const items = (body.items as unknown[]).filter(
    (item): item is Appeal =>
      isObject(item) &&
      typeof item.id === 'string' &&
      typeof item.registeredAt === 'number' &&
      typeof item.dueAt === 'number' &&
      typeof item.status === 'string',
  );
  const archivedIds = Array.isArray(body.archivedIds)
    ? body.archivedIds.filter((id): id is string => typeof id === 'string')
    : [];
  return { items, nextCursor, total, cursor, asOf, archivedIds };
}

/** Why a list could not be read: the API's `{ code, message, field }` and the HTTP status (0: no answer). */
export interface ListError {
  status: number;
  code: string | null;
  field: string | null;
  message: string | null;
}

export type LoadOutcome =
  | {
      kind: 'done';
      items: Appeal[];
      total: number;
      /** The first page's cursor and clock: the oldest moment any row reflects. */
      cursor: string;
      asOf: number;
      /** More rows matched than MAX_LIST_ROWS. */
      isTruncated: boolean;
      /** Ids of the rows that came from the archive. */
      archivedIds: ReadonlySet<string>;
    }
  | { kind: 'failed'; error: ListError; items: Appeal[] }
  | { kind: 'cancelled' };

export interface LoadOptions {
  /** Reads one page (`null`: the first). */
  fetchPage: (cursor: string | null) => Promise<ApiResult<unknown>>;
  /** After each page: every row so far, and the first page's answer. */
  onPage?: (items: readonly Appeal[], first: AppealPage) => void;
  /** False once the result is no longer wanted (filters changed, page left): stops between pages. */
  isCurrent: () => boolean;
  maxRows?: number;
}

/**
 * Every page of a list, one after the other (keyset cursors: each page starts strictly
 * after the last row of the one before, so rows added meanwhile never duplicate or shift
 * one). Stops at the last page, at `maxRows`, on a repeated cursor, on an error or when
 * no longer current. Never throws.
 */
export async function loadAllPages({
  fetchPage,
  onPage,
  isCurrent,
  maxRows = MAX_LIST_ROWS,
}: LoadOptions): Promise<LoadOutcome> {
  const items: Appeal[] = [];
  const seenCursors = new Set<string>();
  const archivedIds = new Set<string>();
  let first: AppealPage | null = null;
  let cursor: string | null = null;
  for (;;) {
    if (!isCurrent()) return { kind: 'cancelled' };
    const result = await fetchPage(cursor);
    if (!isCurrent()) return { kind: 'cancelled' };
    const page = result.ok ? parseAppealPage(result.data) : null;
    if (!page) {
      const error: ListError = result.ok
        ? { status: result.status, code: null, field: null, message: 'unreadable answer' }
        : { status: result.status, code: result.code ?? null, field: result.field ?? null, message: result.error };
      return { kind: 'failed', error, items };
    }
    first ??= page;
    for (const id of page.archivedIds) archivedIds.add(id);
    items.push(...page.items.slice(0, maxRows - items.length));
    onPage?.(items, first);
    const next = page.nextCursor;
    const isTruncated = next !== null && items.length >= maxRows;
    if (next === null || isTruncated || seenCursors.has(next)) {
      return {
        kind: 'done',
        items,
        total: first.total,
        cursor: first.cursor,
        asOf: first.asOf,
        isTruncated,
        archivedIds,
      };
    }
    seenCursors.add(next);
    cursor = next;
  }
}
