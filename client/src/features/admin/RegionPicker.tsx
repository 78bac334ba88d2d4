import { REGIONS } from '@shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { regionName } from '../../i18n/names';
import { useLanguage } from '../../i18n/useLanguage';
import { toggleRegion, type RegionSelection } from './regionScope';

export interface RegionPickerProps {
  value: RegionSelection;
  onChange(value: RegionSelection): void;
  /** Message shown under the group (already translated), or null. */
  error: string | null;
  /** Prefix of the test ids: `<testId>-all`, `<testId>-option` (with `data-region`). */
  testId: string;
}

/** "All regions", or any of the 20 regions, as checkboxes (keyboard: Tab and Space). */
export function RegionPicker({ value, onChange, error, testId }: RegionPickerProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorId = useId();
  const isAll = value === 'all';
  const ticked = new Set(isAll ? [] : value);
  return (
    <fieldset className="region-picker" aria-describedby={error ? errorId : undefined} data-testid={testId}>
      <legend className="field__label">{t('regions.label')}</legend>
      <label className="region-picker__all">
        <input
          type="checkbox"
          data-testid={`${testId}-all`}
          checked={isAll}
          onChange={(event) => onChange(event.target.checked ? 'all' : [])}
        />
        {t('regions.all')}
      </label>
      <div className="region-picker__list">
        {REGIONS.map((region) => (
          <label key={region.code} className="region-picker__option">
            <input
              type="checkbox"
              data-testid={`${testId}-option`}
              data-region={region.code}
              checked={ticked.has(region.code)}
              disabled={isAll}
              onChange={() => onChange(toggleRegion(value, region.code))}
            />
            {regionName(region.code, language)}
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
