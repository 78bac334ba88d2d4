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
import { SelectField } from '../../components/SelectField';

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
      <SelectField<RegionCode>
        label={t('analytics.filter.region')}
        value={filter.region}
        allLabel={scope === 'all' ? t('analytics.filter.allRegions') : t('analytics.filter.myRegions')}
        options={regions.map(({ code, name }) => ({ value: code, label: name }))}
        onChange={(region) => set({ region })}
        testId="analytics-region"
      />
      <SelectField<CategoryCode>
        label={t('analytics.filter.category')}
        value={filter.category}
        allLabel={t('analytics.filter.allCategories')}
        options={CATEGORY_CODES.map((code) => ({ value: code, label: categoryName(code, language) }))}
        onChange={(category) => set({ category })}
        testId="analytics-category"
      />
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
