import { type Appeal, type Incident, type RegionShapeMeta, type SessionUser } from '@shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { navigate, replaceSearch, useLocationSearch } from '../../navigation';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';
import { appealPath, DASHBOARD_PATH } from '../../routes';
import { incidentParam } from '../alerts/alertText';
import { AlertStrip } from '../alerts/AlertStrip';
import { BurstPreselect } from '../alerts/BurstPreselect';
import { ColumnChooser } from './ColumnChooser';
import { useHiddenColumns, visibleColumns } from './columnChoice';
import { IncidentGroupForm } from './IncidentGroupForm';
import { columnsFor, nextSort } from './regionColumns';
import { canGroupIncidents } from './regionDesk';
import { RegionFilterBar } from './RegionFilterBar';
import { csvPath, regionSearchOf, type RegionFilters } from './regionFilters';
import { RegionTable } from './RegionTable';
import { ownerOf, rememberView, type RememberedView } from './regionViewMemory';
import { headerState, keepListed, selectRange, setAll, toggleOne } from './selection';
import type { RegionList } from './useRegionAppeals';

const WALL_PATH = DASHBOARD_PATH;

export interface RegionViewProps {
  shape: Pick<RegionShapeMeta, 'code' | 'includes'>;
  user: SessionUser;
  filters: RegionFilters;
  onFiltersChange(filters: RegionFilters): void;
  /** The list query of the filters (what the table shows and the CSV exports). */
  listQuery: string;
  list: RegionList;
  /** Path and query of this view, the key it is remembered under when left. */
  url: string;
  /** How this view was left last time, when it is this very view. */
  remembered: RememberedView | null;
}

/**
 * The region's appeals at a desk: filter bar, a line saying how many rows and as of when
 * (with the CSV of exactly these rows), the virtualised table, and for supervisors the
 * choice of rows to group into an incident. Selection and the active row are kept by id,
 * so live refreshes and re-sorting never lose them.
 */
export function RegionView({
  shape,
  user,
  filters,
  onFiltersChange,
  listQuery,
  list,
  url,
  remembered,
}: RegionViewProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const language = useLanguage();
  const canSelect = canGroupIncidents(user);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => remembered?.selected ?? new Set());
  const [anchorId, setAnchorId] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(() => remembered?.activeId ?? null);
  const [isGrouping, setIsGrouping] = useState(false);
  const scrollTopRef = useRef(remembered?.scrollTop ?? 0);

  const rows = list.items;
  const ids = useMemo(() => rows.map((row) => row.id), [rows]);
  const byId = useMemo(() => new Map(rows.map((row) => [row.id, row])), [rows]);
  // Rows that left the list (closed under an "open" filter) leave the choice, once the list is whole.
  const selected = useMemo(
    () => (list.status === 'ready' ? keepListed(chosen, new Set(ids)) : chosen),
    [chosen, ids, list.status],
  );
  const allColumns = useMemo(() => columnsFor({ showRegion: shape.includes.length > 1 }), [shape.includes.length]);
  const columnChoice = useHiddenColumns(user.username);
  const columns = useMemo(() => visibleColumns(allColumns, columnChoice.hidden), [allColumns, columnChoice.hidden]);

  // Kept as it is after every change, so the appeal page (rendered before this view's
  // clean-up runs) already finds the way back; the scroll position is added on leaving.
  const latest = useRef<RememberedView | null>(null);
  const owner = ownerOf(user);
  useEffect(() => {
    latest.current = { owner, url, list, scrollTop: scrollTopRef.current, activeId, selected };
    rememberView(latest.current);
  }, [owner, url, list, activeId, selected]);
  useEffect(
    () => () => {
      if (latest.current) rememberView({ ...latest.current, scrollTop: scrollTopRef.current });
    },
    [],
  );

  const onToggle = useCallback(
    (id: string, isRange: boolean) => {
      setChosen((current) => (isRange ? selectRange(current, ids, anchorId, id) : toggleOne(current, id)));
      setAnchorId(id);
    },
    [ids, anchorId],
  );
  const allState = headerState(selected, ids);
  const onToggleAll = useCallback(
    () => setChosen((current) => setAll(current, ids, allState !== 'all')),
    [ids, allState],
  );
  const onOpen = useCallback((id: string) => navigate(appealPath(id)), []);
  const onBack = useCallback(() => {
    if (selected.size > 0) setChosen(new Set());
    else navigate(WALL_PATH);
  }, [selected.size]);
  const onSort = useCallback(
    (key: Parameters<typeof nextSort>[1]) => onFiltersChange({ ...filters, sort: nextSort(filters.sort, key) }),
    [filters, onFiltersChange],
  );
  const onScrollTop = useCallback((top: number) => {
    scrollTopRef.current = top;
  }, []);

  // "Open incident" on a burst alert: `?incident=<alert id>` preselects its appeals in the form.
  const incidentAlertId = incidentParam(useLocationSearch());
  const listed = list.status === 'ready' ? rows : null;
  const onPreselect = useCallback(
    (burstIds: string[]) => {
      setChosen(new Set(burstIds));
      setAnchorId(null);
      setIsGrouping(true);
      replaceSearch(regionSearchOf(filters));
    },
    [filters],
  );

  const chosenAppeals = useMemo(
    () => [...selected].map((id) => byId.get(id)).filter((a): a is Appeal => a !== undefined),
    [selected, byId],
  );

  return (
    <section className="region-view" aria-label={t('regionView.list.title')}>
      <RegionFilterBar filters={filters} onChange={onFiltersChange} />
      <div className="region-view__toolbar">
        <ListSummary list={list} />
        {list.asOf !== null && (
          <p className="region-view__as-of" data-testid="region-as-of">
            {t('regionView.list.asOf', { time: formatters.time(list.asOf) })}
          </p>
        )}
        <a
          className="button button--small region-view__csv"
          href={csvPath(listQuery, language)}
          download
          data-testid="region-csv"
        >
          {t('regionView.list.csv')}
        </a>
        <ColumnChooser
          columns={allColumns}
          hidden={columnChoice.hidden}
          onToggle={columnChoice.toggle}
          onShowAll={columnChoice.showAll}
        />
        {canSelect && (
          <div className="region-view__selection" role="group" aria-label={t('regionView.group.selection')}>
            <span data-testid="region-selected-count">{t('regionView.group.chosen', { n: selected.size })}</span>
            <button
              type="button"
              className="button button--small button--primary"
              disabled={selected.size === 0}
              data-testid="region-group-open"
              onClick={() => setIsGrouping(true)}
            >
              {t('regionView.group.open')}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={selected.size === 0}
              onClick={() => setChosen(new Set())}
            >
              {t('regionView.group.clear')}
            </button>
          </div>
        )}
      </div>
      <AlertStrip regions={shape.includes} max={5} testId="region-alerts" />
      {canSelect && <BurstPreselect alertId={incidentAlertId} listed={listed} onPreselect={onPreselect} />}
      {canSelect && isGrouping && (
        <GroupForm
          shape={shape}
          appeals={chosenAppeals}
          onAccepted={() => setChosen(new Set())}
          onClose={() => setIsGrouping(false)}
        />
      )}
      <ListProblem list={list} />
      <RegionTable
        rows={rows}
        columns={columns}
        sort={filters.sort}
        onSort={onSort}
        canSelect={canSelect}
        selected={selected}
        allState={allState}
        onToggle={onToggle}
        onToggleAll={onToggleAll}
        activeId={activeId}
        onActivate={setActiveId}
        onOpen={onOpen}
        onBack={onBack}
        initialScrollTop={remembered?.scrollTop}
        onScrollTop={onScrollTop}
        label={t('regionView.list.title')}
        archivedIds={list.archivedIds}
      />
    </section>
  );
}

