import { isOpenStatus, type Appeal } from '@shared';
import { memo, useLayoutEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import type { Formatters } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { categoryName, regionName } from '../../i18n/names';
import { followLink } from '../../navigation';
import { appealPath, incidentPath } from '../../routes';
import { priorityTone } from '../feed/tones';
import type { Column, ColumnKey } from './regionColumns';
import { compactKzDateTime } from './rowFormat';
import { placeText } from '../appeal/placeText';
import { LawCells } from './LawCells';

export interface RegionTableRowProps {
  appeal: Appeal;
  columns: readonly Column[];
  /** DOM id (the table's `aria-activedescendant`). */
  domId: string;
  /** 1-based row number in the whole table, header included (`aria-rowindex`). */
  rowIndex: number;
  height: number;
  isActive: boolean;
  isSelected: boolean;
  /** The row came from the archive (a period search past live memory). */
  isArchived: boolean;
  canSelect: boolean;
  /** The clock to the minute: due times are shown to the minute, so rows re-render once a minute. */
  minute: number;
  /** Start of today (Kazakhstan): earlier registrations show their date. */
  todayFrom: number;
  language: Language;
  formatters: Formatters;
  onToggle(id: string, isRange: boolean): void;
  onActivate(id: string): void;
}

/** One appeal of the region table; overdue ones stand out. Memoised: a refresh re-renders only changed rows. */
export const RegionTableRow = memo(function RegionTableRow(props: RegionTableRowProps) {
  const { appeal, columns, domId, rowIndex, height, isActive, isSelected, canSelect, minute } = props;
  const isOverdue = isOpenStatus(appeal.status) && minute > appeal.dueAt;
  const className = [
    'region-row',
    isOverdue ? 'region-row--overdue' : '',
    isActive ? 'region-row--active' : '',
    isSelected ? 'region-row--selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const row = useRef<HTMLTableRowElement>(null);
  // Every cell's title is its full text, as drawn (issue 18: ids, services and addresses cut
  // to "…" with nothing to read them by). After every render, so a changing figure (the due
  // time each minute, a new status) keeps its title in step; the row is memoised, so cheap.
  useLayoutEffect(() => {
    for (const cell of Array.from(row.current?.cells ?? [])) {
      const text = (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) cell.title = text;
      else cell.removeAttribute('title');
    }
  });
  const onClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if (event.defaultPrevented) return;
    props.onActivate(appeal.id);
  };
  return (
    <tr
      ref={row}
      id={domId}
      className={className}
      style={{ height }}
      aria-rowindex={rowIndex}
      aria-selected={canSelect ? isSelected : undefined}
      data-testid="region-row"
      data-appeal-id={appeal.id}
      data-overdue={isOverdue}
      data-archived={props.isArchived || undefined}
      onClick={onClick}
    >
      {canSelect && (
        <td className="region-row__select">
          <SelectBox {...props} />
        </td>
      )}
      {columns.map((column) => (
        <td key={column.key} className={`region-row__cell region-row__cell--${column.key}`}>
          <Cell column={column.key} isOverdue={isOverdue} {...props} />
        </td>
      ))}
    </tr>
  );
});

function SelectBox({ appeal, isSelected, onToggle, onActivate }: RegionTableRowProps) {
  const { t } = useTranslation();
  return (
    <input
      type="checkbox"
      tabIndex={-1}
      checked={isSelected}
      aria-label={t('regionView.table.selectRow', { id: appeal.id })}
      data-testid="region-row-select"
      onClick={(event) => {
        // Handled here rather than in onChange, which does not carry the Shift key.
        event.stopPropagation();
        onActivate(appeal.id);
        onToggle(appeal.id, event.shiftKey);
      }}
      onChange={() => undefined}
    />
  );
}

function Cell({
  column,
  appeal,
  isOverdue,
  minute,
  todayFrom,
  language,
  formatters,
  isArchived,
}: RegionTableRowProps & { column: ColumnKey; isOverdue: boolean }) {
  const { t } = useTranslation();
  switch (column) {
    case 'id':
      return (
        <>
          <a
            href={appealPath(appeal.id)}
            tabIndex={-1}
            onClick={followLink}
            className="region-row__id"
            title={appeal.id}
          >
            {appeal.id}
          </a>
          {isArchived && ' '}
          {isArchived && (
            <span className="region-row__archived" title={t('tables.archivedTitle')} data-testid="region-row-archived">
              {t('tables.archived')}
            </span>
          )}
        </>
      );
    case 'registeredAt':
      return (
        <time dateTime={formatters.isoInstant(appeal.registeredAt)} title={formatters.dateTime(appeal.registeredAt)}>
          {appeal.registeredAt >= todayFrom
            ? formatters.time(appeal.registeredAt)
            : compactKzDateTime(appeal.registeredAt)}
        </time>
      );
    case 'region': {
      const name = regionName(appeal.region, language);
      return <span title={name}>{name}</span>;
    }
    case 'category': {
      const name = categoryName(appeal.category, language);
      return <span title={name}>{name}</span>;
    }
    case 'priority':
      return <Badge tone={priorityTone(appeal.priority)}>{t(`priority.${appeal.priority}`)}</Badge>;
    case 'status': {
      const status = t(`status.${appeal.status}`);
      return (
        <span title={status}>
          {appeal.incidentId !== undefined && (
            <>
              <a
                className="region-row__incident"
                href={incidentPath(appeal.incidentId)}
                onClick={followLink}
                data-testid="row-incident-link"
                aria-label={t('regionView.table.inIncident', { id: appeal.incidentId })}
                title={t('regionView.table.inIncident', { id: appeal.incidentId })}
              >
                ⚑
              </a>{' '}
            </>
          )}
          {status}
        </span>
      );
    }
    case 'dueAt':
      if (!isOpenStatus(appeal.status)) return <span className="region-row__muted">—</span>;
      return (
        <time dateTime={formatters.isoInstant(appeal.dueAt)} title={formatters.dateTime(appeal.dueAt)}>
          {isOverdue ? (
            <span className="region-row__overdue">
              {t('regionView.table.overdueBy', { duration: formatters.duration(minute - appeal.dueAt) })}
            </span>
          ) : (
            formatters.inFuture(appeal.dueAt - minute)
          )}
        </time>
      );
    case 'service':
      return (
        <span title={[appeal.service, appeal.assignee].filter(Boolean).join(' · ') || undefined}>
          {appeal.service ?? <span className="region-row__muted">{t('regionView.table.unassigned')}</span>}
        </span>
      );
    case 'address': {
      const place = placeText(appeal.location);
      return <span title={place}>{place}</span>;
    }
    case 'description':
      return <span title={appeal.description}>{appeal.description}</span>;
    case 'legalDueAt':
    case 'outcome':
      return <LawCells column={column} appeal={appeal} minute={minute} language={language} />;
  }
}
