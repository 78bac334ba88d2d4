import { startOfKzDay, type Appeal } from '@shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealSort, AppealSortKey } from '../../../../shared/src/api/appealQuery';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { ariaSortOf, type Column } from './regionColumns';
import { RegionTableRow } from './RegionTableRow';
import { anchorOf, scrollTopFor, type ScrollAnchor } from './scrollAnchor';
import { movedIndex, tableKeyAction } from './tableKeys';
import './regionTable.css';

/** Row height in rem: two lines would not fit a 10,000-row scan; one line at desk size does. */
export const ROW_HEIGHT_REM = 2.1;
/** Rows rendered beyond the visible ones on each side. */
const OVERSCAN = 12;
/** Size assumed before the browser measures (and when rendering without a DOM). */
const INITIAL_RECT = { width: 1600, height: 900 };

function rowHeightPx(): number {
  const root = typeof document === 'undefined' ? NaN : parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Math.round(ROW_HEIGHT_REM * (Number.isFinite(root) ? root : 20));
}

export interface RegionTableProps {
  rows: readonly Appeal[];
  columns: readonly Column[];
  sort: AppealSort;
  onSort(key: AppealSortKey): void;
  canSelect: boolean;
  selected: ReadonlySet<string>;
  /** State of the "choose all" box. */
  allState: 'none' | 'some' | 'all';
  onToggle(id: string, isRange: boolean): void;
  onToggleAll(): void;
  activeId: string | null;
  onActivate(id: string): void;
  onOpen(id: string): void;
  onBack(): void;
  /** Where to start scrolled (coming back to the view). */
  initialScrollTop?: number;
  onScrollTop?(scrollTop: number): void;
  /** Accessible name of the table. */
  label: string;
  /** Rows that came from the archive (marked "archive"). */
  archivedIds?: ReadonlySet<string>;
}

/**
 * The region's appeals as one virtualised table (@tanstack/react-virtual): only the rows in
 * view (plus OVERSCAN) are in the DOM, so 10,000 rows scroll as smoothly as 100. A real
 * `<table>` with spacer rows keeps column headers and `aria-sort` for screen readers; the
 * table is one tab stop (ARIA grid) that moves its active row with j/k or the arrows.
 * When the rows change under the reader (a live refresh), the row at the top of the view
 * stays where it was (scrollAnchor.ts).
 */
