import type { RegionScope, ReportSummary } from '@shared';
import { REGION_CODES } from '@shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionName } from '../../i18n/names';
import { useLanguage } from '../../i18n/useLanguage';
import { PeriodField } from '../region/PeriodField';
import { choiceOf, presetRange, REPORT_PRESETS, type ReportPeriodChoice } from './reportPeriods';
import type { ReportLocation } from './reportSearch';
import { dayText } from './reportText';

const CSV_TABLES = ['summary', 'regions', 'categories', 'services', 'days'] as const;
type CsvTable = (typeof CSV_TABLES)[number];

export interface ReportControlsProps {
  location: ReportLocation;
  scope: RegionScope;
  /** The page's clock (the presets are the last finished periods on its day). */
  now: number;
  /** The loaded report (the downloads are its frozen link); null while none. */
  summary: ReportSummary | null;
  onChange(next: ReportLocation): void;
}

/** The briefing's controls (never printed): period, region, print, downloads, back to now. */
export function ReportControls({ location, scope, now, summary, onChange }: ReportControlsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const periodId = useId();
  const regionId = useId();
  const csvId = useId();
  const choice = choiceOf(location, now);
  const [isCustom, setIsCustom] = useState(choice === 'custom');
  const [table, setTable] = useState<CsvTable>('summary');
  const regions = scope === 'all' ? [...REGION_CODES] : scope;
  const sortedRegions = [...regions].sort((a, b) => regionName(a, language).localeCompare(regionName(b, language)));
  const shown: ReportPeriodChoice = isCustom ? 'custom' : choice;
  // A new period or region is a new report: as of now until it is loaded and frozen.
  const change = (next: Partial<ReportLocation>) => {
    const { asOf: _asOf, ...rest } = { ...location, ...next };
    onChange(rest);
  };
  // Nothing is saved while the figures are being recomputed (the server refuses the downloads too).
  const isFinal = summary !== null && summary.recomputing === null;
  const link = isFinal ? summary.link : undefined;
  return (
    <div className="report-controls report-noprint" data-testid="report-controls">
      <label className="report-controls__field" htmlFor={periodId}>
        <span>{t('briefing.period.label')}</span>
        <select
          id={periodId}
          className="field__input"
          value={shown}
          data-testid="report-period"
          onChange={(event) => {
            const value = event.target.value as ReportPeriodChoice;
            setIsCustom(value === 'custom');
            if (value !== 'custom') change(presetRange(value, now));
          }}
        >
          {REPORT_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`briefing.period.${preset}`)}
            </option>
          ))}
          <option value="custom">{t('briefing.period.custom')}</option>
        </select>
      </label>
      {shown === 'custom' && (
        <>
          <PeriodField
            label={t('briefing.period.from')}
            value={dayText(location.from)}
            testId="report-from"
            onChange={(date) => date !== null && change(date > location.to ? { from: date, to: date } : { from: date })}
          />
          <PeriodField
            label={t('briefing.period.to')}
            value={dayText(location.to)}
            testId="report-to"
            onChange={(date) => date !== null && change(date < location.from ? { from: date, to: date } : { to: date })}
          />
        </>
      )}
      <label className="report-controls__field" htmlFor={regionId}>
        <span>{t('briefing.region.label')}</span>
        <select
          id={regionId}
          className="field__input"
          value={location.region ?? ''}
          data-testid="report-region"
          onChange={(event) => change({ region: (event.target.value || undefined) as ReportLocation['region'] })}
        >
          {regions.length > 1 && (
            <option value="">{scope === 'all' ? t('briefing.region.country') : t('briefing.region.mine')}</option>
          )}
          {sortedRegions.map((code) => (
            <option key={code} value={code}>
              {regionName(code, language)}
            </option>
          ))}
        </select>
      </label>
      <div className="report-controls__actions">
        <button
          type="button"
          className="button"
          data-testid="report-print"
          disabled={!isFinal}
          onClick={() => window.print()}
        >
          {t('briefing.actions.print')}
        </button>
        {link && (
          <a className="button" data-testid="report-xlsx" href={link.replace('/summary?', '/summary.xlsx?')} download>
            {t('briefing.actions.xlsx')}
          </a>
        )}
        <label className="report-controls__field" htmlFor={csvId}>
          <span className="visually-hidden">{t('briefing.actions.csvTable')}</span>
          <select
            id={csvId}
            className="field__input"
            value={table}
            onChange={(e) => setTable(e.target.value as CsvTable)}
          >
            {CSV_TABLES.map((name) => (
              <option key={name} value={name}>
                {t(`briefing.csvTables.${name}`)}
              </option>
            ))}
          </select>
        </label>
        {link && (
          <a
            className="button"
            data-testid="report-csv"
            href={`${link.replace('/summary?', '/summary.csv?')}&table=${table}`}
            download
          >
            {t('briefing.actions.csv')}
          </a>
        )}
        {location.asOf !== undefined && (
          <button type="button" className="button" data-testid="report-fresh" onClick={() => change({})}>
            {t('briefing.actions.fresh')}
          </button>
        )}
      </div>
    </div>
  );
}
