import { SEVERITIES, type Appeal, type Incident, type Severity } from '@shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppealWrite } from '../appeal/useAppealWrite';
import { WriteStatusLine } from '../appeal/WriteStatusLine';
import { LinkPicker } from './LinkPicker';

export interface IncidentActionsProps {
  incident: Incident;
  /** Appeals of the live replica (candidates to link); a map, read afresh on each render. */
  appeals: ReadonlyMap<string, Appeal>;
}

/**
 * What a supervisor of the incident's region does to it (the server checks the same): a note
 * and the severity (`/update`), link more appeals of its region (`/link`), resolve it with an
 * optional outcome (`/resolve`, confirmed once). One write at a time, each with its own
 * idempotency key kept across retries; the status line says sent → confirmed (live).
 */
export function IncidentActions({ incident, appeals }: IncidentActionsProps) {
  const { t } = useTranslation();
  const ids = useId();
  const write = useAppealWrite();
  const [severity, setSeverity] = useState<Severity>(incident.severity);
  const [note, setNote] = useState('');
  const [resolveNote, setResolveNote] = useState('');
  const [isConfirming, setIsConfirming] = useState(false);
  const base = `/api/incidents/${encodeURIComponent(incident.id)}`;
  const isResolved = incident.status === 'resolved';

  const onUpdate = (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    const body = {
      ...(severity !== incident.severity ? { severity } : {}),
      ...(text !== '' ? { note: text } : {}),
    };
    if (write.isBusy || Object.keys(body).length === 0) return;
    write.send(`${base}/update`, body, t('incidentPage.update'), () => setNote(''));
  };
  const onResolve = (event: FormEvent) => {
    event.preventDefault();
    if (write.isBusy) return;
    if (!isConfirming) {
      setIsConfirming(true);
      return;
    }
    const text = resolveNote.trim();
    write.send(`${base}/resolve`, text === '' ? {} : { note: text }, t('incidentPage.resolve'), () => {
      setIsConfirming(false);
      setResolveNote('');
    });
  };

  return (
    <section className="panel appeal-actions" aria-labelledby={`${ids}-title`} data-testid="incident-actions">
      <h2 id={`${ids}-title`} className="panel__title">
        {t('incidentPage.actions')}
      </h2>
      <div className="appeal-actions__body">
        {isResolved ? (
          <p className="appeal-actions__hint" data-testid="incident-resolved-note">
            {t('incidentPage.resolvedNote')}
          </p>
        ) : (
          <>
            <form className="appeal-actions__form" aria-label={t('incidentPage.update')} onSubmit={onUpdate}>
              <label className="field">
                <span className="field__label">{t('incidentPage.severityLabel')}</span>
                <select
                  className="field__input"
                  value={severity}
                  data-testid="incident-severity"
                  onChange={(event) => setSeverity(event.target.value as Severity)}
                >
                  {SEVERITIES.map((s) => (
                    <option key={s} value={s}>
                      {t(`severity.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field__label">{t('incidentPage.note')}</span>
                <textarea
                  className="field__input"
                  rows={2}
                  maxLength={500}
                  value={note}
                  data-testid="incident-note"
                  onChange={(event) => setNote(event.target.value)}
                />
              </label>
              <button type="submit" className="button" disabled={write.isBusy} data-testid="incident-update-submit">
                {t('incidentPage.save')}
              </button>
            </form>
            <LinkPicker
              incident={incident}
              appeals={appeals}
              isBusy={write.isBusy}
              onLink={(appealIds, onAccepted) =>
                write.send(`${base}/link`, { appealIds }, t('incidentPage.link'), onAccepted)
              }
            />
            <form className="appeal-actions__form" aria-label={t('incidentPage.resolve')} onSubmit={onResolve}>
              <label className="field">
                <span className="field__label">{t('incidentPage.resolveNote')}</span>
                <textarea
                  className="field__input"
                  rows={2}
                  maxLength={500}
                  value={resolveNote}
                  data-testid="incident-resolve-note"
                  onChange={(event) => setResolveNote(event.target.value)}
                />
              </label>
              <button
                type="submit"
                className={`button${isConfirming ? ' button--danger' : ''}`}
                disabled={write.isBusy}
                data-testid="incident-resolve-submit"
              >
                {isConfirming ? t('incidentPage.confirmResolve') : t('incidentPage.resolve')}
              </button>
            </form>
          </>
        )}
        <WriteStatusLine
          progress={write.progress}
          sentText={t('incidentPage.sending')}
          confirmedText={t('incidentPage.done')}
          onRetryNow={write.retryNow}
          testId="incident-write-status"
        />
      </div>
    </section>
  );
}
