import { almatyDateOf, extendedDeadline, type Appeal } from '@shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { formatLocalDate } from './legalClock';
import { useWorkingCalendar } from './useWorkingCalendar';

export interface ExtendFormProps {
  appeal: Appeal;
  isBusy: boolean;
  onSend(body: { months: 1 | 2; reason: string }, onAccepted: () => void): void;
}

type Problem = 'months' | 'reason' | null;

/**
 * A supervisor extends the legal term (АППК art. 76: by a reasoned decision, at most two
 * months). The term is counted from the day of receipt, not on top of the 15 working days
 * (docs/legal-deadlines.md, the strict reading the server applies), and the form says so
 * and shows the date each choice gives. The reason is required.
 */
export function ExtendForm({ appeal, isBusy, onSend }: ExtendFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const calendar = useWorkingCalendar();
  const ids = useId();
  const [months, setMonths] = useState<1 | 2 | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const firstMonth = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const received = formatLocalDate(almatyDateOf(appeal.registeredAt), language);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    if (months === null) {
      setProblem('months');
      firstMonth.current?.focus();
      return;
    }
    const text = reason.trim();
    if (text === '') {
      setProblem('reason');
      reasonRef.current?.focus();
      return;
    }
    setProblem(null);
    onSend({ months, reason: text }, () => {
      setMonths(null);
      setReason('');
    });
  };

  return (
    <form className="appeal-actions__form" aria-label={t('extend.title')} noValidate onSubmit={onSubmit}>
      <fieldset
        className="feedback-form__group"
        aria-invalid={problem === 'months'}
        aria-describedby={`${ids}-from${problem === 'months' ? ` ${ids}-months-error` : ''}`}
      >
        <legend className="field__label">{t('extend.title')}</legend>
        <p id={`${ids}-from`} className="field__hint">
          {t('extend.from', { date: received })}
        </p>
        {([1, 2] as const).map((m, i) => (
          <label key={m} className="feedback-form__choice">
            <input
              ref={i === 0 ? firstMonth : undefined}
              type="radio"
              name={`${ids}-months`}
              checked={months === m}
              data-testid={`appeal-extend-${m}`}
              onChange={() => {
                setMonths(m);
                if (problem === 'months') setProblem(null);
              }}
            />{' '}
            {t(`extend.month${m}`, {
              date: formatLocalDate(extendedDeadline(calendar, appeal.registeredAt, m).date, language),
            })}
          </label>
        ))}
        {problem === 'months' && (
          <span id={`${ids}-months-error`} className="field__error" role="alert">
            {t('extend.monthsRequired')}
          </span>
        )}
      </fieldset>
      <label className="field">
        <span className="field__label">{t('extend.reason')}</span>
        <textarea
          ref={reasonRef}
          className="field__input"
          value={reason}
          maxLength={500}
          rows={2}
          required
          aria-invalid={problem === 'reason'}
          aria-describedby={problem === 'reason' ? `${ids}-reason-error` : undefined}
          data-testid="appeal-extend-reason"
          onChange={(event) => {
            setReason(event.target.value);
            if (problem === 'reason') setProblem(null);
          }}
        />
        {problem === 'reason' && (
          <span id={`${ids}-reason-error`} className="field__error" role="alert">
            {t('extend.reasonRequired')}
          </span>
        )}
      </label>
      <button type="submit" className="button button--primary" disabled={isBusy} data-testid="appeal-extend-submit">
        {t('extend.submit')}
      </button>
    </form>
  );
}
