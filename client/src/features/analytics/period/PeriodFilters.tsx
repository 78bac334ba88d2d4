import { CATEGORY_CODES, CHANNELS, type CategoryCode, type Channel, type RegionCode, type RegionScope } from '@shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName, regionName } from '../../../i18n/names';
import { useLanguage } from '../../../i18n/useLanguage';
import { PeriodField } from '../../region/PeriodField';
import { typedDateOf } from '../../region/periodDates';
import { regionChoices } from '../analyticsSearch';
import type { PeriodView } from './periodSearch';
import { SelectField } from '../../../components/SelectField';

export interface PeriodFiltersProps {
  view: PeriodView;
  /** The user's regions (the shared role × region scope): the region choice offers only these. */
  scope: RegionScope;
  onChange(view: PeriodView): void;
}

/**
 * The custom range (typed `дд.мм.гггг` like the region view's period, whatever the browser's
 * locale), the step of the time charts, and the filters: region, category, channel, service.
 */
export function PeriodFilters({ view, scope, onChange }: PeriodFiltersProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const collation = language === 'en' ? 'en' : 'ru';
  const regions = useMemo(
    () =>
      regionChoices(scope)
        .map((code) => ({ code, name: regionName(code, language) }))
        .sort((a, b) => a.name.localeCompare(b.name, collation)),
    [scope, language, collation],
  );
  const [service, setService] = useState(view.service ?? '');
  const set = (patch: Partial<PeriodView>) => {
    const next: PeriodView = { ...view, ...patch };
    if (next.region === undefined) delete next.region;
    if (next.category === undefined) delete next.category;
    if (next.channel === undefined) delete next.channel;
    if (next.service === undefined || next.service === '') delete next.service;
    onChange(next);
  };
  const setDay = (edge: 'from' | 'to', day: string | null) => {
    if (day === null) return;
    const range = { from: view.from, to: view.to, [edge]: day };
    if (range.from > range.to) range[edge === 'from' ? 'to' : 'from'] = day;
    set({ period: 'custom', ...range, isGrainChosen: view.isGrainChosen });
  };
  return (
    <form
      className="analytics-filters period-filters"
      aria-label={t('analytics.filter.title')}
      data-testid="period-filters"
      onSubmit={(event) => {
        event.preventDefault();
        set({ service: service.trim() || undefined });
      }}
    >
      {view.period === 'custom' && (
        <>
          <PeriodField
            label={t('analyticsPeriod.from')}
            value={typedDateOf(view.from)}
            onChange={(day) => setDay('from', day)}
            testId="period-from"
          />
          <PeriodField
            label={t('analyticsPeriod.to')}
            value={typedDateOf(view.to)}
            onChange={(day) => setDay('to', day)}
            testId="period-to"
          />
        </>
      )}
      <label className="field">
        <span className="field__label">{t('analyticsPeriod.grain.label')}</span>
        <select
          className="field__input"
          value={view.isGrainChosen ? view.grain : ''}
          data-testid="period-grain"
          onChange={(event) => {
            const grain = event.target.value;
            if (grain === '') set({ isGrainChosen: false });
            else set({ grain: grain as PeriodView['grain'], isGrainChosen: true });
          }}
        >
          <option value="">
            {t('analyticsPeriod.grain.auto', { grain: t(`analyticsPeriod.grain.${view.grain}`) })}
          </option>
          {(['day', 'week', 'month'] as const).map((grain) => (
            <option key={grain} value={grain}>
              {t(`analyticsPeriod.grain.${grain}`)}
            </option>
          ))}
        </select>
      </label>
      <SelectField<RegionCode>
        label={t('analytics.filter.region')}
        value={view.region}
        allLabel={scope === 'all' ? t('analytics.filter.allRegions') : t('analytics.filter.myRegions')}
        options={regions.map(({ code, name }) => ({ value: code, label: name }))}
        onChange={(region) => set({ region })}
        testId="period-region"
      />
      <SelectField<CategoryCode>
        label={t('analytics.filter.category')}
        value={view.category}
        allLabel={t('analytics.filter.allCategories')}
        options={CATEGORY_CODES.map((code) => ({ value: code, label: categoryName(code, language) }))}
        onChange={(category) => set({ category })}
        testId="period-category"
      />
      <SelectField<Channel>
        label={t('analyticsPeriod.filter.channel')}
        value={view.channel}
        allLabel={t('analyticsPeriod.filter.allChannels')}
        options={CHANNELS.map((code) => ({ value: code, label: t(`regionView.channel.${code}`) }))}
        onChange={(channel) => set({ channel })}
        testId="period-channel"
      />
      <label className="field">
        <span className="field__label">{t('analyticsPeriod.filter.service')}</span>
        <input
          className="field__input period-filters__service"
          value={service}
          maxLength={200}
          placeholder={t('analyticsPeriod.filter.servicePlaceholder')}
          data-testid="period-service"
          onChange={(event) => setService(event.target.value)}
          onBlur={() => {
            if (service.trim() !== (view.service ?? '')) set({ service: service.trim() || undefined });
          }}
        />
      </label>
    </form>
  );
}
