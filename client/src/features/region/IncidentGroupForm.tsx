import { CATEGORY_CODES, MAX_LINKED_APPEALS, SEVERITIES, type Appeal, type Incident, type Severity } from '@shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { categoryName } from '../../i18n/names';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';
import { useWrite } from '../agent/useWrite';
import { newIdempotencyKey, postWrite } from '../agent/writeApi';
import { writeProgressOf } from '../appeal/writeProgress';
import { WriteStatusLine } from '../appeal/WriteStatusLine';
import { commonCategory, groupProblemOf, linkBodyOf, openIncidentBodyOf } from './incidentDraft';

export interface IncidentGroupFormProps {
  /** The chosen appeals, in the order they were chosen (the first places a new incident). */
  appeals: readonly Appeal[];
  /** Open incidents of the region, newest first, to add the appeals to instead. */
  incidents: readonly Incident[];
  /** The server accepted the grouping: the choice can be cleared. */
  onAccepted(): void;
  onClose(): void;
}

/**
 * Groups the chosen appeals into a new incident (`POST /api/incidents`) or adds them to an
 * open one (`POST /api/incidents/:id/link`). One write with one idempotency key, retried
 * as is; the line under it goes sending → sent → confirmed (live cursor past the write).
 */
export function IncidentGroupForm({ appeals, incidents, onAccepted, onClose }: IncidentGroupFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useWallStore();
  useReplicaVersion();
  const write = useWrite();
  const titleId = useId();
  const [mode, setMode] = useState<'new' | 'link'>('new');
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState(() => commonCategory(appeals));
  const [severity, setSeverity] = useState<Severity>('major');
  const [incidentId, setIncidentId] = useState(incidents[0]?.id ?? '');
  const [isTitleMissing, setIsTitleMissing] = useState(false);
  const [sentCount, setSentCount] = useState(0);

  // The incident chosen, or the newest open one when that was resolved meanwhile.
  const linkTo = incidents.some((i) => i.id === incidentId) ? incidentId : (incidents[0]?.id ?? '');
  const problem = groupProblemOf(appeals);
  const progress = writeProgressOf(write.phase, store.getReplica().state.cursor);
  const isBusy = progress.state === 'sending' || progress.state === 'waiting';

  const submit = () => {
    if (problem !== null || isBusy) return;
    let path: string;
    let body: unknown;
    if (mode === 'new') {
      if (title.trim() === '') {
        setIsTitleMissing(true);
        return;
      }
      body = openIncidentBodyOf(appeals, { title, category, severity });
      path = '/api/incidents';
    } else {
      if (linkTo === '') return;
      body = linkBodyOf(appeals, linkTo);
      path = `/api/incidents/${encodeURIComponent(linkTo)}/link`;
    }
    if (body === null) return;
    const key = newIdempotencyKey();
    setSentCount(appeals.length);
    write.start(
      () => postWrite(path, body, key),
      (final) => {
        if (final.phase === 'accepted') onAccepted();
      },
    );
  };

  const incident = progress.state === 'sent' || progress.state === 'confirmed' ? (progress.incidentId ?? linkTo) : '';
  return (
    <form
      className="incident-group"
      aria-labelledby={titleId}
      data-testid="incident-group"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2 id={titleId} className="incident-group__title">
        {t('regionView.group.title', { n: appeals.length })}
      </h2>
      {problem === 'mixedRegions' && <p className="incident-group__problem">{t('regionView.group.mixedRegions')}</p>}
      {problem === 'tooMany' && (
        <p className="incident-group__problem">{t('regionView.group.tooMany', { max: MAX_LINKED_APPEALS })}</p>
      )}
      <fieldset className="incident-group__modes">
        <legend className="visually-hidden">{t('regionView.group.mode')}</legend>
        <label>
          <input type="radio" name={`${titleId}-mode`} checked={mode === 'new'} onChange={() => setMode('new')} />
          {t('regionView.group.new')}
        </label>
        <label>
          <input
            type="radio"
            name={`${titleId}-mode`}
            checked={mode === 'link'}
            disabled={incidents.length === 0}
            onChange={() => setMode('link')}
          />
          {incidents.length === 0 ? t('regionView.group.noIncidents') : t('regionView.group.link')}
        </label>
      </fieldset>
      {mode === 'new' ? (
        <div className="incident-group__fields">
          <label className="field">
            <span className="field__label">{t('regionView.group.incidentTitle')}</span>
            <input
              className="field__input"
              value={title}
              maxLength={500}
              // The form opens on a deliberate choice (or "open incident" on an alert): the title is what is left to type.
              autoFocus
              aria-invalid={isTitleMissing || undefined}
              data-testid="incident-group-title"
              onChange={(event) => {
                setTitle(event.target.value);
                setIsTitleMissing(false);
              }}
            />
            {isTitleMissing && <span className="field__error">{t('form.required')}</span>}
          </label>
          <label className="field">
            <span className="field__label">{t('regionView.group.category')}</span>
            <select
              className="field__input"
              value={category}
              onChange={(event) => setCategory(event.target.value as typeof category)}
            >
              {CATEGORY_CODES.map((code) => (
                <option key={code} value={code}>
                  {categoryName(code, language)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('regionView.group.severity')}</span>
            <select
              className="field__input"
              value={severity}
              onChange={(event) => setSeverity(event.target.value as Severity)}
            >
              {SEVERITIES.map((code) => (
                <option key={code} value={code}>
                  {t(`severity.${code}`)}
                </option>
              ))}
            </select>
          </label>
          <p className="incident-group__hint">{t('regionView.group.placeHint', { id: appeals[0]?.id ?? '' })}</p>
        </div>
      ) : (
        <label className="field incident-group__fields">
          <span className="field__label">{t('regionView.group.incident')}</span>
          <select className="field__input" value={linkTo} onChange={(event) => setIncidentId(event.target.value)}>
            {incidents.map((i) => (
              <option key={i.id} value={i.id}>
                {`${i.id} · ${i.title} (${t(`severity.${i.severity}`)})`}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="incident-group__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={problem !== null || isBusy}
          data-testid="incident-group-submit"
        >
          {mode === 'new' ? t('regionView.group.submitNew') : t('regionView.group.submitLink')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('regionView.group.close')}
        </button>
      </div>
      <WriteStatusLine
        progress={progress}
        sentText={t('regionView.group.sent', { id: incident, n: sentCount })}
        confirmedText={t('regionView.group.confirmed', { id: incident, n: sentCount })}
        onRetryNow={write.retryNow}
        testId="incident-group-status"
      />
    </form>
  );
}
