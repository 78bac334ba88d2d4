import { useTranslation } from 'react-i18next';
import { FIXED_COLUMNS } from './columnChoice';
import type { Column, ColumnKey } from './regionColumns';

export interface ColumnChooserProps {
  /** Every column this view can show (before the choice). */
  columns: readonly Column[];
  hidden: ReadonlySet<ColumnKey>;
  onToggle(key: ColumnKey): void;
  onShowAll(): void;
}

/**
 * "Columns ▾": a disclosure (native `<details>`: Enter or Space opens it, Tab walks the
 * boxes, Space ticks one) with a checkbox per column. The id column stays.
 */
export function ColumnChooser({ columns, hidden, onToggle, onShowAll }: ColumnChooserProps) {
  const { t } = useTranslation();
  return (
    <details className="column-chooser" data-testid="column-chooser">
      <summary className="button button--small">
        {t('tables.columns.button')}
        {hidden.size > 0 ? ` (${columns.length - hidden.size}/${columns.length})` : ''}
      </summary>
      <fieldset className="column-chooser__list">
        <legend>{t('tables.columns.legend')}</legend>
        {columns.map((column) => {
          const isFixed = FIXED_COLUMNS.has(column.key);
          return (
            <label key={column.key} className="column-chooser__item">
              <input
                type="checkbox"
                checked={!hidden.has(column.key)}
                disabled={isFixed}
                data-column={column.key}
                onChange={() => onToggle(column.key)}
              />
              {t(`regionView.column.${column.key}`)}
              {isFixed && <span className="column-chooser__fixed"> ({t('tables.columns.fixed')})</span>}
            </label>
          );
        })}
        <button type="button" className="button button--small" disabled={hidden.size === 0} onClick={onShowAll}>
          {t('tables.columns.showAll')}
        </button>
      </fieldset>
    </details>
  );
}
