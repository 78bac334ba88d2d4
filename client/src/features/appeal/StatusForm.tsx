import { allowedStatusChanges, type Appeal, type StatusChange, OUTCOMES, type Outcome } from '@shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface StatusFormProps {
  appeal: Appeal;
  isBusy: boolean;
  /** Sends the status write; `onAccepted` runs once the server took it. */
  onSend(body: { status: StatusChange; comment?: string; outcome?: Outcome }, onAccepted: () => void): void;
}

type Problem = 'status' | 'outcome' | null;

/**
 * Change the status to what the workflow allows from here (shared allowedStatusChanges).
 * Nothing is preselected: a status change is a decision, and an accidental Enter must not
 * close an appeal. Resolving asks how it ended for the citizen (the outcome), which the
 * server requires too (422 outcome_required).
 */
export function StatusForm({ appeal, isBusy, onSend }: StatusFormProps) {
  const { t } = useTranslation();
  const ids = useId();
  const [choice, setChoice] = useState<StatusChange | ''>('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const statusRef = useRef<HTMLSelectElement>(null);
  const outcomeRef = useRef<HTMLSelectElement>(null);
  const statuses = allowedStatusChanges(appeal.status);
  // A choice the appeal's new status no longer allows (someone else changed it) is dropped.
  const status = choice !== '' && statuses.includes(choice) ? choice : '';
  const needsOutcome = status === 'resolved';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    if (status === '') {
      setProblem('status');
      statusRef.current?.focus();
      return;
    }
    if (needsOutcome && outcome === '') {
      setProblem('outcome');
      outcomeRef.current?.focus();
      return;
    }
    setProblem(null);
    const note = comment.trim();
    onSend(
      {
        status,
        ...(note === '' ? {} : { comment: note }),
        ...(needsOutcome && outcome !== '' ? { outcome } : {}),
      },
      () => {
        setComment('');
        setChoice('');
        setOutcome('');
      },
    );
  };

  return (
    <form className="appeal-actions__form" aria-label={t('appeal.actions.status')} noValidate onSubmit={onSubmit}>
      <label className="field">
        <span className="field__label">{t('appeal.actions.status')}</span>
        <select
          ref={statusRef}
          className="field__input"
          value={status}
          disabled={statuses.length === 0}
          aria-invalid={problem === 'status'}
          aria-describedby={problem === 'status' ? `${ids}-status-error` : undefined}
          data-testid="appeal-status-select"
          onChange={(event) => {
            setChoice(event.target.value as StatusChange | '');
            if (problem === 'status') setProblem(null);
          }}
        >
          <option value="">{t('appeal.actions.chooseStatus')}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`appeal.statusAction.${s}`)}
            </option>
          ))}
        </select>
        {problem === 'status' && (
          <span id={`${ids}-status-error`} className="field__error" role="alert">
            {t('appeal.actions.statusRequired')}
          </span>
        )}
      </label>
      {needsOutcome && (
        <label className="field">
          <span className="field__label">{t('outcome.label')}</span>
          <select
            ref={outcomeRef}
            className="field__input"
            value={outcome}
            aria-invalid={problem === 'outcome'}
            aria-describedby={problem === 'outcome' ? `${ids}-outcome-error` : undefined}
            data-testid="appeal-outcome-select"
            onChange={(event) => {
              setOutcome(event.target.value as Outcome | '');
              if (problem === 'outcome') setProblem(null);
            }}
          >
            <option value="">{t('outcome.choose')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </select>
          {problem === 'outcome' && (
            <span id={`${ids}-outcome-error`} className="field__error" role="alert">
              {t('outcome.required')}
            </span>
          )}
        </label>
      )}
      <label className="field">
        <span className="field__label">{t('appeal.actions.comment')}</span>
        <input
          className="field__input"
          value={comment}
          maxLength={500}
          data-testid="appeal-status-comment"
          onChange={(event) => setComment(event.target.value)}
        />
      </label>
      <button
        type="submit"
        className="button button--primary"
        disabled={isBusy || statuses.length === 0}
        data-testid="appeal-status-submit"
      >
        {t('appeal.actions.apply')}
      </button>
    </form>
  );
}
