import { queryAppeals, scrubPersonalData, type Appeal, type AppealListQuery, type RegionScope } from '@shared';
import type { History } from '../../archive/history';
import type { ProjectionStore } from '../../projection/createProjectionStore';
import { historyPage, reachesPastMemory } from '../archiveList';
import { MAX_OPEN311_REQUESTS, type RequestsQuery } from './requests';
import { archivedStatusNote, type StatusNotes } from './statusNotes';

/**
 * `GET requests.json` beyond memory (docs/api.md "Open311 GeoReport v2"): the list form answers
 * from the archive like `GET /api/appeals?from=…` does — same shape, masking and region scope.
 * `fromArchive` holds the ids the archive answered (their reads are audited, their
 * `status_notes` come from the archived events).
 */
export interface Open311Found {
  appeals: Appeal[];
  fromArchive: Set<string>;
}

/** The ids form: each id from memory, else from the archive (one query), in the order asked; unscoped. */
export async function requestsByIds(
  ids: readonly string[],
  store: ProjectionStore,
  history: History | undefined,
): Promise<Open311Found> {
  const missing = ids.filter((id) => !store.state.appeals.has(id));
  const archived = history && missing.length > 0 ? await history.getAppeals(missing) : new Map();
  const appeals: Appeal[] = [];
  const fromArchive = new Set<string>();
  for (const id of ids) {
    const live = store.state.appeals.get(id);
    const record = live ? undefined : archived.get(id);
    if (record) fromArchive.add(id);
    const appeal = live ?? record?.appeal;
    if (appeal) appeals.push(appeal);
  }
  return { appeals, fromArchive };
}

/**
 * The search form, scoped to `regions`: from memory while the period is within what it holds,
 * else an archive page (merged with memory's appeals newer than the archive's cursor), newest
 * first, at most MAX_OPEN311_REQUESTS. `source` says which answered.
 */
export async function searchRequests(
  query: Extract<RequestsQuery, { kind: 'search' }>,
  store: ProjectionStore,
  history: History | undefined,
  options: { now: number; regions: RegionScope },
): Promise<Open311Found & { source: 'memory' | 'archive' }> {
  const { categories, statuses, from, to } = query;
  const listQuery: AppealListQuery = {
    category: categories,
    status: statuses,
    from,
    // queryAppeals' `to` is exclusive; end_date is inclusive.
    to: to === undefined ? undefined : to + 1,
    sort: '-registeredAt',
    limit: MAX_OPEN311_REQUESTS,
  };
  if (!history || !reachesPastMemory(listQuery, store.state)) {
    const appeals = queryAppeals(store.state.appeals.values(), listQuery, options).items;
    return { appeals, fromArchive: new Set(), source: 'memory' };
  }
  const page = await historyPage(history, () => store.state, listQuery, {
    ...options,
    visibleText: scrubPersonalData,
  });
  const fromArchive = new Set(page.items.filter((a) => !store.state.appeals.has(a.id)).map((a) => a.id));
  return { appeals: page.items, fromArchive, source: 'archive' };
}

/** `status_notes` of each appeal: memory's from the stream, the archive's from its archived events. */
export async function notesOf(
  found: Open311Found,
  statusNotes: StatusNotes,
  history: History | undefined,
): Promise<Map<string, string>> {
  const live = found.appeals.filter((a) => !found.fromArchive.has(a.id));
  const archived = found.appeals.filter((a) => found.fromArchive.has(a.id));
  const [notes, changes] = await Promise.all([
    statusNotes.notesOf(live),
    history && archived.length > 0 ? history.lastStatusChanges(archived.map((a) => a.id)) : new Map(),
  ]);
  for (const appeal of archived) {
    const change = changes.get(appeal.id);
    notes.set(appeal.id, archivedStatusNote(appeal, change ? [change] : []));
  }
  return notes;
}
