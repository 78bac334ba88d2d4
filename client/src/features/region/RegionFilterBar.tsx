import { CATEGORY_CODES, type AppealStatus } from '@shared';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { categoryName } from '../../i18n/names';
import { FilterChoice } from './FilterChoice';
import { PeriodField } from './PeriodField';
import { periodEnd, periodStart, typedEndOf, typedStartOf } from './periodDates';
import { activeFilterCount, clearedFilters, LIST_FILTERS, OPEN_STATUSES, type RegionFilters } from './regionFilters';

/** Typing pause after which the search is applied (Enter applies at once). */
export const SEARCH_DELAY_MS = 400;

export interface RegionFilterBarProps {
  filters: RegionFilters;
  onChange(filters: RegionFilters): void;
}

const sameStatuses = (a: readonly AppealStatus[], b: readonly AppealStatus[]) =>
  a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * The filters of the region view: category, status, priority, channel, overdue only, the
 * registration period (Kazakhstan calendar days, any period: older ones come from the
 * archive) and free text. Every change goes straight to
 * the address bar (the page reads its filters from there), the search after a pause.
 */
export function RegionFilterBar({ filters, onChange }: RegionFilterBarProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const searchId = useId();
  const [text, setText] = useState(filters.q);
  // When the filters change from elsewhere (Back, "clear"), the field follows them.
  const [shownQ, setShownQ] = useState(filters.q);
  if (filters.q !== shownQ) {
    setShownQ(filters.q);
    setText(filters.q);
  }

  useEffect(() => {
    if (text === filters.q) return;
    const timer = setTimeout(() => onChange({ ...filters, q: text }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);

  const set = (patch: Partial<RegionFilters>) => onChange({ ...filters, ...patch });
  const isOpenOnly = sameStatuses(filters.status, OPEN_STATUSES);
  const active = activeFilterCount(filters);

  return (
    <form
      className="region-filters"
      role="search"
      aria-label={t('regionView.filter.title')}
      data-testid="region-filters"
      onSubmit={(event) => {
        event.preventDefault();
        if (text !== filters.q) set({ q: text });
      }}
    >
      <label className="region-filters__search" htmlFor={searchId}>
        <span className="visually-hidden">{t('regionView.filter.q')}</span>
        <input
          id={searchId}
          type="search"
          className="field__input"
          value={text}
          placeholder={t('regionView.filter.qPlaceholder')}
          maxLength={200}
          data-testid="region-filter-q"
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <FilterChoice
        label={t('regionView.filter.category')}
        options={CATEGORY_CODES.map((code) => ({ value: code, label: categoryName(code, language) }))}
        chosen={filters.category}
        onChange={(category) => set({ category })}
        testId="region-filter-category"
      />
      <FilterChoice
        label={t('regionView.filter.status')}
        options={LIST_FILTERS.status.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        chosen={filters.status}
        onChange={(status) => set({ status })}
        testId="region-filter-status"
      />
      <FilterChoice
        label={t('regionView.filter.priority')}
        options={LIST_FILTERS.priority.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
        chosen={filters.priority}
        onChange={(priority) => set({ priority })}
        testId="region-filter-priority"
      />
      <FilterChoice
        label={t('regionView.filter.channel')}
        options={LIST_FILTERS.channel.map((channel) => ({ value: channel, label: t(`regionView.channel.${channel}`) }))}
        chosen={filters.channel}
        onChange={(channel) => set({ channel })}
        testId="region-filter-channel"
      />
      <label className="region-filters__toggle">
        <input
          type="checkbox"
          checked={isOpenOnly}
          data-testid="region-filter-open"
          onChange={() => set({ status: isOpenOnly ? [] : OPEN_STATUSES })}
        />
        {t('regionView.filter.openOnly')}
      </label>
      <label className="region-filters__toggle">
        <input
          type="checkbox"
          checked={filters.overdue === true}
          data-testid="region-filter-overdue"
          onChange={() => set({ overdue: filters.overdue === true ? null : true })}
        />
        {t('regionView.filter.overdueOnly')}
      </label>
      <PeriodField
        label={t('regionView.filter.from')}
        value={typedStartOf(filters.from)}
        testId="region-filter-from"
        onChange={(date) => set({ from: date === null ? null : periodStart(date) })}
      />
      <PeriodField
        label={t('regionView.filter.to')}
        value={typedEndOf(filters.to)}
        testId="region-filter-to"
        onChange={(date) => set({ to: date === null ? null : periodEnd(date) })}
      />
      <span className="region-filters__zone">{t('regionView.filter.zone')}</span>
      <button
        type="button"
        className="button button--small"
        disabled={active === 0}
        data-testid="region-filter-clear"
        onClick={() => onChange(clearedFilters(filters))}
      >
        {t('regionView.filter.clear', { n: active })}
      </button>
    </form>
  );
}
