import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseTypedDate } from './periodDates';
import './periodSearch.css';

export interface PeriodFieldProps {
  label: string;
  /** The day shown, as typed (`27.11.2026`), '' for none. */
  value: string;
  /** A real date (`2026-11-27`), or null when cleared. */
  onChange(date: string | null): void;
  testId: string;
}

/**
 * One edge of the period: a day typed `дд.мм.гггг` (see periodDates.ts for why not a native
 * date input), applied on Enter or when the field is left; a date that does not exist is
 * marked and not applied (nothing typed is dropped silently).
 */
export function PeriodField({ label, value, onChange, testId }: PeriodFieldProps) {
  const { t } = useTranslation();
  const hintId = useId();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // When the filters change from elsewhere (Back, "clear"), the field follows them.
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const isBlank = text.trim() === '';
  const date = isBlank ? null : parseTypedDate(text);
  const isInvalid = !isBlank && date === null;

  const apply = () => {
    if (isInvalid || text === value) return;
    onChange(date);
  };

  return (
    <label className="region-filters__time period-field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="field__input period-field__input"
        value={text}
        placeholder={t('regionView.filter.datePlaceholder')}
        pattern="\d{1,2}[./\-]\d{1,2}[./\-]\d{4}"
        aria-invalid={isInvalid}
        aria-describedby={isInvalid ? hintId : undefined}
        data-testid={testId}
        onChange={(event) => setText(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          apply();
        }}
      />
      {isInvalid && (
        <span id={hintId} className="period-field__hint" role="status">
          {t('regionView.filter.dateInvalid')}
        </span>
      )}
    </label>
  );
}