export function RegionTable(props: RegionTableProps) {
  const { rows, columns, sort, onSort, canSelect, selected, allState, activeId } = props;
  const { onToggle, onToggleAll, onActivate, onOpen, onBack, onScrollTop } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const now = useNow();
  const minute = Math.floor(now / 60_000) * 60_000;
  const todayFrom = startOfKzDay(now);
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const [rowHeight, setRowHeight] = useState(rowHeightPx);

  useEffect(() => {
    const onResize = () => setRowHeight(rowHeightPx());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  // The list is what the page is for: its keys work at once unless something else has the focus.
  useEffect(() => {
    if (document.activeElement === document.body) tableRef.current?.focus({ preventScroll: true });
  }, []);

  const indexById = useMemo(() => new Map(rows.map((row, index) => [row.id, index])), [rows]);
  // The React Compiler would skip this component (useVirtualizer returns unmemoisable
  // functions); the build does not run the compiler, and rows are memoised by hand.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    getItemKey: (index) => rows[index]?.id ?? index,
    initialRect: INITIAL_RECT,
    initialOffset: props.initialScrollTop ?? 0,
  });

  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  // Keep the reader's place across a refresh: remember the top row while scrolling,
  // put it back where it was once the new rows are laid out.
  const anchorRef = useRef<ScrollAnchor | null>(null);
  const rowsRef = useRef(rows);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    rowsRef.current = rows;
    if (!element) return;
    const top = scrollTopFor(anchorRef.current, rowHeight, (id) => indexById.get(id) ?? -1);
    if (top !== null && Math.abs(top - element.scrollTop) >= 1) element.scrollTop = top;
    anchorRef.current = anchorOf(
      element.scrollTop,
      rowHeight,
      rows.map((row) => row.id),
    );
  }, [rows, indexById, rowHeight]);

  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    anchorRef.current = anchorOf(
      element.scrollTop,
      rowHeight,
      rowsRef.current.map((row) => row.id),
    );
    onScrollTop?.(element.scrollTop);
  }, [rowHeight, onScrollTop]);

  const activeIndex = activeId === null ? -1 : (indexById.get(activeId) ?? -1);
  const domIdOf = (id: string) => `${idPrefix}-row-${id}`;

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    // Keys typed into a control inside the table (the checkboxes) are the control's.
    if (event.target !== event.currentTarget) return;
    const action = tableKeyAction(event);
    if (!action) return;
    event.preventDefault();
    const current = rows[activeIndex];
    switch (action.kind) {
      case 'open':
        if (current) onOpen(current.id);
        return;
      case 'toggle':
        if (current && canSelect) onToggle(current.id, action.isRange);
        return;
      case 'back':
        onBack();
        return;
      case 'move':
      case 'page':
      case 'first':
      case 'last': {
        const pageSize = Math.max(
          1,
          Math.floor((scrollRef.current?.clientHeight ?? INITIAL_RECT.height) / rowHeight) - 1,
        );
        const next = movedIndex(activeIndex, action, rows.length, pageSize);
        const row = rows[next];
        if (!row) return;
        onActivate(row.id);
        virtualizer.scrollToIndex(next, { align: 'auto' });
      }
    }
  };

  // A click on a row makes the table the focus, so the keys go on from there.
  const activate = useCallback(
    (id: string) => {
      onActivate(id);
      tableRef.current?.focus({ preventScroll: true });
    },
    [onActivate],
  );

  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  const spanAll = columns.length + (canSelect ? 1 : 0);
  const active = rows[activeIndex];

  return (
    <div className="region-table__scroll" ref={scrollRef} onScroll={onScroll} data-testid="region-table-scroll">
      <table
        ref={tableRef}
        className="region-table"
        role="grid"
        tabIndex={0}
        aria-label={props.label}
        aria-rowcount={rows.length + 1}
        aria-multiselectable={canSelect || undefined}
        aria-activedescendant={
          active && items.some((item) => item.index === activeIndex) ? domIdOf(active.id) : undefined
        }
        onKeyDown={onKeyDown}
        data-testid="region-table"
        data-main-action
      >
        <colgroup>
          {canSelect && <col className="region-table__select-col" />}
          {columns.map((column) => (
            <col key={column.key} style={column.width === null ? undefined : { width: column.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {canSelect && (
              <th scope="col" className="region-table__select">
                <input
                  type="checkbox"
                  checked={allState === 'all'}
                  ref={(element) => {
                    if (element) element.indeterminate = allState === 'some';
                  }}
                  aria-label={t('regionView.table.selectAll')}
                  data-testid="region-select-all"
                  disabled={rows.length === 0}
                  onChange={onToggleAll}
                />
              </th>
            )}
            {columns.map((column) => (
              <th key={column.key} scope="col" aria-sort={ariaSortOf(sort, column)} data-column={column.key}>
                {column.sortKey === null ? (
                  t(`regionView.column.${column.key}`)
                ) : (
                  <button
                    type="button"
                    className="region-table__sort"
                    data-testid={`region-sort-${column.key}`}
                    onClick={() => onSort(column.sortKey as AppealSortKey)}
                  >
                    {t(`regionView.column.${column.key}`)}
                    <span aria-hidden="true" className="region-table__arrow">
                      {{ ascending: ' ▲', descending: ' ▼', none: '' }[ariaSortOf(sort, column)]}
                    </span>
                  </button>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true" className="region-table__spacer" style={{ height: paddingTop }}>
              <td colSpan={spanAll} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index] as Appeal;
            return (
              <RegionTableRow
                key={row.id}
                appeal={row}
                columns={columns}
                domId={domIdOf(row.id)}
                rowIndex={item.index + 2}
                height={rowHeight}
                isActive={item.index === activeIndex}
                isSelected={selected.has(row.id)}
                isArchived={props.archivedIds?.has(row.id) ?? false}
                canSelect={canSelect}
                minute={minute}
                todayFrom={todayFrom}
                language={language}
                formatters={formatters}
                onToggle={onToggle}
                onActivate={activate}
              />
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true" className="region-table__spacer" style={{ height: paddingBottom }}>
              <td colSpan={spanAll} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
