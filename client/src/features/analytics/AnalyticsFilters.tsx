import {
  CATEGORY_CODES,
  WINDOW_NAMES,
  type AnalyticsFilter,
  type CategoryCode,
  type RegionCode,
  type RegionScope,
} from '@shared';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName, regionName } from '../../i18n/names';
import { useLanguage } from '../../i18n/useLanguage';
import { regionChoices } from './analyticsSearch';

export interface AnalyticsFiltersProps {
  filter: AnalyticsFilter;
  /** The user's regions: the region choice offers only these. */
  scope: RegionScope;
  onChange(filter: AnalyticsFilter): void;
}

/** Region (within the user's scope), category and window of the charts; each change is one new link. */
export function AnalyticsFilters({ filter, scope, onChange }: AnalyticsFiltersProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const windowLabel = useId();
  // Kazakh has no collation data in some browsers; its Cyrillic sorts well enough as Russian.
  const collation = language === 'en' ? 'en' : 'ru';
  const regions = useMemo(
    () =>
      regionChoices(scope)
        .map((code) => ({ code, name: regionName(code, language) }))
        .sort((a, b) => a.name.localeCompare(b.name, collation)),
    [scope, language, collation],
  );
  const set = (patch: Partial<AnalyticsFilter>) => {
    const next: AnalyticsFilter = { ...filter, ...patch };
    if (next.region === undefined) delete next.region;
    if (next.category === undefined) delete next.category;
    onChange(next);
  };
  return (
    <form
      className="analytics-filters"
      aria-label={t('analytics.filter.title')}
      data-testid="analytics-filters"
      onSubmit={(event) => event.preventDefault()}
    >
      <label className="field">
        <span className="field__label">{t('analytics.filter.region')}</span>
        <select
          className="field__input"
          value={filter.region ?? ''}
          data-testid="analytics-region"
          onChange={(event) => set({ region: (event.target.value || undefined) as RegionCode | undefined })}
        >
          <option value="">
            {scope === 'all' ? t('analytics.filter.allRegions') : t('analytics.filter.myRegions')}
          </option>
          {regions.map(({ code, name }) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('analytics.filter.category')}</span>
        <select
          className="field__input"
          value={filter.category ?? ''}
          data-testid="analytics-category"
          onChange={(event) => set({ category: (event.target.value || undefined) as CategoryCode | undefined })}
        >
          <option value="">{t('analytics.filter.allCategories')}</option>
          {CATEGORY_CODES.map((code) => (
            <option key={code} value={code}>
              {categoryName(code, language)}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <span className="field__label" id={windowLabel}>
          {t('analytics.filter.window')}
        </span>
        <div className="analytics-filters__windows" role="group" aria-labelledby={windowLabel}>
          {WINDOW_NAMES.map((name) => (
            <button
              key={name}
              type="button"
              className="button analytics-filters__window"
              aria-pressed={filter.window === name}
              data-testid={`analytics-window-${name}`}
              onClick={() => set({ window: name })}
            >
              {t(`analytics.window.${name}`)}
            </button>
          ))}
        </div>
      </div>
    </form>
  );
}