/** "1 234 appeals · loading 500 of 1 234…", "refreshing…", "not up to date". */
function ListSummary({ list }: { list: RegionList }) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const total = list.total;
  return (
    <p className="region-view__summary" role="status" aria-live="polite" data-testid="region-total">
      {total === null
        ? list.status === 'failed'
          ? null
          : t('regionView.list.loading')
        : t('regionView.list.total', { total: formatters.count(total) })}
      {list.status === 'loading' && total !== null && (
        <span className="region-view__progress">
          {' '}
          {t('regionView.list.progress', {
            loaded: formatters.count(list.items.length),
            total: formatters.count(total),
          })}
        </span>
      )}
      {list.isTruncated && (
        <span className="region-view__warning">
          {' '}
          {t('regionView.list.truncated', { shown: formatters.count(list.items.length) })}
        </span>
      )}
      {list.isStale && <span className="region-view__warning"> {t('regionView.list.stale')}</span>}
    </p>
  );
}

/** Why there are no rows: a query the server refused, or no answer. */
function ListProblem({ list }: { list: RegionList }) {
  const { t } = useTranslation();
  if (list.status === 'ready' && list.items.length === 0) {
    return <p className="region-view__empty">{t('regionView.list.empty')}</p>;
  }
  if (list.status !== 'failed' || !list.error) return null;
  const { status, field } = list.error;
  const text =
    status === 400 || status === 422
      ? t('regionView.list.invalid', { field: field ?? '—' })
      : status === 0 || status >= 500
        ? t('regionView.list.unreachable')
        : t('regionView.list.failed', { status });
  return (
    <p className="region-view__problem" role="alert" data-testid="region-list-problem">
      {text}
    </p>
  );
}

/** The grouping form with the region's open incidents from the live replica. */
function GroupForm({
  shape,
  appeals,
  onAccepted,
  onClose,
}: {
  shape: Pick<RegionShapeMeta, 'includes'>;
  appeals: readonly Appeal[];
  onAccepted(): void;
  onClose(): void;
}) {
  const store = useWallStore();
  const version = useReplicaVersion();
  const incidents = useMemo(() => {
    const regions = new Set<string>(shape.includes);
    const open: Incident[] = [];
    for (const incident of store.getReplica().state.incidents.values()) {
      if (incident.status === 'open' && regions.has(incident.region)) open.push(incident);
    }
    return open.sort((a, b) => b.openedAt - a.openedAt);
    // `version` is the replica's change counter (its maps are mutated in place).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, shape.includes, version]);
  return <IncidentGroupForm appeals={appeals} incidents={incidents} onAccepted={onAccepted} onClose={onClose} />;
}
