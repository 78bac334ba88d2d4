import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_NAMES, type PeriodName } from './periodSearch';

export interface PeriodChooserProps {
  current: PeriodName;
  onChoose(period: PeriodName): void;
}

/** The period buttons above the charts: the live 24 h (pushed) or a period read from the archive. */
export function PeriodChooser({ current, onChoose }: PeriodChooserProps) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <div className="period-chooser" role="group" aria-labelledby={labelId} data-testid="period-chooser">
      <span className="field__label" id={labelId}>
        {t('analyticsPeriod.period.label')}
      </span>
      <div className="analytics-filters__windows">
        {PERIOD_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            className="button analytics-filters__window"
            aria-pressed={current === name}
            data-testid={`period-${name}`}
            onClick={() => onChoose(name)}
          >
            {t(`analyticsPeriod.period.${name}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
