import { FEEDBACK_RESULTS, type FeedbackResult } from '@shared';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** The body of `POST /api/appeals/:id/feedback`. */
export interface FeedbackBody {
  result: FeedbackResult;
  rating?: number;
  comment?: string;
}

export interface FeedbackFormProps {
  isBusy: boolean;
  onSend(body: FeedbackBody, onAccepted: () => void): void;
  /** Focus the first result on mount (the quality queue opens the form with Enter). */
  autoFocus?: boolean;
  /** Escape inside the form (the queue closes it). */
  onCancel?(): void;
  /** Prefix of the controls' test ids. */
  testId: string;
}

const RATINGS = [1, 2, 3, 4, 5] as const;

/**
 * The quality-control callback: what the citizen said (confirmed / not confirmed /
 * unreachable), a rating 1–5 (optional; the digit keys set it anywhere in the form but
 * in the comment) and a comment. "Not confirmed" reopens the appeal (the server's rule),
 * which the form says before it is sent.
 */
export function FeedbackForm({ isBusy, onSend, autoFocus = false, onCancel, testId }: FeedbackFormProps) {
  const { t } = useTranslation();
  const ids = useId();
  const [result, setResult] = useState<FeedbackResult | ''>('');
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [hasProblem, setHasProblem] = useState(false);
  const firstResult = useRef<HTMLInputElement>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    if (result === '') {
      setHasProblem(true);
      firstResult.current?.focus();
      return;
    }
    setHasProblem(false);
    const note = comment.trim();
    onSend({ result, ...(rating === null ? {} : { rating }), ...(note === '' ? {} : { comment: note }) }, () => {
      setResult('');
      setRating(null);
      setComment('');
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
      return;
    }
    const target = event.target as HTMLElement;
    if (target.tagName === 'TEXTAREA' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (/^[1-5]$/.test(event.key)) {
      event.preventDefault();
      setRating(Number(event.key));
    }
  };

  return (
    <form
      className="feedback-form"
      aria-label={t('feedback.title')}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <fieldset
        className="feedback-form__group"
        aria-invalid={hasProblem}
        aria-describedby={hasProblem ? `${ids}-error` : undefined}
      >
        <legend className="field__label">{t('feedback.result')}</legend>
        {FEEDBACK_RESULTS.map((r, i) => (
          <label key={r} className="feedback-form__choice">
            <input
              ref={i === 0 ? firstResult : undefined}
              type="radio"
              name={`${ids}-result`}
              value={r}
              checked={result === r}
              autoFocus={autoFocus && i === 0}
              data-testid={`${testId}-${r}`}
              onChange={() => {
                setResult(r);
                setHasProblem(false);
              }}
            />{' '}
            {t(`feedback.results.${r}`)}
          </label>
        ))}
        {hasProblem && (
          <span id={`${ids}-error`} className="field__error" role="alert">
            {t('feedback.resultRequired')}
          </span>
        )}
        {result === 'not_confirmed' && <p className="field__hint">{t('feedback.reopens')}</p>}
      </fieldset>
      <fieldset className="feedback-form__group feedback-form__rating">
        <legend className="field__label">{t('feedback.rating')}</legend>
        {RATINGS.map((n) => (
          <label key={n} className="feedback-form__star">
            <input
              type="radio"
              name={`${ids}-rating`}
              value={n}
              checked={rating === n}
              data-testid={`${testId}-rating-${n}`}
              onChange={() => setRating(n)}
            />{' '}
            {n}
          </label>
        ))}
        <button
          type="button"
          className="button button--small"
          disabled={rating === null}
          onClick={() => setRating(null)}
        >
          {t('feedback.noRating')}
        </button>
      </fieldset>
      <label className="field">
        <span className="field__label">{t('feedback.comment')}</span>
        <textarea
          className="field__input"
          value={comment}
          maxLength={500}
          rows={2}
          data-testid={`${testId}-comment`}
          onChange={(event) => setComment(event.target.value)}
        />
      </label>
      <p className="field__hint">{t('feedback.keys')}</p>
      <button type="submit" className="button button--primary" disabled={isBusy} data-testid={`${testId}-submit`}>
        {t('feedback.submit')}
      </button>
    </form>
  );
}
